import type Database from 'better-sqlite3'
import { ComposedMapStore } from './ComposedMapStore.ts'
import { openDatabase } from './sqlite/openDatabase.ts'
import { SqliteAuditStore } from './sqlite/SqliteAuditStore.ts'
import { SqliteClientIdStore } from './sqlite/SqliteClientIdStore.ts'
import { SqliteDocumentLog } from './sqlite/SqliteDocumentLog.ts'
import { SqliteExportStore } from './sqlite/SqliteExportStore.ts'
import { SqliteLinkStore } from './sqlite/SqliteLinkStore.ts'
import { SqliteMapCatalog } from './sqlite/SqliteMapCatalog.ts'
import { SqliteScalingStore } from './sqlite/SqliteScalingStore.ts'

/**
 * The default store: one SQLite file in WAL mode (sqlite/openDatabase.ts), opened once and shared by one store
 * per kind of data (sqlite/). better-sqlite3 is synchronous; the async methods resolve once the commit is done.
 */
export class SqliteMapStore extends ComposedMapStore {
  readonly #db: Database.Database

  constructor(readonly path: string) {
    const db = openDatabase(path)
    const links = new SqliteLinkStore(db)
    const audit = new SqliteAuditStore(db)
    super({
      maps: new SqliteMapCatalog(db, links),
      documents: new SqliteDocumentLog(db, audit),
      links,
      clientIds: new SqliteClientIdStore(db),
      scaling: new SqliteScalingStore(db),
      exports: new SqliteExportStore(db),
      audit,
    })
    this.#db = db
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close()
  }
}
