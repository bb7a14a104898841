import type { AuditAppend, AuditDraft, AuditRecord, AuditStore, StoredAudit } from './AuditStore.ts'
import type { ClientIdRecord, ClientIdStore } from './ClientIdStore.ts'
import type {
  DocumentLog,
  MapAppend,
  MapAppendResult,
  QuarantinedEntry,
  Restoration,
  StoredDocument,
} from './DocumentLog.ts'
import type { ExportRecord, ExportStore, ExportSummary } from './ExportStore.ts'
import type { FamilyVisitRecord, FamilyVisitStore } from './FamilyVisitStore.ts'
import type { Fence } from './Fence.ts'
import type { LinkRecord, LinkStore, ParticipantRecord } from './LinkStore.ts'
import type { MapCatalog, MapRecord } from './MapCatalog.ts'
import type { MapClosureRecord, MapLifecycle } from './MapLifecycle.ts'
import type { ErasureRecord, ErasureRequest, ErasureResult, MapErasure } from './MapErasure.ts'
import type { MapStore } from './MapStore.ts'
import type { ScalingStore, ScalingSubmissionRecord } from './ScalingStore.ts'

/** One store per kind of data, as an engine builds them over its one connection (sqlite/, memory/). */
export interface MapStoreParts {
  maps: MapCatalog
  documents: DocumentLog
  links: LinkStore
  clientIds: ClientIdStore
  scaling: ScalingStore
  exports: ExportStore
  familyVisits: FamilyVisitStore
  audit: AuditStore
  lifecycle: MapLifecycle
  /**
   * How the engine erases a map: every store's rows in one transaction, then the clean-up of its files. The
   * synchronous engines build it as a `SyncErasure` over their erasers; PostgreSQL has its own (decision 0045).
   */
  erasure: MapErasure
}

/**
 * A whole MapStore made of its parts: each method is the one of the part that keeps that kind of data. An engine's
 * store extends it with how its connection opens and closes (SqliteMapStore, MemoryMapStore). They are methods, so
 * a test can override one in a subclass and call `super`.
 */
export abstract class ComposedMapStore implements MapStore {
  readonly #parts: MapStoreParts

  protected constructor(parts: MapStoreParts) {
    this.#parts = parts
  }

  abstract readonly fencesWrites: boolean

  abstract close(): Promise<void>

  createMap(map: MapRecord, initialState: Uint8Array, links?: readonly LinkRecord[]): Promise<void> {
    return this.#parts.maps.createMap(map, initialState, links)
  }

  getMap(id: string): Promise<MapRecord | undefined> {
    return this.#parts.maps.getMap(id)
  }

  createDocument(documentId: string, mapId: string, initialState: Uint8Array): Promise<void> {
    return this.#parts.documents.createDocument(documentId, mapId, initialState)
  }

  appendUpdates(
    mapId: string,
    updates: readonly Uint8Array[],
    audit?: AuditAppend,
    fence?: Fence,
  ): Promise<number> {
    return this.#parts.documents.appendUpdates(mapId, updates, audit, fence)
  }

  appendUpdate(mapId: string, update: Uint8Array, fence?: Fence): Promise<number> {
    return this.#parts.documents.appendUpdate(mapId, update, fence)
  }

  appendToMaps(appends: readonly MapAppend[]): Promise<MapAppendResult[]> {
    return this.#parts.documents.appendToMaps(appends)
  }

  load(mapId: string): Promise<StoredDocument> {
    return this.#parts.documents.load(mapId)
  }

  compact(mapId: string, snapshot: Uint8Array, throughSeq: number, fence?: Fence): Promise<void> {
    return this.#parts.documents.compact(mapId, snapshot, throughSeq, fence)
  }

  quarantine(mapId: string, restoration: Restoration, fence?: Fence): Promise<void> {
    return this.#parts.documents.quarantine(mapId, restoration, fence)
  }

  listQuarantine(mapId: string): Promise<QuarantinedEntry[]> {
    return this.#parts.documents.listQuarantine(mapId)
  }

  createLink(link: LinkRecord): Promise<void> {
    return this.#parts.links.createLink(link)
  }

  getLink(id: string): Promise<LinkRecord | undefined> {
    return this.#parts.links.getLink(id)
  }

  listLinks(mapId: string): Promise<LinkRecord[]> {
    return this.#parts.links.listLinks(mapId)
  }

  revokeLink(id: string, revokedAt: number): Promise<boolean> {
    return this.#parts.links.revokeLink(id, revokedAt)
  }

  addParticipant(participant: ParticipantRecord): Promise<void> {
    return this.#parts.links.addParticipant(participant)
  }

  getParticipant(id: string): Promise<ParticipantRecord | undefined> {
    return this.#parts.links.getParticipant(id)
  }

  renameParticipant(id: string, name: string, agency: string): Promise<boolean> {
    return this.#parts.links.renameParticipant(id, name, agency)
  }

  listParticipants(mapId: string): Promise<ParticipantRecord[]> {
    return this.#parts.links.listParticipants(mapId)
  }

  claimClientIds(
    mapId: string,
    ownerId: string,
    clientIds: readonly number[],
    fence?: Fence,
  ): Promise<number[]> {
    return this.#parts.clientIds.claimClientIds(mapId, ownerId, clientIds, fence)
  }

  listClientIds(mapId: string): Promise<ClientIdRecord[]> {
    return this.#parts.clientIds.listClientIds(mapId)
  }

  putScalingSubmission(submission: ScalingSubmissionRecord): Promise<void> {
    return this.#parts.scaling.putScalingSubmission(submission)
  }

  getScalingSubmission(
    mapId: string,
    roundId: string,
    participantId: string,
  ): Promise<ScalingSubmissionRecord | undefined> {
    return this.#parts.scaling.getScalingSubmission(mapId, roundId, participantId)
  }

  listScalingSubmissions(mapId: string, roundId: string): Promise<ScalingSubmissionRecord[]> {
    return this.#parts.scaling.listScalingSubmissions(mapId, roundId)
  }

  countScalingSubmissions(mapId: string, roundId: string): Promise<number> {
    return this.#parts.scaling.countScalingSubmissions(mapId, roundId)
  }

  putExport(record: ExportRecord): Promise<void> {
    return this.#parts.exports.putExport(record)
  }

  getExport(mapId: string, exportId: string): Promise<ExportRecord | undefined> {
    return this.#parts.exports.getExport(mapId, exportId)
  }

  listExports(mapId: string): Promise<ExportSummary[]> {
    return this.#parts.exports.listExports(mapId)
  }

  addFamilyVisit(visit: FamilyVisitRecord, fence?: Fence): Promise<void> {
    return this.#parts.familyVisits.addFamilyVisit(visit, fence)
  }

  listFamilyVisits(mapId: string): Promise<FamilyVisitRecord[]> {
    return this.#parts.familyVisits.listFamilyVisits(mapId)
  }

  deleteFamilyVisits(mapId: string): Promise<number> {
    return this.#parts.familyVisits.deleteFamilyVisits(mapId)
  }

  closeMap(closure: MapClosureRecord): Promise<void> {
    return this.#parts.lifecycle.closeMap(closure)
  }

  reopenMap(mapId: string): Promise<boolean> {
    return this.#parts.lifecycle.reopenMap(mapId)
  }

  getClosure(mapId: string): Promise<MapClosureRecord | undefined> {
    return this.#parts.lifecycle.getClosure(mapId)
  }

  listClosedBefore(time: number): Promise<MapClosureRecord[]> {
    return this.#parts.lifecycle.listClosedBefore(time)
  }

  eraseMap(mapId: string, request: ErasureRequest): Promise<ErasureResult | undefined> {
    return this.#parts.erasure.eraseMap(mapId, request)
  }

  getErasure(mapId: string): Promise<ErasureRecord | undefined> {
    return this.#parts.erasure.getErasure(mapId)
  }

  appendAudit(mapId: string, drafts: readonly AuditDraft[]): Promise<AuditRecord[]> {
    return this.#parts.audit.appendAudit(mapId, drafts)
  }

  readAudit(mapId: string): Promise<StoredAudit> {
    return this.#parts.audit.readAudit(mapId)
  }

  eraseAudit(mapId: string, erasure: AuditDraft): Promise<AuditRecord> {
    return this.#parts.audit.eraseAudit(mapId, erasure)
  }
}
