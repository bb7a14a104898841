import { ComposedMapStore } from './ComposedMapStore.ts'
import { SyncErasure } from './SyncErasure.ts'
import { MemoryAuditStore } from './memory/MemoryAuditStore.ts'
import { MemoryClientIdStore } from './memory/MemoryClientIdStore.ts'
import { MemoryDatabase } from './memory/MemoryDatabase.ts'
import { MemoryDocumentLog } from './memory/MemoryDocumentLog.ts'
import { MemoryExportStore } from './memory/MemoryExportStore.ts'
import { MemoryFamilyVisitStore } from './memory/MemoryFamilyVisitStore.ts'
import { MemoryLinkStore } from './memory/MemoryLinkStore.ts'
import { MemoryErasure } from './memory/MemoryErasure.ts'
import { MemoryMapCatalog } from './memory/MemoryMapCatalog.ts'
import { MemoryMapLifecycle } from './memory/MemoryMapLifecycle.ts'
import { MemoryScalingStore } from './memory/MemoryScalingStore.ts'

/**
 * A MapStore that keeps everything in this process's memory: nothing survives the process. For benchmarks (what
 * durability costs) and tests; it passes the same contract suites as the SQLite store. One store per kind of data
 * (memory/) over shared tables; values are copied in and out, so callers never share a buffer or record with it.
 * Only this process sees it, so a write's fence is not looked at.
 */
export class MemoryMapStore extends ComposedMapStore {
  readonly fencesWrites = false
  readonly #db: MemoryDatabase

  constructor(db: MemoryDatabase = new MemoryDatabase()) {
    const links = new MemoryLinkStore(db)
    const maps = new MemoryMapCatalog(db, links)
    const audit = new MemoryAuditStore(db)
    const documents = new MemoryDocumentLog(db, audit)
    const clientIds = new MemoryClientIdStore(db)
    const familyVisits = new MemoryFamilyVisitStore(db)
    const scaling = new MemoryScalingStore(db)
    const exports = new MemoryExportStore(db)
    const lifecycle = new MemoryMapLifecycle(db)
    super({
      maps,
      documents,
      links,
      clientIds,
      scaling,
      exports,
      lifecycle,
      familyVisits,
      audit,
      erasure: new SyncErasure(
        new MemoryErasure(db),
        // In the order the SQLite store erases (SqliteMapStore).
        [audit, familyVisits, links, clientIds, scaling, exports, lifecycle, documents, maps],
      ),
    })
    this.#db = db
  }

  /** A new store over the same data, as closing and reopening a durable store would give. */
  reopen(): MemoryMapStore {
    return new MemoryMapStore(this.#db.reopen())
  }

  async close(): Promise<void> {
    this.#db.close()
  }
}
