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

/** A map's document as stored: the last snapshot and the updates appended after it, in order. */
export interface StoredDocument {
  snapshot: Uint8Array | null
  updates: Uint8Array[]
  /** Sequence number of the last update (0 when none was ever appended). Pass it to `compact`. */
  lastSeq: number
}

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
  /** Snapshot and tail, read in one transaction. Fails if the map does not exist. */
  load(mapId: string): Promise<StoredDocument>
  /**
   * Replaces the snapshot with `snapshot` (which must contain every update up to `throughSeq`) and drops those
   * updates, in one transaction. Updates appended after `throughSeq` stay in the tail.
   */
  compact(mapId: string, snapshot: Uint8Array, throughSeq: number): Promise<void>
  createLink(link: LinkRecord): Promise<void>
  getLink(id: string): Promise<LinkRecord | undefined>
  listLinks(mapId: string): Promise<LinkRecord[]>
  /** Marks a link revoked; resolves false if there is no such link. Revoking twice keeps the first time. */
  revokeLink(id: string, revokedAt: number): Promise<boolean>
  close(): Promise<void>
}
