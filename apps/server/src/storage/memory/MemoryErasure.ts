import type { ErasureEngine } from '../SyncErasure.ts'
import type { ErasureRecord } from '../MapErasure.ts'
import type { MemoryDatabase } from './MemoryDatabase.ts'

/**
 * Erasure in memory. The erasers only delete, and cannot fail halfway once the map is found, so running them in
 * turn is all or nothing; there are no files to purge.
 */
export class MemoryErasure implements ErasureEngine {
  readonly #db: MemoryDatabase

  constructor(db: MemoryDatabase) {
    this.#db = db
  }

  transaction<T>(run: () => T): T {
    this.#db.tables()
    return run()
  }

  erasable(mapId: string): boolean {
    const tables = this.#db.tables()
    return !mapId.includes('/') && tables.maps.has(mapId) && !tables.erased.has(mapId)
  }

  markErased(record: ErasureRecord): void {
    this.#db.tables().erased.set(record.mapId, record.erasedAt)
  }

  async getErasure(mapId: string): Promise<ErasureRecord | undefined> {
    const erasedAt = this.#db.tables().erased.get(mapId)
    return erasedAt === undefined ? undefined : { mapId, erasedAt }
  }

  async purge(): Promise<void> {}
}
