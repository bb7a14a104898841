import type { ErasedRows, MapEraser } from '../MapErasure.ts'
import type { MapClosureRecord, MapLifecycle } from '../MapLifecycle.ts'
import type { MemoryDatabase } from './MemoryDatabase.ts'

/** Closed maps in memory. */
export class MemoryMapLifecycle implements MapLifecycle, MapEraser {
  readonly #db: MemoryDatabase

  constructor(db: MemoryDatabase) {
    this.#db = db
  }

  async closeMap(closure: MapClosureRecord): Promise<void> {
    // A professionals' document is kept beside its map, but is not a map.
    if (closure.mapId.includes('/')) throw new Error(`no map ${closure.mapId}`)
    this.#db.map(closure.mapId)
    const closures = this.#db.tables().closures
    if (!closures.has(closure.mapId)) closures.set(closure.mapId, { ...closure })
  }

  async reopenMap(mapId: string): Promise<boolean> {
    return this.#db.tables().closures.delete(mapId)
  }

  async getClosure(mapId: string): Promise<MapClosureRecord | undefined> {
    const closure = this.#db.tables().closures.get(mapId)
    return closure === undefined ? undefined : { ...closure }
  }

  async listClosedBefore(time: number): Promise<MapClosureRecord[]> {
    return [...this.#db.tables().closures.values()]
      .filter((closure) => closure.closedAt <= time)
      .sort((a, b) => a.closedAt - b.closedAt || (a.mapId < b.mapId ? -1 : a.mapId > b.mapId ? 1 : 0))
      .map((closure) => ({ ...closure }))
  }

  eraseMapRows(mapId: string): ErasedRows {
    return { removed: { closure: this.#db.tables().closures.delete(mapId) ? 1 : 0 }, kept: {} }
  }
}
