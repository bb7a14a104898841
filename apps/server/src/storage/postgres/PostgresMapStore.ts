import { ComposedMapStore } from '../ComposedMapStore.ts'
import { migrate } from './migrations.ts'
import { PostgresAuditStore } from './PostgresAuditStore.ts'
import { PostgresClientIdStore } from './PostgresClientIdStore.ts'
import { PostgresDatabase } from './PostgresDatabase.ts'
import { PostgresDocumentLog } from './PostgresDocumentLog.ts'
import { PostgresErasure } from './PostgresErasure.ts'
import { PostgresExportStore } from './PostgresExportStore.ts'
import { PostgresFamilyVisitStore } from './PostgresFamilyVisitStore.ts'
import { PostgresLinkStore } from './PostgresLinkStore.ts'
import { PostgresMapCatalog } from './PostgresMapCatalog.ts'
import { PostgresMapLifecycle } from './PostgresMapLifecycle.ts'
import { PostgresScalingStore } from './PostgresScalingStore.ts'

export interface PostgresStoreOptions {
  /** A pooled connection that broke while idle (it is replaced); the server logs it. */
  onIdleError?: (error: Error) => void
}

/**
 * The store for several instances (decision 0045): one PostgreSQL database (`MAPBOARD_DATABASE_URL`), one
 * connection pool shared by one store per kind of data (postgres/). `open` brings the schema up to date first.
 */
export class PostgresMapStore extends ComposedMapStore {
  /** Every write a room's authority makes checks its fence in its transaction (postgres/roomFences.ts). */
  readonly fencesWrites = true
  readonly #db: PostgresDatabase

  private constructor(db: PostgresDatabase) {
    const links = new PostgresLinkStore(db)
    const maps = new PostgresMapCatalog(db, links)
    const audit = new PostgresAuditStore(db)
    const documents = new PostgresDocumentLog(db, audit)
    const clientIds = new PostgresClientIdStore(db)
    const familyVisits = new PostgresFamilyVisitStore(db)
    const scaling = new PostgresScalingStore(db)
    const exports = new PostgresExportStore(db)
    const lifecycle = new PostgresMapLifecycle(db)
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
      // In the order the SQLite store erases: rows that refer to others first.
      erasure: new PostgresErasure(db, [
        audit,
        familyVisits,
        links,
        clientIds,
        scaling,
        exports,
        lifecycle,
        documents,
        maps,
      ]),
    })
    this.#db = db
  }

  /** Connects to `url` (postgres://…), applies the migrations not yet applied, and resolves with the store. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresMapStore> {
    const db = new PostgresDatabase(url, options.onIdleError ?? (() => {}))
    try {
      await migrate(db.pool)
    } catch (error) {
      await db.close()
      throw error
    }
    return new PostgresMapStore(db)
  }

  async close(): Promise<void> {
    await this.#db.close()
  }
}
