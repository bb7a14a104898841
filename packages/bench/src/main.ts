// `pnpm bench [--quick] [--runs N] [--servers a,b] [--workloads x,y] [--no-write] [--profile dir]
// [--heap-snapshot dir] [--report-from servers.json]`: starts each server under test in its own process, drives it from a separate
// load-generator process, and writes docs/benchmarks.md (its own section only) and docs/benchmarks/latency.svg.
import { mkdir, readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { benchServer } from './orchestrator/benchServer.ts'
import { ChildGroup, pinSelf } from './orchestrator/ChildGroup.ts'
import { WORKLOAD_ORDER, applies } from './orchestrator/plan.ts'
import type { CaseRecord } from './report/CaseRecord.ts'
import { writeReport } from './report/writeReport.ts'
import type { Measurement, ReportContext } from './report/writeReport.ts'
import { COMPARISON_SERVER_IDS, SERVER_IDS, isServerId, serverKind } from './servers/serverKinds.ts'
import type { ServerId } from './servers/serverKinds.ts'
import { benchSettings } from './settings.ts'
import { WORKLOAD_IDS } from './workloads/WorkloadResult.ts'
import type { WorkloadId } from './workloads/WorkloadResult.ts'

/** Server on CPU 1, load generator (and this process) on CPU 0. */
const SERVER_CPU = 1
const LOAD_CPU = 0

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    servers: { type: 'string' },
    workloads: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    profile: { type: 'string' },
    'heap-snapshot': { type: 'string' },
    'report-from': { type: 'string' },
  },
})

function fail(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(2)
}

function list<T extends string>(
  given: string | undefined,
  all: readonly T[],
  what: string,
  byDefault: readonly T[] = all,
): T[] {
  if (given === undefined) return [...byDefault]
  const names = given.split(',').filter((name) => name !== '')
  const unknown = names.filter((name) => !(all as readonly string[]).includes(name))
  if (unknown.length > 0) fail(`unknown ${what}: ${unknown.join(', ')} (known: ${all.join(', ')})`)
  return names as T[]
}

// `--report-from docs/benchmarks/servers.json`: write the report again from the raw results of an earlier run.
if (values['report-from'] !== undefined) {
  const raw = JSON.parse(await readFile(values['report-from'], 'utf8')) as Measurement & {
    records: CaseRecord[]
    context: ReportContext
  }
  for (const path of await writeReport(raw.records, raw.context, raw)) process.stdout.write(`wrote ${path}\n`)
  process.exit(0)
}

const runs = values.runs === undefined ? undefined : Number(values.runs)
if (runs !== undefined && !(Number.isInteger(runs) && runs >= 1)) fail('--runs takes a whole number from 1')
const settings = benchSettings(values.quick, runs)
const servers: ServerId[] = list(values.servers, SERVER_IDS, 'server', COMPARISON_SERVER_IDS).filter(
  isServerId,
)
const wanted = new Set(list(values.workloads, WORKLOAD_IDS, 'workload'))
const workloads: WorkloadId[] = WORKLOAD_ORDER.filter((id) => wanted.has(id))
/** The whole bench stops starting new work after this; what ran is reported. */
const deadline = Date.now() + (settings.quick ? 6 : 25) * 60_000

/** `--profile <dir>`: a V8 CPU profile of each server over each measured window. */
const profileDir = values.profile === undefined ? undefined : resolve(values.profile)
/** `--heap-snapshot <dir>`: heap snapshots of each server before and with its idle rooms loaded. */
const heapSnapshotDir = values['heap-snapshot'] === undefined ? undefined : resolve(values['heap-snapshot'])
for (const dir of [profileDir, heapSnapshotDir]) if (dir !== undefined) await mkdir(dir, { recursive: true })

const group = new ChildGroup()
const pinned = pinSelf(LOAD_CPU) && group.pinning
process.on('exit', () => group.killAll())
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stdout.write(`\n${signal}: stopping every process the bench started\n`)
    group.stopAll().finally(() => process.exit(130))
  })
}

const log = (line: string) => process.stdout.write(`${line}\n`)
log(`bench: ${settings.quick ? 'quick' : 'full'}, ${settings.runs} run(s), servers ${servers.join(' ')}`)
log(
  pinned
    ? `pinned: servers on CPU ${SERVER_CPU}, load generator on CPU ${LOAD_CPU}`
    : 'not pinned (no taskset or one CPU)',
)

if (workloads.includes('revert-heavy')) {
  log(
    'revert-heavy runs on Mapboard only: the y-websocket server and Hocuspocus have no roles, locks or reverts',
  )
}

const records: CaseRecord[] = []
const started = Date.now()
try {
  for (let run = 1; run <= settings.runs; run++) {
    // Rotate the order each run, so slow drift of the machine does not always fall on the same server.
    const order = servers.map((_, i) => servers[(i + run - 1) % servers.length] as ServerId)
    for (const id of order) {
      const kind = serverKind(id)
      const todo = workloads.filter((workload) => applies(kind, workload))
      if (todo.length === 0 || Date.now() > deadline) continue
      const options = { run, settings, serverCpu: SERVER_CPU, loadCpu: LOAD_CPU, deadline, log }
      records.push(
        ...(await benchServer(group, kind, todo, {
          ...options,
          ...(profileDir === undefined ? {} : { profileDir }),
          ...(heapSnapshotDir === undefined ? {} : { heapSnapshotDir }),
        })),
      )
    }
  }
} finally {
  await group.stopAll()
}

const minutes = (Date.now() - started) / 60_000
log(`bench finished in ${minutes.toFixed(1)} min`)
if (!values['no-write']) {
  const written = await writeReport(records, { settings, servers, workloads, pinned, minutes })
  for (const path of written) log(`wrote ${path}`)
}
process.exit(records.some((record) => record.error !== undefined) ? 1 : 0)
