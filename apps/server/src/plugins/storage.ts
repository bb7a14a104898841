import { join } from 'node:path'
import fp from 'fastify-plugin'
import type { MapStore } from '../storage/MapStore.ts'
import { SqliteMapStore } from '../storage/SqliteMapStore.ts'

declare module 'fastify' {
  interface FastifyInstance {
    store: MapStore
  }
}

export const DATABASE_FILE_NAME = 'mapboard.sqlite'

/**
 * Opens the map store (SQLite in the data dir, unless one is passed in) and closes it after everything that
 * writes to it.
 */
export const storagePlugin = fp<{ store?: MapStore }>(
  async (app, options) => {
    const store = options.store ?? new SqliteMapStore(join(app.config.dataDir, DATABASE_FILE_NAME))
    app.decorate('store', store)
    app.addHook('onClose', async () => {
      await store.close()
    })
    app.log.info({ dataDir: app.config.dataDir }, 'storage open')
  },
  { name: 'mapboard-storage', fastify: '5.x', dependencies: ['mapboard-config'] },
)
