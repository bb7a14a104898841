// The store behind the Mapboard server under test: SQLite in the data dir (what `pnpm start` uses: WAL,
// synchronous = FULL, a commit before every broadcast) or MemoryMapStore (no disk at all), to show what durability
// costs.
import { join } from 'node:path'
import { MemoryMapStore, SqliteMapStore } from '@mapboard/server'
import type { BuildAppOptions } from '@mapboard/server'
import { timedStore } from './storeTiming.ts'

/** The file buildApp itself would open in the data dir (plugins/storage.ts). */
const DATABASE_FILE_NAME = 'mapboard.sqlite'

export function mapboardStore(
  kind: 'sqlite' | 'memory',
  dataDir: string,
): Required<Pick<BuildAppOptions, 'store'>> {
  const store =
    kind === 'memory' ? new MemoryMapStore() : new SqliteMapStore(join(dataDir, DATABASE_FILE_NAME))
  return { store: timedStore(store) }
}
