import type { LinkRecord } from './LinkStore.ts'

/** What the server knows about a map outside its Y.Doc. */
export interface MapRecord {
  id: string
  title: string
  /** Milliseconds since the epoch. */
  createdAt: number
}

/**
 * The maps themselves. Everything else a store keeps belongs to one of them, so every other part of a store (and
 * its contract suite) needs this one to create maps.
 */
export interface MapCatalog {
  /**
   * Creates a map with its initial document state (the DocumentLog's first snapshot) and, atomically, its first
   * links (LinkStore): all in one transaction. Fails if the id exists.
   */
  createMap(map: MapRecord, initialState: Uint8Array, links?: readonly LinkRecord[]): Promise<void>
  getMap(id: string): Promise<MapRecord | undefined>
}
