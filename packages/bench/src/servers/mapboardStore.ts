// The store behind the Mapboard server under test: SQLite in the data dir (what `pnpm start` uses: WAL,
// synchronous = FULL, a commit before every broadcast), PostgreSQL (what several instances share, decision 0045)
// or MemoryMapStore (no disk at all), to show what durability costs.
import { join } from 'node:path'
import { MemoryMapStore, PostgresMapStore, SqliteMapStore } from '@mapboard/server'
import type { BuildAppOptions } from '@mapboard/server'
import { timedStore } from './storeTiming.ts'

/** The file buildApp itself would open in the data dir (plugins/storage.ts). */
const DATABASE_FILE_NAME = 'mapboard.sqlite'

export type BenchStoreKind = 'sqlite' | 'postgres' | 'memory'

/** `databaseUrl` is the PostgreSQL database's (postgres only); its migrations run before this resolves. */
export async function mapboardStore(
  kind: BenchStoreKind,
  dataDir: string,
  databaseUrl?: string,
): Promise<Required<Pick<BuildAppOptions, 'store'>>> {
  if (kind === 'postgres') {
    if (databaseUrl === undefined) throw new Error('the PostgreSQL store needs BENCH_DATABASE_URL')
    return { store: timedStore(await PostgresMapStore.open(databaseUrl)) }
  }
  const store =
    kind === 'memory' ? new MemoryMapStore() : new SqliteMapStore(join(dataDir, DATABASE_FILE_NAME))
  return { store: timedStore(store) }
}
