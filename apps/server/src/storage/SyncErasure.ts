import { addRows } from './MapErasure.ts'
import type {
  ErasedRows,
  ErasureRecord,
  ErasureRequest,
  ErasureResult,
  MapEraser,
  MapErasure,
} from './MapErasure.ts'

/** What a synchronous engine (SQLite, memory) gives erasure: its one transaction, the 410 record, the clean-up. */
export interface ErasureEngine {
  /** Runs `run` in one transaction of the engine's connection: all of it is written, or none. */
  transaction<T>(run: () => T): T
  /** Whether the map exists and is not erased yet (read inside the transaction). */
  erasable(mapId: string): boolean
  /** Writes the map's ErasureRecord, first in the transaction, so every eraser finds the map being erased. */
  markErased(record: ErasureRecord): void
  getErasure(mapId: string): Promise<ErasureRecord | undefined>
  /** After the commit: no trace of the removed bytes stays in the engine's files (SQLite: checkpoint, VACUUM). */
  purge(): Promise<void>
}

/**
 * Erasure over a synchronous engine: every eraser's rows in one transaction, after the record that answers 410;
 * then the engine's purge. `erasers` are every store that keeps something about a map, in the order they run: a
 * new kind of data is one more entry.
 */
export class SyncErasure implements MapErasure {
  readonly #engine: ErasureEngine
  readonly #erasers: readonly MapEraser[]

  constructor(engine: ErasureEngine, erasers: readonly MapEraser[]) {
    this.#engine = engine
    this.#erasers = erasers
  }

  async eraseMap(mapId: string, request: ErasureRequest): Promise<ErasureResult | undefined> {
    const engine = this.#engine
    const result = engine.transaction((): ErasureResult | undefined => {
      if (!engine.erasable(mapId)) return undefined
      engine.markErased({ mapId, erasedAt: request.erasedAt })
      const rows: ErasedRows = { removed: {}, kept: {} }
      for (const eraser of this.#erasers) addRows(rows, eraser.eraseMapRows(mapId, request))
      return { mapId, erasedAt: request.erasedAt, ...rows }
    })
    if (result !== undefined) await engine.purge()
    return result
  }

  getErasure(mapId: string): Promise<ErasureRecord | undefined> {
    return this.#engine.getErasure(mapId)
  }
}
