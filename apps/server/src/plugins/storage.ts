import { join } from 'node:path'
import fp from 'fastify-plugin'
import type { MapStore } from '../storage/MapStore.ts'
import { PostgresMapStore } from '../storage/postgres/PostgresMapStore.ts'
import { SqliteMapStore } from '../storage/SqliteMapStore.ts'
import { ThreadedSqliteMapStore } from '../storage/sqliteThread/ThreadedSqliteMapStore.ts'

declare module 'fastify' {
  interface FastifyInstance {
    store: MapStore
  }
}

export const DATABASE_FILE_NAME = 'mapboard.sqlite'

/** Where a PostgreSQL URL points, for the log: never its user or password. */
const databaseOf = (url: string): string => {
  const { host, pathname } = new URL(url)
  return `${host}${pathname}`
}

/**
 * Opens the map store — PostgreSQL when `databaseUrl` is set (its migrations run first), else SQLite in the data
 * dir (on its writer thread unless `sqliteWriter` is 'inline'), unless a store is passed in — and closes it after
 * everything that writes to it.
 */
export const storagePlugin = fp<{ store?: MapStore }>(
  async (app, options) => {
    const { databaseUrl, dataDir, sqliteWriter } = app.config
    let store = options.store
    if (store === undefined && databaseUrl !== undefined) {
      store = await PostgresMapStore.open(databaseUrl, {
        onIdleError: (error) => app.log.warn({ err: error }, 'a PostgreSQL connection was lost while idle'),
      })
      app.log.info({ database: databaseOf(databaseUrl) }, 'storage open (PostgreSQL)')
    } else {
      if (store === undefined) {
        const path = join(dataDir, DATABASE_FILE_NAME)
        store = sqliteWriter === 'thread' ? await ThreadedSqliteMapStore.open(path) : new SqliteMapStore(path)
      }
      app.log.info({ dataDir, sqliteWriter }, 'storage open')
    }
    const opened = store
    app.decorate('store', opened)
    app.addHook('onClose', async () => {
      await opened.close()
    })
  },
  { name: 'mapboard-storage', fastify: '5.x', dependencies: ['mapboard-config'] },
)
