// The "Servers compared" section of docs/benchmarks.md.
import type { ServerId } from '../servers/serverKinds.ts'
import { serverKind } from '../servers/serverKinds.ts'
import { median } from '../stats/percentiles.ts'
import type { EditLoadResult, JoinStormResult, WorkloadId } from '../workloads/WorkloadResult.ts'
import type { Aggregate } from './aggregate.ts'
import type { MachineInfo } from './environment.ts'
import { fixed, kib, mib, missing, ms, ratio, table } from './format.ts'
import type { ReportContext } from './writeReport.ts'

const SUBJECT: ServerId = 'mapboard'
const REFERENCE: ServerId = 'y-websocket'
const HOCUSPOCUS: ServerId[] = ['hocuspocus', 'hocuspocus-sqlite']
const PEERS: ServerId[] = [REFERENCE, ...HOCUSPOCUS]

/** Share of the loaded memory per map that may remain after unloading and still count as "about 0". */
const UNLOAD_TOLERANCE = 0.1

type EditWorkload = EditLoadResult['workload']

export interface SectionInput {
  aggregate: Aggregate
  context: ReportContext
  machine: MachineInfo
  versions: Record<string, string>
  date: string
  /** 1-minute load average when each workload started (other work on the machine). */
  loadAverages: number[]
}

const label = (id: ServerId) => serverKind(id).label
const met = (ok: boolean | undefined) => (ok === undefined ? 'n/a' : ok ? 'yes' : '**no**')

function goalRows(input: SectionInput): string[][] {
  const { aggregate: a } = input
  const rows: string[][] = []
  const has = (server: ServerId, workload: Parameters<Aggregate['count']>[1]) => a.count(server, workload) > 0
  const check = (value: number, limit: number) => (missing(value) ? undefined : value <= limit)

  for (const workload of ['room-1x30', 'rooms-50x5'] as const) {
    if (!has(SUBJECT, workload)) continue
    const p99 = (r: EditLoadResult) => r.latency.p99
    for (const peer of PEERS) {
      if (!has(peer, workload)) continue
      const value = a.ratio(SUBJECT, peer, workload, p99)
      const limit = 1.0
      rows.push([
        `p99 edit-to-observe, ${workload}`,
        `≤ ${limit.toFixed(1)}× ${label(peer)}`,
        `${ms(a.median(SUBJECT, workload, p99))} ms`,
        `${ms(a.median(peer, workload, p99))} ms`,
        ratio(value),
        met(check(value, limit)),
      ])
    }
    const cpu = (r: EditLoadResult) => r.cpuPerDeliveryUs
    if (has(REFERENCE, workload)) {
      const value = a.ratio(SUBJECT, REFERENCE, workload, cpu)
      rows.push([
        `server CPU per delivered update, ${workload}`,
        `≤ 1.2× ${label(REFERENCE)}`,
        `${fixed(a.median(SUBJECT, workload, cpu))} µs`,
        `${fixed(a.median(REFERENCE, workload, cpu))} µs`,
        ratio(value),
        met(check(value, 1.2)),
      ])
    }
  }
  if (has(SUBJECT, 'join-storm') && has(REFERENCE, 'join-storm')) {
    const storm: Array<[string, (r: JoinStormResult) => number]> = [
      ['time to synced, p50 client', (r) => r.synced.p50],
      ['time to synced, last client', (r) => r.synced.max],
      ['map received, p50 client', (r) => r.received.p50],
      ['map received, last client', (r) => r.received.max],
    ]
    for (const [name, pick] of storm) {
      const value = a.ratio(SUBJECT, REFERENCE, 'join-storm', pick)
      rows.push([
        `join storm, ${name}`,
        `≤ ${label(REFERENCE)}`,
        `${ms(a.median(SUBJECT, 'join-storm', pick))} ms`,
        `${ms(a.median(REFERENCE, 'join-storm', pick))} ms`,
        ratio(value),
        met(check(value, 1.0)),
      ])
    }
  }
  if (has(SUBJECT, 'idle-200x3') && has(REFERENCE, 'idle-200x3')) {
    const heap = (r: { perMap: { heap: number } }) => r.perMap.heap
    const rss = (r: { perMap: { rss: number } }) => r.perMap.rss
    for (const [name, pick] of [
      ['live heap', heap],
      ['RSS', rss],
    ] as const) {
      const value = a.ratio(SUBJECT, REFERENCE, 'idle-200x3', pick)
      rows.push([
        `memory per idle loaded map (${name})`,
        `≤ ${label(REFERENCE)}`,
        `${kib(a.median(SUBJECT, 'idle-200x3', pick))} KiB`,
        `${kib(a.median(REFERENCE, 'idle-200x3', pick))} KiB`,
        ratio(value),
        met(check(value, 1.0)),
      ])
    }
    const left = a.median(SUBJECT, 'idle-200x3', (r) => r.perMapAfterUnload.heap)
    const loaded = a.median(SUBJECT, 'idle-200x3', heap)
    rows.push([
      'memory per map after idle unload',
      `≈ 0 (≤ ${UNLOAD_TOLERANCE * 100}% of loaded)`,
      `${kib(left)} KiB`,
      `${kib(a.median(REFERENCE, 'idle-200x3', (r) => r.perMapAfterUnload.heap))} KiB`,
      '',
      met(missing(left) || missing(loaded) ? undefined : left <= UNLOAD_TOLERANCE * loaded),
    ])
  }
  return rows
}

function editTable(input: SectionInput, workload: EditWorkload, servers: ServerId[]): string {
  const { aggregate: a } = input
  const rows = servers
    .filter((id) => a.ran(id, workload))
    .map((id) => {
      if (a.count(id, workload) === 0) return failedRow(a, id, workload, 13)
      const m = (pick: (r: EditLoadResult) => number) => a.median(id, workload, pick)
      return [
        label(id),
        ms(m((r) => r.latency.p50)),
        ms(m((r) => r.latency.p95)),
        ms(m((r) => r.latency.p99)),
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
        storeCell(
          m((r) => r.server.store?.p50 ?? Number.NaN),
          m((r) => r.server.store?.p99 ?? Number.NaN),
        ),
        ms(m((r) => r.sync.p50)),
        ms(m((r) => r.loadGenerator.eventLoopP99)),
      ]
    })
  return table(
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
      'load-gen event-loop p99 ms',
    ],
    rows,
  )
}

/** A table row for a server whose workload produced no result: why, then empty cells. */
function failedRow(a: Aggregate, id: ServerId, workload: WorkloadId, columns: number): string[] {
  const why = `failed: ${firstLine(a.errors(id, workload)[0])}`
  return [label(id), why, ...Array.from({ length: columns - 2 }, () => '')]
}
const storeCell = (p50: number, p99: number) => (missing(p50) ? '—' : `${ms(p50)} / ${ms(p99)}`)

function firstLine(text: string | undefined): string {
  return (text ?? 'no result').split('\n')[0]?.slice(0, 120) ?? ''
}

function revertTable(input: SectionInput): string {
  const { aggregate: a } = input
  const workload = 'revert-heavy'
  if (a.count(SUBJECT, workload) === 0) {
    return a.ran(SUBJECT, workload) ? `Failed: ${firstLine(a.errors(SUBJECT, workload)[0])}` : 'Not run.'
  }
  const m = (pick: (r: EditLoadResult) => number) => a.median(SUBJECT, workload, pick)
  const normal = (pick: (r: EditLoadResult) => number) => a.median(SUBJECT, 'room-1x30', pick)
  const reverted = m((r) => r.reverts?.reverted ?? Number.NaN)
  const rows = [
    [
      'accepted edits, edit-to-observe',
      ms(m((r) => r.latency.p50)),
      ms(m((r) => r.latency.p99)),
      ms(m((r) => r.latency.max)),
      `${fixed(
        m((r) => r.delivered),
        0,
      )} / ${fixed(
        m((r) => r.expected),
        0,
      )}`,
    ],
    [
      'edits in the locked section, until the author sees the revert',
      ms(m((r) => r.reverts?.latency.p50 ?? Number.NaN)),
      ms(m((r) => r.reverts?.latency.p99 ?? Number.NaN)),
      ms(m((r) => r.reverts?.latency.max ?? Number.NaN)),
      `${fixed(reverted, 0)} / ${fixed(
        m((r) => r.reverts?.sent ?? Number.NaN),
        0,
      )} reverted`,
    ],
  ]
  const lines = [
    table(['edits', 'p50 ms', 'p99 ms', 'max ms', 'count'], rows),
    '',
    `Locked-section notes seen by other clients: ${fixed(
      m((r) => r.reverts?.leaked ?? Number.NaN),
      0,
    )} (must be 0). ` +
      `Server CPU ${fixed(
        m((r) => r.server.cpuSeconds),
        2,
      )} s (${fixed(m((r) => r.cpuPerDeliveryUs))} µs per delivery; ` +
      `${fixed(normal((r) => r.cpuPerDeliveryUs))} µs in 1 × 30 without reverts), event-loop p99 ${ms(m((r) => r.server.eventLoop.p99))} ms.`,
  ]
  if (reverted === 0) {
    lines.push(
      '',
      'No edit was reverted: this server build has no rule for locked sections, so the figures are those of plain edits.',
    )
  }
  return lines.join('\n')
}

function idleTable(input: SectionInput, servers: ServerId[]): string {
  const { aggregate: a } = input
  const workload = 'idle-200x3'
  const rows = servers
    .filter((id) => a.ran(id, workload))
    .map((id) => {
      if (a.count(id, workload) === 0) return failedRow(a, id, workload, 7)
      return [
        label(id),
        kib(a.median(id, workload, (r) => r.perMap.heap)),
        kib(a.median(id, workload, (r) => r.perMap.rss)),
        kib(a.median(id, workload, (r) => r.perMapAfterUnload.heap)),
        kib(a.median(id, workload, (r) => r.perMapAfterUnload.rss)),
        fixed(
          a.median(id, workload, (r) => (r.idle.cpuSeconds / r.idle.seconds) * 1000),
          1,
        ),
        ms(a.median(id, workload, (r) => r.fillMs)),
      ]
    })
  return table(
    [
      'server',
      'live heap per map KiB',
      'RSS per map KiB',
      'heap per map after unload KiB',
      'RSS per map after unload KiB',
      'idle CPU ms/s',
      'fill time ms',
    ],
    rows,
  )
}

function stormTable(input: SectionInput, servers: ServerId[]): string {
  const { aggregate: a } = input
  const workload = 'join-storm'
  const rows = servers
    .filter((id) => a.ran(id, workload))
    .map((id) => {
      if (a.count(id, workload) === 0) return failedRow(a, id, workload, 9)
      const m = (pick: (r: JoinStormResult) => number) => a.median(id, workload, pick)
      return [
        label(id),
        ms(m((r) => r.received.p50)),
        ms(m((r) => r.received.max)),
        ms(m((r) => r.synced.p50)),
        ms(m((r) => r.synced.p95)),
        ms(m((r) => r.synced.max)),
        fixed(
          m((r) => r.failed),
          0,
        ),
        fixed(
          m((r) => r.server.cpuSeconds),
          2,
        ),
        ms(m((r) => r.server.eventLoop.max)),
      ]
    })
  return table(
    [
      'server',
      'map received p50 ms',
      'map received, last ms',
      'synced p50 ms',
      'synced p95 ms',
      'synced, last ms',
      'failed',
      'server CPU s',
      'server event-loop max ms',
    ],
    rows,
  )
}

function largeUpdateTable(input: SectionInput, servers: ServerId[]): string {
  const { aggregate: a } = input
  const workload = 'update-5mb'
  const rows = servers
    .filter((id) => a.ran(id, workload))
    .map((id) => {
      const results = a.results(id, workload)
      if (results.length === 0) return failedRow(a, id, workload, 7)
      const outcomes = [...new Set(results.map(({ result }) => result.outcome))].join(', ')
      const codes = [...new Set(results.flatMap(({ result }) => result.writerCloseCodes))].join(', ')
      return [
        label(id),
        outcomes + (codes === '' ? '' : ` (close ${codes})`),
        `${fixed(
          a.median(id, workload, (r) => r.delivered),
          0,
        )} / ${fixed(
          a.median(id, workload, (r) => r.expected),
          0,
        )}`,
        ms(a.median(id, workload, (r) => (r.delivered === 0 ? Number.NaN : r.latency.p50))),
        ms(a.median(id, workload, (r) => (r.delivered === 0 ? Number.NaN : r.latency.max))),
        fixed(
          a.median(id, workload, (r) => r.server.cpuSeconds),
          2,
        ),
        mib(a.median(id, workload, (r) => r.server.rssBytes)),
      ]
    })
  return table(
    ['server', 'outcome', 'delivered / expected', 'p50 ms', 'max ms', 'server CPU s', 'RSS after MiB'],
    rows,
  )
}

function ratioTable(input: SectionInput): string {
  const { aggregate: a } = input
  const peers = PEERS.filter((peer) => a.ran(peer, 'room-1x30') || a.ran(peer, 'idle-200x3'))
  const rows: string[][] = []
  const add = (name: string, values: number[]) => rows.push([name, ...values.map(ratio)])
  for (const workload of ['room-1x30', 'rooms-50x5'] as const) {
    add(
      `p50 latency, ${workload}`,
      peers.map((peer) => a.ratio(SUBJECT, peer, workload, (r) => r.latency.p50)),
    )
    add(
      `p99 latency, ${workload}`,
      peers.map((peer) => a.ratio(SUBJECT, peer, workload, (r) => r.latency.p99)),
    )
    add(
      `CPU per delivery, ${workload}`,
      peers.map((peer) => a.ratio(SUBJECT, peer, workload, (r) => r.cpuPerDeliveryUs)),
    )
  }
  add(
    'join storm, last client synced',
    peers.map((peer) => a.ratio(SUBJECT, peer, 'join-storm', (r) => r.synced.max)),
  )
  add(
    'join storm, last client received the map',
    peers.map((peer) => a.ratio(SUBJECT, peer, 'join-storm', (r) => r.received.max)),
  )
  add(
    'join storm, server CPU',
    peers.map((peer) => a.ratio(SUBJECT, peer, 'join-storm', (r) => r.server.cpuSeconds)),
  )
  add(
    'live heap per idle map',
    peers.map((peer) => a.ratio(SUBJECT, peer, 'idle-200x3', (r) => r.perMap.heap)),
  )
  add(
    'RSS per idle map',
    peers.map((peer) => a.ratio(SUBJECT, peer, 'idle-200x3', (r) => r.perMap.rss)),
  )
  return table(['Mapboard ÷', ...peers.map(label)], rows)
}

function attributionTable(input: SectionInput): string {
  const { aggregate: a } = input
  const variants: ServerId[] = ['mapboard', 'mapboard-inline', 'mapboard-nochecks', 'mapboard-memory']
  const rows: string[][] = []
  for (const workload of ['room-1x30', 'rooms-50x5'] as const) {
    for (const id of variants) {
      if (a.count(id, workload) === 0) continue
      rows.push([
        workload,
        label(id),
        ms(a.median(id, workload, (r) => r.latency.p50)),
        ms(a.median(id, workload, (r) => r.latency.p99)),
        storeCell(
          a.median(id, workload, (r) => r.server.store?.p50 ?? Number.NaN),
          a.median(id, workload, (r) => r.server.store?.p99 ?? Number.NaN),
        ),
        fixed(a.median(id, workload, (r) => r.cpuPerDeliveryUs)),
        ratio(a.ratio(id, REFERENCE, workload, (r) => r.cpuPerDeliveryUs)),
      ])
    }
  }
  return table(
    [
      'workload',
      'variant',
      'p50 ms',
      'p99 ms',
      'store append p50 / p99 ms',
      'CPU µs / delivery',
      `CPU ÷ ${label(REFERENCE)}`,
    ],
    rows,
  )
}

export function serversSection(input: SectionInput): string {
  const { context, machine, versions } = input
  const { settings } = context
  const all = context.servers
  const loads = input.loadAverages
  const noise =
    loads.length === 0 ? '—' : `median ${fixed(median(loads), 2)}, max ${fixed(Math.max(...loads), 2)}`
  const mode = settings.quick
    ? 'quick: 1 run, short windows — for development, not for quoting'
    : `${settings.runs} runs, medians`

  return [
    '## Servers compared',
    '',
    `Measured ${input.date} with \`pnpm bench\` (${mode}; ${fixed(context.minutes, 1)} min). ` +
      `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Linux ${machine.kernel}, Node ${machine.node}. ` +
      (context.pinned
        ? 'Each server ran pinned to CPU 1, the load generator to CPU 0. '
        : 'Processes were not pinned to CPUs. ') +
      `1-minute load average when each workload started: ${noise} (the bench alone keeps it near 1–2 on this 2-core machine; more means other work competed with it).`,
    '',
    `Packages: ${Object.entries(versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}.`,
    '',
    '![Edit-to-observe latency per server](benchmarks/latency.svg)',
    '',
    '### Goals',
    '',
    'Mapboard here is the real server: SQLite (WAL, `synchronous = FULL`, every update stored before it is broadcast) and the update gate on. Ratios are taken within each run, then the median over runs.',
    '',
    table(['goal', 'target', 'Mapboard', 'peer', 'ratio', 'met'], goalRows(input)),
    '',
    '### 1 room × 30 clients (10 writing, 5 edits/s each)',
    '',
    editTable(input, 'room-1x30', all),
    '',
    '### 50 rooms × 5 clients (2 writing per room, 1 edit/s each)',
    '',
    editTable(input, 'rooms-50x5', all),
    '',
    '### Revert-heavy (Mapboard only)',
    '',
    '1 room × 30 clients as above, but the chair has locked "Past harm" and 10% of the professionals\' edits add a note there; the server reverts each of them. The y-websocket server and Hocuspocus have no roles, locks or reverts, so there is nothing to compare them on.',
    '',
    revertTable(input),
    '',
    `### ${settings.idleRooms} rooms × 3 idle clients (memory)`,
    '',
    idleTable(input, all),
    '',
    `### Join storm: ${settings.stormClients} clients join a ${settings.stormNotes.toLocaleString('en')}-note map at once`,
    '',
    stormTable(input, all),
    '',
    `### One ${fixed(settings.largeUpdateBytes / 2 ** 20, 0)} MB update`,
    '',
    largeUpdateTable(input, all),
    '',
    '### Mapboard ÷ each peer (median of per-run ratios; below 1 is better for Mapboard)',
    '',
    ratioTable(input),
    '',
    "### Where Mapboard's cost goes",
    '',
    'The same server with its SQLite connection on the event loop instead of its writer thread, without permission rules (the structural check of every update stays), and without SQLite (an in-memory store).',
    '',
    attributionTable(input),
    '',
    '### What the figures mean',
    '',
    '- **Edit-to-observe latency**: from the moment an edit was *scheduled* to be sent until another client in the room has it in its Y.Doc, for every (edit, other client) pair. Load is open-loop: each writer edits on a fixed schedule whatever the server does, and latency counts from the scheduled time, so a server that stalls its clients cannot hide its stalls in fewer samples (coordinated omission). Only edits scheduled inside the measured window count; warm-up edits come before it.',
    "- **Delivered / expected**: (edit, other client) pairs that arrived, out of edits sent × other clients in the room. An update that overwrote a note's text before a client saw the earlier text still counts: Yjs delivers one client's changes in order, so the later one implies the earlier.",
    '- **Store append** (Mapboard only): wall time of each store append in the window (`MapStore.appendToMaps`, one per event-loop turn for the batches of every room) — with SQLite, one transaction and its fsync before the batches are broadcast, run on the writer thread while the event loop goes on (on the event loop for the variant that keeps it there).',
    '- **Server CPU**: user + system seconds of the server process (from `/proc/<pid>/stat`) over the measured window; **per delivery** divides it by the delivered pairs.',
    '- **RSS**: resident memory of the server process at the end of the window. **Event-loop p99/max**: how late a 10 ms timer fired in the server process over the window (`perf_hooks.monitorEventLoopDelay`, its 10 ms resolution subtracted), read over an IPC channel. The load generator measures its own event loop the same way: when that is high, the latencies include its lag.',
    "- **Time to synced**: from creating the provider until its first full sync (y-websocket `sync`, Hocuspocus `synced`) with every note in the document. In the join storm all 30 clients connect at once and each applies the ~750 KB map in the load generator, taking turns on one CPU, so the last client's time includes the other clients' apply time (the same for every server; a single apply is in the raw results as `clientApplyMs`). **Map received** is the server's side of it: when the frame carrying the map arrived at each client's socket, timed before the client applies it (frames are handed to the provider one macrotask later, so one client's apply does not hide another's arrival).",
    "- **Memory per idle map**: (live heap + external memory after a full GC with every room loaded and its clients connected − the same before any client connected) ÷ rooms; RSS the same way. **After unload**: the same after every client left and the server's unload grace (Mapboard 2 s in the bench; 30 s by default) ran out.",
    '- **Durability differs**: Mapboard commits every accepted update to SQLite (fsync) before anyone sees it. Hocuspocus with the SQLite store writes the whole document 2 s after changes stop (at most every 10 s), after broadcasting — an update others have seen can be lost in a crash. The y-websocket server as run here (no `YPERSISTENCE`) keeps documents in memory only and never unloads them.',
    '- **The 5 MB update**: Mapboard refuses websocket frames over 2 MiB (`MAX_MESSAGE_BYTES`, close code 4413: the client does not retry); the peers accept it.',
    '- Every client is a real `Y.Doc` with the real provider of its server (y-websocket 3.1 for Mapboard and the reference server, `@hocuspocus/provider` for Hocuspocus), one websocket each, writing map-model notes; on Mapboard each client joined as a participant and writes as itself.',
    '',
  ].join('\n')
}
