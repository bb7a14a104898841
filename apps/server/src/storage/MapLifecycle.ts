/** When a map was closed ("Export and close", decision 0042), and by whom. */
export interface MapClosureRecord {
  mapId: string
  /** Milliseconds since the epoch. */
  closedAt: number
  /** The chair's participant id. */
  closedBy: string
}

/**
 * Which maps are closed, and since when: the retention sweep erases a closed map's live data a set time after
 * its closing (MAPBOARD_RETENTION_DAYS). The documents carry the closure too (map-model's `meta.closed`), which
 * is what the permission rules read; this is what the server reads without loading a document.
 */
export interface MapLifecycle {
  /** Marks a map closed; closing a closed map keeps the first time. Fails if the map does not exist. */
  closeMap(closure: MapClosureRecord): Promise<void>
  /** Marks a map open again; resolves false if it was not closed. */
  reopenMap(mapId: string): Promise<boolean>
  getClosure(mapId: string): Promise<MapClosureRecord | undefined>
  /** Every map closed at or before `time`, oldest closing first. */
  listClosedBefore(time: number): Promise<MapClosureRecord[]>
}
