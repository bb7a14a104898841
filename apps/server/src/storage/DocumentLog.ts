import type { AuditAppend } from './AuditStore.ts'
import type { Fence } from './Fence.ts'

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

/**
 * Updates to append to one map, as part of `appendToMaps`, and the audit entries about them, written in the same
 * transaction (so the trail and the document cannot disagree). `updates` may be empty when only entries are due.
 */
export interface MapAppend {
  mapId: string
  updates: readonly Uint8Array[]
  audit?: AuditAppend
  /** The writing authority's fence for room `mapId`: if it is fenced out, this map's appends fail with FencedOutError. */
  fence?: Fence
}

/** What became of one map's appends in `appendToMaps`: the sequence number of its last update, or why not. */
export type MapAppendResult = { ok: true; lastSeq: number } | { ok: false; error: unknown }

/**
 * Each map's Yjs document: a snapshot and the log of updates appended after it, folded into a new snapshot now
 * and then, and the quarantine of what would not load. A map's first snapshot is its initial state
 * (`MapCatalog.createMap`).
 *
 * `fence`: the writing authority's (Fence.ts). A store that fences writes refuses, in the write's transaction and
 * writing nothing, one whose room was written since with a larger token (FencedOutError); the others ignore it.
 */
export interface DocumentLog {
  /**
   * Makes map `mapId`'s professionals' document, kept under `documentId` (`<mapId>/professionals`, the room's
   * name) with `initialState` as its first snapshot, unless it exists already. Fails if map `mapId` does not
   * exist. Every method here then takes `documentId` as it takes a map id; MapCatalog never answers for it.
   */
  createDocument(documentId: string, mapId: string, initialState: Uint8Array): Promise<void>
  /**
   * Appends updates in one transaction; resolves with the sequence number of the last one. `audit`: entries about
   * them, numbered and chained in the same transaction (both or neither).
   */
  appendUpdates(
    mapId: string,
    updates: readonly Uint8Array[],
    audit?: AuditAppend,
    fence?: Fence,
  ): Promise<number>
  appendUpdate(mapId: string, update: Uint8Array, fence?: Fence): Promise<number>
  /**
   * Appends to several maps in one transaction (one commit for all of them), each map's updates numbered as
   * `appendUpdates` would. A map whose appends fail (no such map) is left unchanged and the others are written;
   * results come in the order of `appends` (a fenced-out map fails the same way). Rejects, writing nothing, if the transaction itself fails. A map's
   * `audit` drafts are numbered and chained as `AuditStore.appendAudit` would, with its updates: both or neither.
   */
  appendToMaps(appends: readonly MapAppend[]): Promise<MapAppendResult[]>
  /** Snapshot and tail, read in one transaction. Fails if the map does not exist. */
  load(mapId: string): Promise<StoredDocument>
  /**
   * Replaces the snapshot with `snapshot` (which must contain every update up to `throughSeq`) and drops those
   * updates, in one transaction. Updates appended after `throughSeq` stay in the tail.
   */
  compact(mapId: string, snapshot: Uint8Array, throughSeq: number, fence?: Fence): Promise<void>
  /**
   * In one transaction: keeps `restoration.entries` in the map's quarantine, replaces the snapshot with
   * `restoration.snapshot` and drops the updates up to `restoration.throughSeq` (the quarantined ones among them
   * live on in the quarantine). Fails, writing nothing, if the map does not exist, if `throughSeq` is past the last
   * update or behind the current snapshot, or if an entry's seq is past `throughSeq`.
   */
  quarantine(mapId: string, restoration: Restoration, fence?: Fence): Promise<void>
  /** A map's quarantined entries, in the order they were set aside (by restoration, then seq). */
  listQuarantine(mapId: string): Promise<QuarantinedEntry[]>
}
