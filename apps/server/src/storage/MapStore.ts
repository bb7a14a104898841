import type { Role } from '@mapboard/protocol'

/** What the server knows about a map outside its Y.Doc. */
export interface MapRecord {
  id: string
  title: string
  /** Milliseconds since the epoch. */
  createdAt: number
}

/** One join link. The token carries the same fields signed; this row is what makes a link revocable. */
export interface LinkRecord {
  id: string
  mapId: string
  role: Role
  /** Milliseconds since the epoch. */
  createdAt: number
  /** Milliseconds since the epoch. */
  expiresAt: number
  /** Milliseconds since the epoch, or null while the link is live. */
  revokedAt: number | null
}

/** Someone who joined a map with one of its links: the roster is made of these. */
export interface ParticipantRecord {
  id: string
  mapId: string
  /** The link they joined with; revoking it ends their access. */
  linkId: string
  role: Role
  name: string
  /** '' for family and viewers. */
  agency: string
  /** Milliseconds since the epoch, of the first join (a rename keeps it). */
  joinedAt: number
}

/** Who writes under one Yjs client id of a map's document (see rooms/ClientIdOwners.ts). */
export interface ClientIdRecord {
  clientId: number
  /** A participant id, or ':server' for the server's own writes. */
  ownerId: string
}

/**
 * One person's answer in a blind scaling round. Held here, outside the shared document, until the chair reveals
 * the round: no client receives it before then (see routes/scaling.ts).
 */
export interface ScalingSubmissionRecord {
  mapId: string
  roundId: string
  participantId: string
  /** Who they were when they submitted, from their token. */
  name: string
  role: Exclude<Role, 'viewer'>
  agency: string
  /** 0–10. */
  score: number
  reason: string
  /** Milliseconds since the epoch, of the latest submission (a later one replaces the earlier). */
  updatedAt: number
}

/** What an export is: the map drawn as a PNG, or the whole written record as a PDF. */
export type ExportFormat = 'pdf' | 'png'

/**
 * Whose view of the map an export shows. 'shared' is the shared document every participant, the family included,
 * receives; a 'professionals' audience (restricted material, marked as such) is to come.
 */
export type ExportAudience = 'shared'

/** Who generated an export, as their token said at the time. */
export interface ExportAuthor {
  participantId: string
  name: string
  role: Role
  agency: string
}

/** An export as listed: everything but its bytes. */
export interface ExportSummary {
  id: string
  mapId: string
  format: ExportFormat
  audience: ExportAudience
  /** The store's sequence number of the last document update the export includes (`StoredDocument.lastSeq`). */
  documentVersion: number
  /** SHA-256 (hex) of `Y.encodeStateAsUpdate` of the document at that version, as printed in the record. */
  documentSha256: string
  /** SHA-256 (hex) of `bytes`. */
  bytesSha256: string
  byteLength: number
  generatedBy: ExportAuthor
  /** Milliseconds since the epoch. */
  generatedAt: number
}

/** One generated export, kept as it was made: the same bytes every time it is downloaded, never changed. */
export interface ExportRecord extends ExportSummary {
  bytes: Uint8Array
}

/** A map's document as stored: the last snapshot and the updates appended after it, in order. */
export interface StoredDocument {
  snapshot: Uint8Array | null
  updates: Uint8Array[]
  /** Sequence number of the last update (0 when none was ever appended). Pass it to `compact`. */
  lastSeq: number
}

/**
 * A stored update, or the stored snapshot, that the map's document would not load with (see
 * rooms/loadStoredDocument.ts). It is set aside, never deleted: the bytes are kept for investigation.
 */
export interface QuarantineEntry {
  /** The update's sequence number; for the snapshot, the sequence number it was compacted through. */
  seq: number
  kind: 'snapshot' | 'update'
  data: Uint8Array
  /** Why it was set aside, for whoever investigates (never shown to participants). */
  reason: string
}

/** A quarantined entry as kept: with the restoration that set it aside. */
export interface QuarantinedEntry extends QuarantineEntry {
  mapId: string
  /** Milliseconds since the epoch, when the map was restored without it. */
  restoredAt: number
  /** The document version (`lastSeq`) the restored snapshot covers. */
  restoredVersion: number
}

/** What `quarantine` writes: the entries set aside and the document rebuilt without them. */
export interface Restoration {
  entries: readonly QuarantineEntry[]
  /** The rebuilt document (`Y.encodeStateAsUpdate`); it replaces the snapshot. */
  snapshot: Uint8Array
  /** Every update up to this sequence number is either in `snapshot` or among `entries`. */
  throughSeq: number
  /** Milliseconds since the epoch. */
  restoredAt: number
}

/** Updates to append to one map, as part of `appendToMaps`. */
export interface MapAppend {
  mapId: string
  updates: readonly Uint8Array[]
}

/** What became of one map's appends in `appendToMaps`: the sequence number of its last update, or why not. */
export type MapAppendResult = { ok: true; lastSeq: number } | { ok: false; error: unknown }

/**
 * Durable storage of maps, their documents and their links. Every backend (SQLite now, PostgreSQL for scale-out)
 * runs the contract suite in `test/storage/mapStoreContract.ts`. Methods are async so a networked store fits;
 * a method resolves only once its write is durable.
 */
export interface MapStore {
  /** Creates a map with its initial document state and, atomically, its first links. Fails if the id exists. */
  createMap(map: MapRecord, initialState: Uint8Array, links?: readonly LinkRecord[]): Promise<void>
  getMap(id: string): Promise<MapRecord | undefined>
  /** Appends updates in one transaction; resolves with the sequence number of the last one. */
  appendUpdates(mapId: string, updates: readonly Uint8Array[]): Promise<number>
  appendUpdate(mapId: string, update: Uint8Array): Promise<number>
  /**
   * Appends to several maps in one transaction (one commit for all of them), each map's updates numbered as
   * `appendUpdates` would. A map whose appends fail (no such map) is left unchanged and the others are written;
   * results come in the order of `appends`. Rejects, writing nothing, if the transaction itself fails.
   */
  appendToMaps(appends: readonly MapAppend[]): Promise<MapAppendResult[]>
  /** Snapshot and tail, read in one transaction. Fails if the map does not exist. */
  load(mapId: string): Promise<StoredDocument>
  /**
   * Replaces the snapshot with `snapshot` (which must contain every update up to `throughSeq`) and drops those
   * updates, in one transaction. Updates appended after `throughSeq` stay in the tail.
   */
  compact(mapId: string, snapshot: Uint8Array, throughSeq: number): Promise<void>
  /**
   * In one transaction: keeps `restoration.entries` in the map's quarantine, replaces the snapshot with
   * `restoration.snapshot` and drops the updates up to `restoration.throughSeq` (the quarantined ones among them
   * live on in the quarantine). Fails, writing nothing, if the map does not exist, if `throughSeq` is past the last
   * update or behind the current snapshot, or if an entry's seq is past `throughSeq`.
   */
  quarantine(mapId: string, restoration: Restoration): Promise<void>
  /** A map's quarantined entries, in the order they were set aside (by restoration, then seq). */
  listQuarantine(mapId: string): Promise<QuarantinedEntry[]>
  createLink(link: LinkRecord): Promise<void>
  getLink(id: string): Promise<LinkRecord | undefined>
  listLinks(mapId: string): Promise<LinkRecord[]>
  /** Marks a link revoked; resolves false if there is no such link. Revoking twice keeps the first time. */
  revokeLink(id: string, revokedAt: number): Promise<boolean>
  /** Records someone who joined. Fails if the id exists or the link is not the map's. */
  addParticipant(participant: ParticipantRecord): Promise<void>
  getParticipant(id: string): Promise<ParticipantRecord | undefined>
  /** Changes the name and agency someone goes by; resolves false if there is no such participant. */
  renameParticipant(id: string, name: string, agency: string): Promise<boolean>
  /** A map's participants, in the order they joined. */
  listParticipants(mapId: string): Promise<ParticipantRecord[]>
  /**
   * Claims Yjs client ids of map `mapId` for `ownerId`: each id not yet claimed becomes theirs, atomically. Resolves
   * with the ids that are someone else's (the rest are now, or already were, `ownerId`'s).
   */
  claimClientIds(mapId: string, ownerId: string, clientIds: readonly number[]): Promise<number[]>
  /** Every claimed client id of a map and its owner. */
  listClientIds(mapId: string): Promise<ClientIdRecord[]>
  /**
   * Stores someone's scaling submission, replacing their earlier one in the same round. Fails if the map does not
   * exist.
   */
  putScalingSubmission(submission: ScalingSubmissionRecord): Promise<void>
  getScalingSubmission(
    mapId: string,
    roundId: string,
    participantId: string,
  ): Promise<ScalingSubmissionRecord | undefined>
  /** A round's submissions, by participant id. */
  listScalingSubmissions(mapId: string, roundId: string): Promise<ScalingSubmissionRecord[]>
  countScalingSubmissions(mapId: string, roundId: string): Promise<number>
  /** Keeps an export. Fails if the map does not exist or the id is taken: an export is never replaced. */
  putExport(record: ExportRecord): Promise<void>
  /** One export of a map, bytes included; undefined if the map has no such export. */
  getExport(mapId: string, exportId: string): Promise<ExportRecord | undefined>
  /** A map's exports without their bytes, oldest first. */
  listExports(mapId: string): Promise<ExportSummary[]>
  close(): Promise<void>
}
