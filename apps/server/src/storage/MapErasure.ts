/** What an administrator (or the retention sweep) asks for when a map is erased. */
export interface ErasureRequest {
  /** Milliseconds since the epoch. */
  erasedAt: number
  /** Why, in the requester's words: for the audit's one erasure entry, never kept with the map. */
  reason: string
  /** Keep the generated records (exports) though the live data goes. */
  keepRecords: boolean
}

/** Rows counted by what they held, e.g. `{ participants: 4, updates: 120 }`. */
export type RowCounts = Record<string, number>

/** One store's part of an erasure: what it removed, and what it kept on purpose. */
export interface ErasedRows {
  removed: RowCounts
  kept: RowCounts
}

/** What became of a map's data: every store's counts together. */
export interface ErasureResult extends ErasedRows {
  mapId: string
  erasedAt: number
}

/** What is left of an erased map: enough to answer its links with 410, nothing of its content. */
export interface ErasureRecord {
  mapId: string
  erasedAt: number
}

/**
 * One kind of data's part in erasing a map. Every store of an engine is one; `eraseMapRows` runs inside the one
 * transaction `ComposedMapStore.eraseMap` opens over the engine's connection, so it is synchronous and must not
 * open a transaction of its own. A store added later (an audit trail, family visits) joins by being listed among
 * its engine's erasers.
 */
export interface MapEraser {
  eraseMapRows(mapId: string, request: ErasureRequest): ErasedRows
}

/** Erasing a map on request (decision 0042). */
export interface MapErasure {
  /**
   * Removes everything kept about a map and its professionals' document, in one transaction, except the exports
   * when `keepRecords` says so and the ErasureRecord that answers 410; then leaves no trace of the removed bytes
   * in the engine's files. Resolves undefined if there is no such map (or it was erased already).
   */
  eraseMap(mapId: string, request: ErasureRequest): Promise<ErasureResult | undefined>
  getErasure(mapId: string): Promise<ErasureRecord | undefined>
}

/** Adds one store's counts into the whole erasure's. */
export function addRows(into: ErasedRows, rows: ErasedRows): void {
  for (const [kind, count] of Object.entries(rows.removed))
    into.removed[kind] = (into.removed[kind] ?? 0) + count
  for (const [kind, count] of Object.entries(rows.kept)) into.kept[kind] = (into.kept[kind] ?? 0) + count
}
