// The store behind the Mapboard server under test: SQLite in the data dir as `pnpm start` opens it (WAL,
// synchronous = FULL, a commit before every broadcast, the connection on its writer thread: decision 0050), the same
// SQLite store on the event loop ('sqlite-inline', to compare), PostgreSQL (what several instances share, decision
// 0045) or MemoryMapStore (no disk at all), to show what durability costs.
import { join } from 'node:path'
import { MemoryMapStore, PostgresMapStore, SqliteMapStore, ThreadedSqliteMapStore } from '@mapboard/server'
import type { BuildAppOptions, MapStore } from '@mapboard/server'
import { timedStore } from './storeTiming.ts'

/** The file buildApp itself would open in the data dir (plugins/storage.ts). */
const DATABASE_FILE_NAME = 'mapboard.sqlite'

export type BenchStoreKind = 'sqlite' | 'sqlite-inline' | 'postgres' | 'memory'

/** `databaseUrl` is the PostgreSQL database's (postgres only); its migrations run before this resolves. */
export async function mapboardStore(
  kind: BenchStoreKind,
  dataDir: string,
  databaseUrl?: string,
): Promise<Required<Pick<BuildAppOptions, 'store'>>> {
  const path = join(dataDir, DATABASE_FILE_NAME)
  let store: MapStore
  if (kind === 'postgres') {
    if (databaseUrl === undefined) throw new Error('the PostgreSQL store needs BENCH_DATABASE_URL')
    store = await PostgresMapStore.open(databaseUrl)
  } else if (kind === 'memory') store = new MemoryMapStore()
  else if (kind === 'sqlite-inline') store = new SqliteMapStore(path)
  else store = await ThreadedSqliteMapStore.open(path)
  return { store: timedStore(store) }
}
