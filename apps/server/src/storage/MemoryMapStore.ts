import type { ClientIdRecord } from './ClientIdStore.ts'
import type {
  MapAppend,
  MapAppendResult,
  QuarantinedEntry,
  Restoration,
  StoredDocument,
} from './DocumentLog.ts'
import type { ExportRecord, ExportSummary } from './ExportStore.ts'
import type { LinkRecord, ParticipantRecord } from './LinkStore.ts'
import type { MapRecord } from './MapCatalog.ts'
import type { MapStore } from './MapStore.ts'
import type { ScalingSubmissionRecord } from './ScalingStore.ts'
import { checkRestoration } from './checkRestoration.ts'

interface StoredMap {
  record: MapRecord
  snapshot: Uint8Array | null
  /** Every update with seq <= snapshotSeq is contained in snapshot. */
  snapshotSeq: number
  lastSeq: number
  updates: Array<{ seq: number; data: Uint8Array }>
  /** Client id → owner id. */
  clientIds: Map<number, string>
  /** Set aside when the map was restored, in that order. */
  quarantine: QuarantinedEntry[]
}

/** What a MemoryMapStore holds; a reopened store shares it, as a reopened database shares its file. */
interface MemoryTables {
  maps: Map<string, StoredMap>
  links: Map<string, LinkRecord>
  /** In insertion order, which breaks ties in join order as SQLite's rowid does. */
  participants: Map<string, ParticipantRecord>
  /** By submissionKey. */
  scalingSubmissions: Map<string, ScalingSubmissionRecord>
  /** By id, in the order they were kept. */
  exports: Map<string, ExportRecord>
}

const submissionKey = (mapId: string, roundId: string, participantId: string): string =>
  JSON.stringify([mapId, roundId, participantId])

const copy = (bytes: Uint8Array) => new Uint8Array(bytes)

/**
 * A MapStore that keeps everything in this process's memory: nothing survives the process. For benchmarks (what
 * durability costs) and tests; it passes the same contract suite as the SQLite store. Values are copied in and out,
 * so callers never share a buffer or record with it.
 */
export class MemoryMapStore implements MapStore {
  readonly #tables: MemoryTables
  #closed = false

  constructor(tables?: MemoryTables) {
    this.#tables = tables ?? {
      maps: new Map(),
      links: new Map(),
      participants: new Map(),
      scalingSubmissions: new Map(),
      exports: new Map(),
    }
  }

  /** A new store over the same data, as closing and reopening a durable store would give. */
  reopen(): MemoryMapStore {
    this.#closed = true
    return new MemoryMapStore(this.#tables)
  }

  #open(): MemoryTables {
    if (this.#closed) throw new Error('the store is closed')
    return this.#tables
  }

  #map(id: string): StoredMap {
    const map = this.#open().maps.get(id)
    if (map === undefined) throw new Error(`no map ${id}`)
    return map
  }

  /** Checks a link as the database's keys would: a new id, of an existing map (or of `creating`). */
  #checkNewLink(link: LinkRecord, creating?: string): void {
    const tables = this.#open()
    if (tables.links.has(link.id)) throw new Error(`link ${link.id} exists`)
    if (link.mapId !== creating && !tables.maps.has(link.mapId)) throw new Error(`no map ${link.mapId}`)
  }

  async createMap(
    map: MapRecord,
    initialState: Uint8Array,
    links: readonly LinkRecord[] = [],
  ): Promise<void> {
    const tables = this.#open()
    if (tables.maps.has(map.id)) throw new Error(`map ${map.id} exists`)
    // All or nothing: check every link before writing anything.
    const ids = new Set<string>()
    for (const link of links) {
      this.#checkNewLink(link, map.id)
      if (ids.has(link.id)) throw new Error(`link ${link.id} given twice`)
      ids.add(link.id)
    }
    tables.maps.set(map.id, {
      record: { ...map },
      snapshot: copy(initialState),
      snapshotSeq: 0,
      lastSeq: 0,
      updates: [],
      clientIds: new Map(),
      quarantine: [],
    })
    for (const link of links) tables.links.set(link.id, { ...link })
  }

  async getMap(id: string): Promise<MapRecord | undefined> {
    const map = this.#open().maps.get(id)
    return map === undefined ? undefined : { ...map.record }
  }

  async appendUpdates(mapId: string, updates: readonly Uint8Array[]): Promise<number> {
    const map = this.#map(mapId)
    for (const update of updates) map.updates.push({ seq: ++map.lastSeq, data: copy(update) })
    return map.lastSeq
  }

  async appendUpdate(mapId: string, update: Uint8Array): Promise<number> {
    return this.appendUpdates(mapId, [update])
  }

  async appendToMaps(appends: readonly MapAppend[]): Promise<MapAppendResult[]> {
    this.#open()
    const results: MapAppendResult[] = []
    for (const { mapId, updates } of appends) {
      try {
        results.push({ ok: true, lastSeq: await this.appendUpdates(mapId, updates) })
      } catch (error) {
        results.push({ ok: false, error })
      }
    }
    return results
  }

  async load(mapId: string): Promise<StoredDocument> {
    const map = this.#map(mapId)
    return {
      snapshot: map.snapshot === null ? null : copy(map.snapshot),
      updates: map.updates.map((update) => copy(update.data)),
      lastSeq: map.lastSeq,
    }
  }

  async compact(mapId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    const map = this.#map(mapId)
    if (throughSeq > map.lastSeq)
      throw new Error(`cannot compact ${mapId} through ${throughSeq}: not written`)
    // An older snapshot must never replace a newer one (two compactions racing).
    if (throughSeq < map.snapshotSeq) return
    map.snapshot = copy(snapshot)
    map.snapshotSeq = throughSeq
    map.updates = map.updates.filter((update) => update.seq > throughSeq)
  }

  async quarantine(mapId: string, restoration: Restoration): Promise<void> {
    const map = this.#map(mapId)
    const { entries, snapshot, throughSeq, restoredAt } = restoration
    checkRestoration(mapId, restoration, map.lastSeq, map.snapshotSeq)
    for (const entry of entries) {
      map.quarantine.push({
        ...entry,
        data: copy(entry.data),
        mapId,
        restoredAt,
        restoredVersion: throughSeq,
      })
    }
    map.snapshot = copy(snapshot)
    map.snapshotSeq = throughSeq
    map.updates = map.updates.filter((update) => update.seq > throughSeq)
  }

  async listQuarantine(mapId: string): Promise<QuarantinedEntry[]> {
    return (this.#open().maps.get(mapId)?.quarantine ?? []).map((entry) => ({
      ...entry,
      data: copy(entry.data),
    }))
  }

  async createLink(link: LinkRecord): Promise<void> {
    this.#checkNewLink(link)
    this.#open().links.set(link.id, { ...link })
  }

  async getLink(id: string): Promise<LinkRecord | undefined> {
    const link = this.#open().links.get(id)
    return link === undefined ? undefined : { ...link }
  }

  async listLinks(mapId: string): Promise<LinkRecord[]> {
    return [...this.#open().links.values()]
      .filter((link) => link.mapId === mapId)
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((link) => ({ ...link }))
  }

  async revokeLink(id: string, revokedAt: number): Promise<boolean> {
    const link = this.#open().links.get(id)
    if (link === undefined) return false
    link.revokedAt ??= revokedAt
    return true
  }

  async addParticipant(participant: ParticipantRecord): Promise<void> {
    const tables = this.#open()
    if (tables.participants.has(participant.id)) throw new Error(`participant ${participant.id} exists`)
    if (tables.links.get(participant.linkId)?.mapId !== participant.mapId) {
      throw new Error(`link ${participant.linkId} is not a link of map ${participant.mapId}`)
    }
    tables.participants.set(participant.id, { ...participant })
  }

  async getParticipant(id: string): Promise<ParticipantRecord | undefined> {
    const participant = this.#open().participants.get(id)
    return participant === undefined ? undefined : { ...participant }
  }

  async renameParticipant(id: string, name: string, agency: string): Promise<boolean> {
    const participant = this.#open().participants.get(id)
    if (participant === undefined) return false
    participant.name = name
    participant.agency = agency
    return true
  }

  async listParticipants(mapId: string): Promise<ParticipantRecord[]> {
    // A stable sort keeps insertion order among equal join times.
    return [...this.#open().participants.values()]
      .filter((participant) => participant.mapId === mapId)
      .sort((a, b) => a.joinedAt - b.joinedAt)
      .map((participant) => ({ ...participant }))
  }

  async claimClientIds(mapId: string, ownerId: string, clientIds: readonly number[]): Promise<number[]> {
    const owners = this.#map(mapId).clientIds
    const taken: number[] = []
    for (const clientId of clientIds) {
      if (!owners.has(clientId)) owners.set(clientId, ownerId)
      if (owners.get(clientId) !== ownerId) taken.push(clientId)
    }
    return taken
  }

  async listClientIds(mapId: string): Promise<ClientIdRecord[]> {
    return [...this.#map(mapId).clientIds]
      .sort(([a], [b]) => a - b)
      .map(([clientId, ownerId]) => ({ clientId, ownerId }))
  }

  async putScalingSubmission(submission: ScalingSubmissionRecord): Promise<void> {
    this.#map(submission.mapId)
    const key = submissionKey(submission.mapId, submission.roundId, submission.participantId)
    this.#open().scalingSubmissions.set(key, { ...submission })
  }

  async getScalingSubmission(
    mapId: string,
    roundId: string,
    participantId: string,
  ): Promise<ScalingSubmissionRecord | undefined> {
    const submission = this.#open().scalingSubmissions.get(submissionKey(mapId, roundId, participantId))
    return submission === undefined ? undefined : { ...submission }
  }

  async listScalingSubmissions(mapId: string, roundId: string): Promise<ScalingSubmissionRecord[]> {
    return [...this.#open().scalingSubmissions.values()]
      .filter((submission) => submission.mapId === mapId && submission.roundId === roundId)
      .sort((a, b) => (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0))
      .map((submission) => ({ ...submission }))
  }

  async countScalingSubmissions(mapId: string, roundId: string): Promise<number> {
    return (await this.listScalingSubmissions(mapId, roundId)).length
  }

  async putExport(record: ExportRecord): Promise<void> {
    this.#map(record.mapId)
    const exports = this.#open().exports
    if (exports.has(record.id)) throw new Error(`export ${record.id} exists`)
    exports.set(record.id, { ...record, generatedBy: { ...record.generatedBy }, bytes: copy(record.bytes) })
  }

  async getExport(mapId: string, exportId: string): Promise<ExportRecord | undefined> {
    const record = this.#open().exports.get(exportId)
    if (record === undefined || record.mapId !== mapId) return undefined
    return { ...record, generatedBy: { ...record.generatedBy }, bytes: copy(record.bytes) }
  }

  async listExports(mapId: string): Promise<ExportSummary[]> {
    // A stable sort keeps the order they were kept in among equal times, as SQLite's rowid does.
    return [...this.#open().exports.values()]
      .filter((record) => record.mapId === mapId)
      .sort((a, b) => a.generatedAt - b.generatedAt)
      .map(({ bytes: _bytes, ...summary }) => ({ ...summary, generatedBy: { ...summary.generatedBy } }))
  }

  async close(): Promise<void> {
    this.#closed = true
  }
}
