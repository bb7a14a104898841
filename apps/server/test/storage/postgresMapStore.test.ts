import { describe } from 'vitest'
import { PostgresMapStore } from '../../src/storage/postgres/PostgresMapStore.ts'
import { freshPostgresDatabase, postgresAvailable } from '../support/postgresDatabase.ts'
import { mapStoreContract } from './mapStoreContract.ts'

// Every suite's every test in a database of its own, as SQLite's get a file of their own.
describe.runIf(await postgresAvailable())('on PostgreSQL', () => {
  mapStoreContract('PostgresMapStore', async () => {
    const database = await freshPostgresDatabase()
    const harness = {
      store: await PostgresMapStore.open(database.url),
      async reopen() {
        await harness.store.close()
        harness.store = await PostgresMapStore.open(database.url)
        return harness.store
      },
      async dispose() {
        await harness.store.close()
        await database.drop()
      },
    }
    return harness
  })
})
