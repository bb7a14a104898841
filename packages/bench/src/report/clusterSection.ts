// The "Several instances" section of docs/benchmarks.md (src/clusterCost.ts): 50 rooms × 5 clients on two
// Mapboard instances against one instance, PostgreSQL and SQLite, in the same runs.
import type { ServerId } from '../servers/serverKinds.ts'
import { serverKind } from '../servers/serverKinds.ts'
import type { BenchSettings } from '../settings.ts'
import { median } from '../stats/percentiles.ts'
import type { EditLoadResult } from '../workloads/WorkloadResult.ts'
import { Aggregate } from './aggregate.ts'
import type { CaseRecord } from './CaseRecord.ts'
import type { MachineInfo } from './environment.ts'
import { fixed, mib, missing, ms, ratio, table } from './format.ts'

export const CLUSTER: ServerId = 'mapboard-cluster'
export const ONE_POSTGRES: ServerId = 'mapboard-postgres'
export const ONE_SQLITE: ServerId = 'mapboard'
export const CLUSTER_SERVERS: readonly ServerId[] = [ONE_SQLITE, ONE_POSTGRES, CLUSTER]
const WORKLOAD = 'rooms-50x5'
/** Issue 16: two instances may cost at most this much p99 over one. */
export const CLUSTER_P99_LIMIT = 1.5

export interface ClusterSectionInput {
  records: readonly CaseRecord[]
  settings: BenchSettings
  pinned: boolean
  minutes: number
  date: string
  machine: MachineInfo
  versions: Record<string, string>
}

type Pick = (result: EditLoadResult) => number

const label = (id: ServerId) => serverKind(id).label
const p99: Pick = (r) => r.latency.p99

/** Server CPU of instance `i` of a cluster per delivered update, µs; NaN without per-instance figures. */
export function instanceCpuPerDelivery(result: EditLoadResult, i: number): number {
  const instance = result.server.instances?.[i]
  if (instance === undefined || result.delivered === 0) return Number.NaN
  return (instance.cpuSeconds * 1e6) / result.delivered
}

/** `a ÷ b` for each run where both have a result, in run order. */
export function perRunRatios(aggregate: Aggregate, subject: ServerId, peer: ServerId, pick: Pick): number[] {
  const peers = new Map(aggregate.results(peer, WORKLOAD).map(({ run, result }) => [run, pick(result)]))
  return aggregate
    .results(subject, WORKLOAD)
    .sort((a, b) => a.run - b.run)
    .flatMap(({ run, result }) => {
      const other = peers.get(run)
      return other === undefined || !(other > 0) ? [] : [pick(result) / other]
    })
}

const firstLine = (text: string | undefined) => (text ?? 'no result').split('\n')[0]?.slice(0, 120) ?? ''

function serverRows(a: Aggregate): string[][] {
  return CLUSTER_SERVERS.filter((id) => a.ran(id, WORKLOAD)).map((id) => {
    if (a.count(id, WORKLOAD) === 0) {
      return [
        label(id),
        `failed: ${firstLine(a.errors(id, WORKLOAD)[0])}`,
        ...Array.from({ length: 11 }, () => ''),
      ]
    }
    const m = (pick: Pick) => a.median(id, WORKLOAD, pick)
    const store =
      (pick: (timing: NonNullable<EditLoadResult['server']['store']>) => number): Pick =>
      (r) =>
        r.server.store === undefined ? Number.NaN : pick(r.server.store)
    return [
      label(id),
      ms(m((r) => r.latency.p50)),
      ms(m((r) => r.latency.p95)),
      ms(m(p99)),
      ms(m((r) => r.latency.max)),
      `${fixed(
        m((r) => r.delivered),
        0,
      )} / ${fixed(
        m((r) => r.expected),
        0,
      )}`,
      fixed(
        m((r) => r.server.cpuSeconds),
        2,
      ),
      fixed(m((r) => r.cpuPerDeliveryUs)),
      mib(m((r) => r.server.rssBytes)),
      ms(m((r) => r.server.eventLoop.p99)),
      `${ms(m(store((timing) => timing.p50)))} / ${ms(m(store((timing) => timing.p99)))}`,
      ms(m((r) => r.sync.p50)),
      fixed(
        m((r) => r.disconnects),
        0,
      ),
    ]
  })
}

function instanceRows(a: Aggregate): string[][] {
  const results = a.results(CLUSTER, WORKLOAD)
  const count = Math.max(0, ...results.map(({ result }) => result.server.instances?.length ?? 0))
  const rows: string[][] = []
  for (let i = 0; i < count; i++) {
    const m = (pick: (window: NonNullable<EditLoadResult['server']['instances']>[number]) => number) =>
      a.median(CLUSTER, WORKLOAD, (r) => {
        const window = r.server.instances?.[i]
        return window === undefined ? Number.NaN : pick(window)
      })
    const share = a.median(CLUSTER, WORKLOAD, (r) => {
      const window = r.server.instances?.[i]
      return window === undefined || r.server.cpuSeconds === 0
        ? Number.NaN
        : window.cpuSeconds / r.server.cpuSeconds
    })
    rows.push([
      `instance ${i + 1}${i === 0 ? ' (maps created here)' : ''}`,
      fixed(
        m((window) => window.cpuSeconds),
        2,
      ),
      fixed(
        m((window) => window.cpuSystemSeconds),
        2,
      ),
      fixed(a.median(CLUSTER, WORKLOAD, (r) => instanceCpuPerDelivery(r, i))),
      missing(share) ? '—' : `${(share * 100).toFixed(0)}%`,
      ms(m((window) => window.eventLoop.p99)),
      `${ms(m((window) => window.store?.p50 ?? Number.NaN))} / ${ms(m((window) => window.store?.p99 ?? Number.NaN))}`,
      mib(m((window) => window.rssBytes)),
    ])
  }
  const one = a.median(ONE_POSTGRES, WORKLOAD, (r) => r.server.cpuSeconds)
  if (!missing(one)) {
    rows.push([
      `for comparison: ${label(ONE_POSTGRES)}`,
      fixed(one, 2),
      fixed(
        a.median(ONE_POSTGRES, WORKLOAD, (r) => r.server.cpuSystemSeconds),
        2,
      ),
      fixed(a.median(ONE_POSTGRES, WORKLOAD, (r) => r.cpuPerDeliveryUs)),
      '100%',
      ms(a.median(ONE_POSTGRES, WORKLOAD, (r) => r.server.eventLoop.p99)),
      `${ms(a.median(ONE_POSTGRES, WORKLOAD, (r) => r.server.store?.p50 ?? Number.NaN))} / ${ms(a.median(ONE_POSTGRES, WORKLOAD, (r) => r.server.store?.p99 ?? Number.NaN))}`,
      mib(a.median(ONE_POSTGRES, WORKLOAD, (r) => r.server.rssBytes)),
    ])
  }
  return rows
}

const runList = (values: readonly number[]) =>
  values.length === 0 ? '—' : values.map((value) => ratio(value)).join(', ')

export function clusterSection(input: ClusterSectionInput): string {
  const a = new Aggregate(input.records)
  const { settings, machine } = input
  const loads = input.records.flatMap((record) =>
    record.loadAverage === undefined ? [] : [record.loadAverage],
  )
  const noise =
    loads.length === 0 ? '—' : `median ${fixed(median(loads), 2)}, max ${fixed(Math.max(...loads), 2)}`
  const mode = settings.quick
    ? 'quick: 1 run, short windows — for development, not for quoting'
    : `${settings.runs} runs, medians`

  const goals: string[][] = []
  for (const peer of [ONE_POSTGRES, ONE_SQLITE]) {
    if (a.count(CLUSTER, WORKLOAD) === 0 || a.count(peer, WORKLOAD) === 0) continue
    const value = a.ratio(CLUSTER, peer, WORKLOAD, p99)
    goals.push([
      `p99 edit-to-observe, ${WORKLOAD}, two instances`,
      `≤ ${CLUSTER_P99_LIMIT.toFixed(1)}× ${label(peer)}`,
      `${ms(a.median(CLUSTER, WORKLOAD, p99))} ms`,
      `${ms(a.median(peer, WORKLOAD, p99))} ms`,
      ratio(value),
      missing(value) ? 'n/a' : value <= CLUSTER_P99_LIMIT ? 'yes' : '**no**',
    ])
  }

  const ratioRows: string[][] = []
  const figures: Array<[string, Pick]> = [
    ['p50 latency', (r) => r.latency.p50],
    ['p99 latency', p99],
    ['server CPU per delivery (both instances)', (r) => r.cpuPerDeliveryUs],
  ]
  for (const [name, pick] of figures) {
    ratioRows.push([
      name,
      ...[ONE_POSTGRES, ONE_SQLITE].flatMap((peer) => [
        ratio(a.ratio(CLUSTER, peer, WORKLOAD, pick)),
        runList(perRunRatios(a, CLUSTER, peer, pick)),
      ]),
    ])
  }

  return [
    '## Several instances',
    '',
    `Measured ${input.date} with \`pnpm --filter @mapboard/bench bench:cluster\` (run by \`pnpm bench\`; ${mode}; ${fixed(input.minutes, 1)} min). ` +
      `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Linux ${machine.kernel}, Node ${machine.node}. ` +
      (input.pinned
        ? 'Every Mapboard process ran pinned to CPU 1 — both instances of the cluster share that one core, as a single instance has it — and the load generator to CPU 0; PostgreSQL and Redis ran unpinned. '
        : 'Processes were not pinned to CPUs. ') +
      `1-minute load average when each server started: ${noise} (the machine is shared: more than about 1–2 means other work competed with the run).`,
    '',
    `50 rooms × 5 clients (2 writing per room, 1 edit/s each), as in "Servers compared", with the checks on and every update stored before it is broadcast. ` +
      `**Two instances**: two processes on one PostgreSQL database made fresh for the run and one Redis (a key prefix of their own), sharing the signing secret; the maps are made over HTTP on instance 1, and each room's seats connect to the instances in turn (chair and second writer on 1, first writer on 2, …), so every room has clients and a writer on both and its authority (whichever instance took the room's lease first) relays for the other (decision 0047). ` +
      `**One instance** on PostgreSQL (a fresh database too) and on SQLite: the same build, one process. Ratios are taken within each run, then the median over runs.`,
    '',
    '### Goal',
    '',
    goals.length === 0
      ? 'Not measured.'
      : table(['goal', 'target', 'two instances', 'one instance', 'ratio', 'met'], goals),
    '',
    '### 50 rooms × 5 clients',
    '',
    table(
      [
        'server',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'delivered / expected',
        'server CPU s',
        'CPU µs / delivery',
        'RSS MiB',
        'server event-loop p99 ms',
        'store append p50 / p99 ms',
        'time to synced p50 ms',
        'client disconnects',
      ],
      serverRows(a),
    ),
    '',
    '### Server CPU per instance',
    '',
    table(
      [
        'process',
        'CPU s',
        'of which system s',
        'CPU µs / delivery',
        'share of the cluster',
        'event-loop p99 ms',
        'store append p50 / p99 ms',
        'RSS MiB',
      ],
      instanceRows(a),
    ),
    '',
    '### Two instances ÷ one (median of per-run ratios, then each run)',
    '',
    table(['figure', `÷ ${label(ONE_POSTGRES)}`, 'per run', `÷ ${label(ONE_SQLITE)}`, 'per run'], ratioRows),
    '',
    '- **Server CPU** of the cluster is both instances’ user + system seconds (`/proc/<pid>/stat`) over the measured window, divided by the delivered (edit, other client) pairs; PostgreSQL’s and Redis’s own CPU is not in it. Event loop and store appends are per instance; in the first table the cluster’s are its worse instance’s.',
    '- With `--profile DIR` every server’s measured window is profiled (each instance its own `.cpuprofile`) and summarized by category in docs/benchmarks/cluster-profile.md.',
    '',
  ].join('\n')
}
