// `pnpm --filter @mapboard/bench bench:gate`: what the permission checks cost. Two Mapboard servers in this
// process — the same build, SQLite as shipped, one with the permission rules (the default) and one with
// `rules: false` — get the same seeded stream of accepted edits from real y-websocket clients (three writers,
// three observers), in alternating blocks so drift of the machine falls on both alike. Prints a markdown table
// and writes it to the "Permission checks" section of docs/benchmarks.md (nothing else in that file changes).
//
//   --edits N      edits per server (default 2000)     --interval MS   one edit every MS ms (default 5)
//   --seed N       the plan's seed (default 20251126)  --no-write      print only
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { gatePlan } from './gateCostPlan.ts'
import { gateSection } from './gateCostReport.ts'
import { startGateSide } from './gateCostRun.ts'
import type { GateSide } from './gateCostRun.ts'
import { loadAverage } from './report/environment.ts'
import { writeSection } from './report/replaceSection.ts'

// Each y-websocket provider listens for the process's exit; twelve of them are expected here.
process.setMaxListeners(50)

const { values } = parseArgs({
  options: {
    edits: { type: 'string', default: '2000' },
    interval: { type: 'string', default: '5' },
    seed: { type: 'string', default: '20251126' },
    block: { type: 'string', default: '100' },
    'no-write': { type: 'boolean', default: false },
  },
})
const edits = Number(values.edits)
const intervalMs = Number(values.interval)
const seed = Number(values.seed)
const block = Number(values.block)
const DOC = fileURLToPath(new URL('../../../docs/benchmarks.md', import.meta.url))

const plan = gatePlan(seed, edits)
const off = await startGateSide('rules off', false)
const on = await startGateSide('rules on', true)
const started = performance.now()
const loadAtStart = loadAverage()
try {
  // Alternate blocks, starting with a different side each time.
  for (let from = 0, turn = 0; from < plan.length; from += block, turn++) {
    const part = plan.slice(from, from + block)
    const sides: GateSide[] = turn % 2 === 0 ? [off, on] : [on, off]
    for (const side of sides) await side.play(part, intervalMs)
  }
  if (on.refused > 0) throw new Error(`the rules refused ${on.refused} edits meant to be accepted`)
  const [a, b] = [off.texts(), on.texts()]
  if (a.length === 0 || a.join('\n') !== b.join('\n'))
    throw new Error('the two servers ended with different maps')
  const seconds = (performance.now() - started) / 1000
  const section = gateSection({
    off,
    on,
    edits,
    intervalMs,
    seed,
    block,
    seconds,
    load: [loadAtStart, loadAverage()],
  })
  process.stdout.write(`${section}\n`)
  if (!values['no-write']) {
    await writeSection(DOC, 'gate', section)
    process.stdout.write(`wrote ${DOC}\n`)
  }
} finally {
  await off.close()
  await on.close()
}
