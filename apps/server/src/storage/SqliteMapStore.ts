import type Database from 'better-sqlite3'
import { ComposedMapStore } from './ComposedMapStore.ts'
import { SyncErasure } from './SyncErasure.ts'
import { openDatabase } from './sqlite/openDatabase.ts'
import { SqliteAuditStore } from './sqlite/SqliteAuditStore.ts'
import { SqliteClientIdStore } from './sqlite/SqliteClientIdStore.ts'
import { SqliteDocumentLog } from './sqlite/SqliteDocumentLog.ts'
import { SqliteExportStore } from './sqlite/SqliteExportStore.ts'
import { SqliteFamilyVisitStore } from './sqlite/SqliteFamilyVisitStore.ts'
import { SqliteLinkStore } from './sqlite/SqliteLinkStore.ts'
import { SqliteErasure } from './sqlite/SqliteErasure.ts'
import { SqliteMapCatalog } from './sqlite/SqliteMapCatalog.ts'
import { SqliteMapLifecycle } from './sqlite/SqliteMapLifecycle.ts'
import { SqliteScalingStore } from './sqlite/SqliteScalingStore.ts'

/**
 * The default store: one SQLite file in WAL mode (sqlite/openDatabase.ts), opened once and shared by one store
 * per kind of data (sqlite/). better-sqlite3 is synchronous; the async methods resolve once the commit is done.
 * One process writes the file, so there is no other authority to fence off: a write's fence is not looked at.
 */
export class SqliteMapStore extends ComposedMapStore {
  readonly fencesWrites = false
  readonly #db: Database.Database

  constructor(readonly path: string) {
    const db = openDatabase(path)
    const links = new SqliteLinkStore(db)
    const maps = new SqliteMapCatalog(db, links)
    const audit = new SqliteAuditStore(db)
    const documents = new SqliteDocumentLog(db, audit)
    const clientIds = new SqliteClientIdStore(db)
    const familyVisits = new SqliteFamilyVisitStore(db)
    const scaling = new SqliteScalingStore(db)
    const exports = new SqliteExportStore(db)
    const lifecycle = new SqliteMapLifecycle(db)
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
        new SqliteErasure(db),
        // Rows that refer to others first (participants before links, exports before the map's row).
        [audit, familyVisits, links, clientIds, scaling, exports, lifecycle, documents, maps],
      ),
    })
    this.#db = db
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close()
  }
}
