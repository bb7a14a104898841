import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { isRole } from '@mapboard/protocol'
import { checkRestoration } from './checkRestoration.ts'
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

// Tables added later with CREATE TABLE IF NOT EXISTS need no new version: an older server ignores them.
const SCHEMA_VERSION = 1

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS maps (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    snapshot BLOB,
    -- every update with seq <= snapshot_seq is contained in snapshot
    snapshot_seq INTEGER NOT NULL DEFAULT 0,
    last_seq INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE TABLE IF NOT EXISTS updates (
    map_id TEXT NOT NULL REFERENCES maps(id),
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (map_id, seq)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS links (
    id TEXT PRIMARY KEY,
    map_id TEXT NOT NULL REFERENCES maps(id),
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
  ) STRICT;
  CREATE INDEX IF NOT EXISTS links_by_map ON links (map_id);
  CREATE TABLE IF NOT EXISTS participants (
    id TEXT PRIMARY KEY,
    map_id TEXT NOT NULL REFERENCES maps(id),
    link_id TEXT NOT NULL REFERENCES links(id),
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    agency TEXT NOT NULL,
    joined_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS participants_by_map ON participants (map_id, joined_at);
  -- Which participant (or ':server') writes under each Yjs client id of a map's document.
  CREATE TABLE IF NOT EXISTS client_ids (
    map_id TEXT NOT NULL REFERENCES maps(id),
    client_id INTEGER NOT NULL,
    owner_id TEXT NOT NULL,
    claimed_at INTEGER NOT NULL,
    PRIMARY KEY (map_id, client_id)
  ) STRICT, WITHOUT ROWID;
  -- Blind scaling: each person's latest answer per round, kept out of the shared document until the reveal.
  CREATE TABLE IF NOT EXISTS scaling_submissions (
    map_id TEXT NOT NULL REFERENCES maps(id),
    round_id TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    agency TEXT NOT NULL,
    score INTEGER NOT NULL,
    reason TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (map_id, round_id, participant_id)
  ) STRICT, WITHOUT ROWID;
  -- Generated records (PDF, PNG), kept as made: the triggers refuse any change or removal of a row.
  CREATE TABLE IF NOT EXISTS exports (
    id TEXT PRIMARY KEY,
    map_id TEXT NOT NULL REFERENCES maps(id),
    format TEXT NOT NULL,
    audience TEXT NOT NULL,
    document_version INTEGER NOT NULL,
    document_sha256 TEXT NOT NULL,
    bytes_sha256 TEXT NOT NULL,
    bytes BLOB NOT NULL,
    generated_by_id TEXT NOT NULL,
    generated_by_name TEXT NOT NULL,
    generated_by_role TEXT NOT NULL,
    generated_by_agency TEXT NOT NULL,
    generated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS exports_by_map ON exports (map_id, generated_at);
  CREATE TRIGGER IF NOT EXISTS exports_never_change BEFORE UPDATE ON exports
    BEGIN SELECT RAISE(ABORT, 'exports are immutable'); END;
  CREATE TRIGGER IF NOT EXISTS exports_never_removed BEFORE DELETE ON exports
    BEGIN SELECT RAISE(ABORT, 'exports are immutable'); END;
  -- Stored updates (or a snapshot) the map's document would not load with, set aside when it was restored
  -- without them (rooms/loadStoredDocument.ts). Kept for investigation; nothing reads them back into a map.
  CREATE TABLE IF NOT EXISTS quarantine (
    id INTEGER PRIMARY KEY,
    map_id TEXT NOT NULL REFERENCES maps(id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    data BLOB NOT NULL,
    reason TEXT NOT NULL,
    restored_at INTEGER NOT NULL,
    restored_version INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX IF NOT EXISTS quarantine_by_map ON quarantine (map_id, id);
`

interface MapRow {
  id: string
  title: string
  created_at: number
}
interface LinkRow {
  id: string
  map_id: string
  role: string
  created_at: number
  expires_at: number
  revoked_at: number | null
}
interface ParticipantRow {
  id: string
  map_id: string
  link_id: string
  role: string
  name: string
  agency: string
  joined_at: number
}
interface SubmissionRow {
  map_id: string
  round_id: string
  participant_id: string
  name: string
  role: string
  agency: string
  score: number
  reason: string
  updated_at: number
}

interface QuarantineRow {
  map_id: string
  seq: number
  kind: string
  data: Buffer
  reason: string
  restored_at: number
  restored_version: number
}

function toQuarantined(row: QuarantineRow): QuarantinedEntry {
  if (row.kind !== 'snapshot' && row.kind !== 'update') {
    throw new Error(`quarantined entry ${row.seq} of ${row.map_id} has an unknown kind`)
  }
  return {
    mapId: row.map_id,
    seq: row.seq,
    kind: row.kind,
    data: bytes(row.data),
    reason: row.reason,
    restoredAt: row.restored_at,
    restoredVersion: row.restored_version,
  }
}

interface ExportRow {
  id: string
  map_id: string
  format: string
  audience: string
  document_version: number
  document_sha256: string
  bytes_sha256: string
  byte_length: number
  generated_by_id: string
  generated_by_name: string
  generated_by_role: string
  generated_by_agency: string
  generated_at: number
}

/**
 * Map contents are sensitive: only the server's user may read the database. SQLite creates the -wal and -shm
 * files with the database file's mode, so the file exists with mode 0600 before SQLite first opens it.
 */
function createPrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  try {
    writeFileSync(path, '', { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error
  }
  chmodSync(path, 0o600)
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) chmodSync(path + suffix, 0o600)
  }
}

/** better-sqlite3 hands out Buffers; callers get plain Uint8Arrays so every store returns the same type. */
function bytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

function toLink(row: LinkRow): LinkRecord {
  if (!isRole(row.role)) throw new Error(`link ${row.id} has an unknown role`)
  return {
    id: row.id,
    mapId: row.map_id,
    role: row.role,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  }
}

function toParticipant(row: ParticipantRow): ParticipantRecord {
  if (!isRole(row.role)) throw new Error(`participant ${row.id} has an unknown role`)
  return {
    id: row.id,
    mapId: row.map_id,
    linkId: row.link_id,
    role: row.role,
    name: row.name,
    agency: row.agency,
    joinedAt: row.joined_at,
  }
}

function toSubmission(row: SubmissionRow): ScalingSubmissionRecord {
  if (!isRole(row.role) || row.role === 'viewer') {
    throw new Error(`scaling submission of ${row.participant_id} has an unknown role`)
  }
  return {
    mapId: row.map_id,
    roundId: row.round_id,
    participantId: row.participant_id,
    name: row.name,
    role: row.role,
    agency: row.agency,
    score: row.score,
    reason: row.reason,
    updatedAt: row.updated_at,
  }
}

function toExportSummary(row: ExportRow): ExportSummary {
  const role = row.generated_by_role
  if (!isRole(role)) throw new Error(`export ${row.id} has an unknown role`)
  if (row.format !== 'pdf' && row.format !== 'png') throw new Error(`export ${row.id} has an unknown format`)
  if (row.audience !== 'shared') throw new Error(`export ${row.id} has an unknown audience`)
  return {
    id: row.id,
    mapId: row.map_id,
    format: row.format,
    audience: row.audience,
    documentVersion: row.document_version,
    documentSha256: row.document_sha256,
    bytesSha256: row.bytes_sha256,
    byteLength: row.byte_length,
    generatedBy: {
      participantId: row.generated_by_id,
      name: row.generated_by_name,
      role,
      agency: row.generated_by_agency,
    },
    generatedAt: row.generated_at,
  }
}

// Every column but the bytes, and their length.
const EXPORT_SUMMARY_COLUMNS = `id, map_id, format, audience, document_version, document_sha256, bytes_sha256,
  length(bytes) AS byte_length, generated_by_id, generated_by_name, generated_by_role, generated_by_agency,
  generated_at`

/**
 * The default store: one SQLite file in WAL mode. `synchronous = FULL` makes every committed transaction survive
 * a power cut, not only a process crash — the server broadcasts an update only after its commit, so nobody may
 * see what a crash could lose. better-sqlite3 is synchronous; the async methods resolve once the commit is done.
 */
export class SqliteMapStore implements MapStore {
  readonly #db: Database.Database
  readonly #statements

  constructor(readonly path: string) {
    if (path !== ':memory:') createPrivateFile(path)
    const db = new Database(path)
    this.#db = db
    try {
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = FULL')
      db.pragma('foreign_keys = ON')
      db.pragma('busy_timeout = 5000')
      const version = db.pragma('user_version', { simple: true })
      if (typeof version === 'number' && version > SCHEMA_VERSION) {
        throw new Error(
          `${path} was written by a newer Mapboard (schema ${version}, this one knows ${SCHEMA_VERSION})`,
        )
      }
      db.exec(SCHEMA)
      db.pragma(`user_version = ${SCHEMA_VERSION}`)
    } catch (error) {
      db.close()
      throw error
    }

    this.#statements = {
      insertMap: db.prepare<[string, string, number, Uint8Array]>(
        'INSERT INTO maps (id, title, created_at, snapshot) VALUES (?, ?, ?, ?)',
      ),
      getMap: db.prepare<[string], MapRow>('SELECT id, title, created_at FROM maps WHERE id = ?'),
      getSeqs: db.prepare<[string], { last_seq: number; snapshot_seq: number }>(
        'SELECT last_seq, snapshot_seq FROM maps WHERE id = ?',
      ),
      setLastSeq: db.prepare<[number, string]>('UPDATE maps SET last_seq = ? WHERE id = ?'),
      insertUpdate: db.prepare<[string, number, Uint8Array]>(
        'INSERT INTO updates (map_id, seq, data) VALUES (?, ?, ?)',
      ),
      getSnapshot: db.prepare<[string], { snapshot: Buffer | null; last_seq: number }>(
        'SELECT snapshot, last_seq FROM maps WHERE id = ?',
      ),
      getTail: db.prepare<[string], { data: Buffer }>(
        'SELECT data FROM updates WHERE map_id = ? ORDER BY seq',
      ),
      setSnapshot: db.prepare<[Uint8Array, number, string]>(
        'UPDATE maps SET snapshot = ?, snapshot_seq = ? WHERE id = ?',
      ),
      deleteUpdatesThrough: db.prepare<[string, number]>('DELETE FROM updates WHERE map_id = ? AND seq <= ?'),
      insertLink: db.prepare<[string, string, string, number, number, number | null]>(
        'INSERT INTO links (id, map_id, role, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      getLink: db.prepare<[string], LinkRow>('SELECT * FROM links WHERE id = ?'),
      listLinks: db.prepare<[string], LinkRow>(
        'SELECT * FROM links WHERE map_id = ? ORDER BY created_at, id',
      ),
      revokeLink: db.prepare<[number, string]>(
        'UPDATE links SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?',
      ),
      // The link must belong to the same map: a participant can never be filed under another map's link.
      insertParticipant: db.prepare<[string, string, string, string, string, string, number, string, string]>(
        `INSERT INTO participants (id, map_id, link_id, role, name, agency, joined_at)
         SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM links WHERE id = ? AND map_id = ?)`,
      ),
      getParticipant: db.prepare<[string], ParticipantRow>('SELECT * FROM participants WHERE id = ?'),
      renameParticipant: db.prepare<[string, string, string]>(
        'UPDATE participants SET name = ?, agency = ? WHERE id = ?',
      ),
      claimClientId: db.prepare<[string, number, string, number]>(
        'INSERT OR IGNORE INTO client_ids (map_id, client_id, owner_id, claimed_at) VALUES (?, ?, ?, ?)',
      ),
      getClientIdOwner: db.prepare<[string, number], { owner_id: string }>(
        'SELECT owner_id FROM client_ids WHERE map_id = ? AND client_id = ?',
      ),
      listClientIds: db.prepare<[string], { client_id: number; owner_id: string }>(
        'SELECT client_id, owner_id FROM client_ids WHERE map_id = ? ORDER BY client_id',
      ),
      listParticipants: db.prepare<[string], ParticipantRow>(
        'SELECT * FROM participants WHERE map_id = ? ORDER BY joined_at, rowid',
      ),
      putSubmission: db.prepare<[string, string, string, string, string, string, number, string, number]>(
        `INSERT INTO scaling_submissions
           (map_id, round_id, participant_id, name, role, agency, score, reason, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (map_id, round_id, participant_id) DO UPDATE SET
           name = excluded.name, role = excluded.role, agency = excluded.agency, score = excluded.score,
           reason = excluded.reason, updated_at = excluded.updated_at`,
      ),
      getSubmission: db.prepare<[string, string, string], SubmissionRow>(
        'SELECT * FROM scaling_submissions WHERE map_id = ? AND round_id = ? AND participant_id = ?',
      ),
      listSubmissions: db.prepare<[string, string], SubmissionRow>(
        'SELECT * FROM scaling_submissions WHERE map_id = ? AND round_id = ? ORDER BY participant_id',
      ),
      countSubmissions: db.prepare<[string, string], { count: number }>(
        'SELECT count(*) AS count FROM scaling_submissions WHERE map_id = ? AND round_id = ?',
      ),
      insertExport: db.prepare<
        [
          string,
          string,
          string,
          string,
          number,
          string,
          string,
          Uint8Array,
          string,
          string,
          string,
          string,
          number,
        ]
      >(
        `INSERT INTO exports (id, map_id, format, audience, document_version, document_sha256, bytes_sha256, bytes,
           generated_by_id, generated_by_name, generated_by_role, generated_by_agency, generated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      getExport: db.prepare<[string, string], ExportRow & { bytes: Buffer }>(
        `SELECT ${EXPORT_SUMMARY_COLUMNS}, bytes FROM exports WHERE map_id = ? AND id = ?`,
      ),
      insertQuarantined: db.prepare<[string, number, string, Uint8Array, string, number, number]>(
        `INSERT INTO quarantine (map_id, seq, kind, data, reason, restored_at, restored_version)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      listQuarantine: db.prepare<[string], QuarantineRow>(
        'SELECT * FROM quarantine WHERE map_id = ? ORDER BY id',
      ),
      listExports: db.prepare<[string], ExportRow>(
        `SELECT ${EXPORT_SUMMARY_COLUMNS} FROM exports WHERE map_id = ? ORDER BY generated_at, rowid`,
      ),
    }
  }

  readonly #createMap = (map: MapRecord, initialState: Uint8Array, links: readonly LinkRecord[]): void => {
    this.#db.transaction(() => {
      this.#statements.insertMap.run(map.id, map.title, map.createdAt, initialState)
      for (const link of links) this.#insertLink(link)
    })()
  }

  readonly #appendUpdates = (mapId: string, updates: readonly Uint8Array[]): number =>
    this.#db.transaction(() => {
      const seqs = this.#statements.getSeqs.get(mapId)
      if (seqs === undefined) throw new Error(`no map ${mapId}`)
      let seq = seqs.last_seq
      for (const update of updates) this.#statements.insertUpdate.run(mapId, ++seq, update)
      this.#statements.setLastSeq.run(seq, mapId)
      return seq
    })()

  /** Each map under its own savepoint (a nested transaction), so one map's failure leaves the others written. */
  readonly #appendToMaps = (appends: readonly MapAppend[]): MapAppendResult[] =>
    this.#db.transaction(() =>
      appends.map(({ mapId, updates }): MapAppendResult => {
        try {
          return { ok: true, lastSeq: this.#appendUpdates(mapId, updates) }
        } catch (error) {
          return { ok: false, error }
        }
      }),
    )()

  readonly #load = (mapId: string): StoredDocument =>
    this.#db.transaction(() => {
      const row = this.#statements.getSnapshot.get(mapId)
      if (row === undefined) throw new Error(`no map ${mapId}`)
      return {
        snapshot: row.snapshot === null ? null : bytes(row.snapshot),
        updates: this.#statements.getTail.all(mapId).map((update) => bytes(update.data)),
        lastSeq: row.last_seq,
      }
    })()

  readonly #compact = (mapId: string, snapshot: Uint8Array, throughSeq: number): void => {
    this.#db.transaction(() => {
      const seqs = this.#statements.getSeqs.get(mapId)
      if (seqs === undefined) throw new Error(`no map ${mapId}`)
      if (throughSeq > seqs.last_seq)
        throw new Error(`cannot compact ${mapId} through ${throughSeq}: not written`)
      // An older snapshot must never replace a newer one (two compactions racing).
      if (throughSeq < seqs.snapshot_seq) return
      this.#statements.setSnapshot.run(snapshot, throughSeq, mapId)
      this.#statements.deleteUpdatesThrough.run(mapId, throughSeq)
    })()
  }

  readonly #quarantine = (mapId: string, restoration: Restoration): void => {
    this.#db.transaction(() => {
      const seqs = this.#statements.getSeqs.get(mapId)
      if (seqs === undefined) throw new Error(`no map ${mapId}`)
      const { entries, snapshot, throughSeq, restoredAt } = restoration
      checkRestoration(mapId, restoration, seqs.last_seq, seqs.snapshot_seq)
      for (const entry of entries) {
        this.#statements.insertQuarantined.run(
          mapId,
          entry.seq,
          entry.kind,
          entry.data,
          entry.reason,
          restoredAt,
          throughSeq,
        )
      }
      this.#statements.setSnapshot.run(snapshot, throughSeq, mapId)
      this.#statements.deleteUpdatesThrough.run(mapId, throughSeq)
    })()
  }

  #insertLink(link: LinkRecord): void {
    this.#statements.insertLink.run(
      link.id,
      link.mapId,
      link.role,
      link.createdAt,
      link.expiresAt,
      link.revokedAt,
    )
  }

  async createMap(
    map: MapRecord,
    initialState: Uint8Array,
    links: readonly LinkRecord[] = [],
  ): Promise<void> {
    this.#createMap(map, initialState, links)
  }

  async getMap(id: string): Promise<MapRecord | undefined> {
    const row = this.#statements.getMap.get(id)
    return row === undefined ? undefined : { id: row.id, title: row.title, createdAt: row.created_at }
  }

  async appendUpdates(mapId: string, updates: readonly Uint8Array[]): Promise<number> {
    return this.#appendUpdates(mapId, updates)
  }

  async appendUpdate(mapId: string, update: Uint8Array): Promise<number> {
    return this.#appendUpdates(mapId, [update])
  }

  async appendToMaps(appends: readonly MapAppend[]): Promise<MapAppendResult[]> {
    return this.#appendToMaps(appends)
  }

  async load(mapId: string): Promise<StoredDocument> {
    return this.#load(mapId)
  }

  async compact(mapId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    this.#compact(mapId, snapshot, throughSeq)
  }

  async quarantine(mapId: string, restoration: Restoration): Promise<void> {
    this.#quarantine(mapId, restoration)
  }

  async listQuarantine(mapId: string): Promise<QuarantinedEntry[]> {
    return this.#statements.listQuarantine.all(mapId).map(toQuarantined)
  }

  async createLink(link: LinkRecord): Promise<void> {
    this.#insertLink(link)
  }

  async getLink(id: string): Promise<LinkRecord | undefined> {
    const row = this.#statements.getLink.get(id)
    return row === undefined ? undefined : toLink(row)
  }

  async listLinks(mapId: string): Promise<LinkRecord[]> {
    return this.#statements.listLinks.all(mapId).map(toLink)
  }

  async revokeLink(id: string, revokedAt: number): Promise<boolean> {
    return this.#statements.revokeLink.run(revokedAt, id).changes > 0
  }

  async addParticipant(participant: ParticipantRecord): Promise<void> {
    const { id, mapId, linkId, role, name, agency, joinedAt } = participant
    const inserted = this.#statements.insertParticipant.run(
      id,
      mapId,
      linkId,
      role,
      name,
      agency,
      joinedAt,
      linkId,
      mapId,
    )
    if (inserted.changes === 0) throw new Error(`link ${linkId} is not a link of map ${mapId}`)
  }

  async getParticipant(id: string): Promise<ParticipantRecord | undefined> {
    const row = this.#statements.getParticipant.get(id)
    return row === undefined ? undefined : toParticipant(row)
  }

  async renameParticipant(id: string, name: string, agency: string): Promise<boolean> {
    return this.#statements.renameParticipant.run(name, agency, id).changes > 0
  }

  async listParticipants(mapId: string): Promise<ParticipantRecord[]> {
    return this.#statements.listParticipants.all(mapId).map(toParticipant)
  }

  readonly #claimClientIds = (mapId: string, ownerId: string, clientIds: readonly number[]): number[] =>
    this.#db.transaction(() => {
      if (this.#statements.getSeqs.get(mapId) === undefined) throw new Error(`no map ${mapId}`)
      const now = Date.now()
      const taken: number[] = []
      for (const clientId of clientIds) {
        this.#statements.claimClientId.run(mapId, clientId, ownerId, now)
        if (this.#statements.getClientIdOwner.get(mapId, clientId)?.owner_id !== ownerId) taken.push(clientId)
      }
      return taken
    })()

  async claimClientIds(mapId: string, ownerId: string, clientIds: readonly number[]): Promise<number[]> {
    return this.#claimClientIds(mapId, ownerId, clientIds)
  }

  async listClientIds(mapId: string): Promise<ClientIdRecord[]> {
    return this.#statements.listClientIds
      .all(mapId)
      .map((row) => ({ clientId: row.client_id, ownerId: row.owner_id }))
  }

  async putScalingSubmission(submission: ScalingSubmissionRecord): Promise<void> {
    const { mapId, roundId, participantId, name, role, agency, score, reason, updatedAt } = submission
    this.#statements.putSubmission.run(
      mapId,
      roundId,
      participantId,
      name,
      role,
      agency,
      score,
      reason,
      updatedAt,
    )
  }

  async getScalingSubmission(
    mapId: string,
    roundId: string,
    participantId: string,
  ): Promise<ScalingSubmissionRecord | undefined> {
    const row = this.#statements.getSubmission.get(mapId, roundId, participantId)
    return row === undefined ? undefined : toSubmission(row)
  }

  async listScalingSubmissions(mapId: string, roundId: string): Promise<ScalingSubmissionRecord[]> {
    return this.#statements.listSubmissions.all(mapId, roundId).map(toSubmission)
  }

  async countScalingSubmissions(mapId: string, roundId: string): Promise<number> {
    return this.#statements.countSubmissions.get(mapId, roundId)?.count ?? 0
  }

  async putExport(record: ExportRecord): Promise<void> {
    const { generatedBy: by } = record
    this.#statements.insertExport.run(
      record.id,
      record.mapId,
      record.format,
      record.audience,
      record.documentVersion,
      record.documentSha256,
      record.bytesSha256,
      record.bytes,
      by.participantId,
      by.name,
      by.role,
      by.agency,
      record.generatedAt,
    )
  }

  async getExport(mapId: string, exportId: string): Promise<ExportRecord | undefined> {
    const row = this.#statements.getExport.get(mapId, exportId)
    return row === undefined ? undefined : { ...toExportSummary(row), bytes: bytes(row.bytes) }
  }

  async listExports(mapId: string): Promise<ExportSummary[]> {
    return this.#statements.listExports.all(mapId).map(toExportSummary)
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close()
  }
}
