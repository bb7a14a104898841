// The store behind the Mapboard server under test: SQLite in the data dir (what `pnpm start` uses: WAL,
// synchronous = FULL, a commit before every broadcast) or MemoryMapStore (no disk at all), to show what durability
// costs.
import { MemoryMapStore } from '@mapboard/server'
import type { BuildAppOptions } from '@mapboard/server'

export function mapboardStore(kind: 'sqlite' | 'memory'): Pick<BuildAppOptions, 'store'> {
  return kind === 'memory' ? { store: new MemoryMapStore() } : {}
}
