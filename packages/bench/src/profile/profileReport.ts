// docs/benchmarks/cluster-profile.md: the CPU profiles of one cluster run side by side, by category and by function.
import { fixed, table } from '../report/format.ts'
import { CATEGORIES } from './profileSummary.ts'
import type { ProfileSummary } from './profileSummary.ts'

export interface LabelledSummary {
  label: string
  summary: ProfileSummary
}

const share = (value: number) => `${(value * 100).toFixed(1)}%`

/** Categories as rows, one column per profile: self time in ms and its share of the busy time. */
export function categoryTable(summaries: readonly LabelledSummary[]): string {
  const rows = CATEGORIES.filter((category) =>
    summaries.some(({ summary }) => summary.byCategory.some((entry) => entry.category === category)),
  ).map((category) => [
    category,
    ...summaries.map(({ summary }) => {
      const entry = summary.byCategory.find((candidate) => candidate.category === category)
      return entry === undefined ? '—' : `${fixed(entry.selfMs, 0)} ms (${share(entry.share)})`
    }),
  ])
  rows.push(['**busy, in all**', ...summaries.map(({ summary }) => `${fixed(summary.busyMs, 0)} ms`)])
  return table(['self time', ...summaries.map(({ label }) => label)], rows)
}

export function profileReport(
  summaries: readonly LabelledSummary[],
  context: { date: string; loadAverage: number },
): string {
  const wall = summaries[0]?.summary.wallMs ?? Number.NaN
  const parts = [
    '# Where the CPU goes: one instance and two',
    '',
    `Written by \`pnpm --filter @mapboard/bench bench:cluster --profile DIR\` on ${context.date} (1-minute load average ${fixed(context.loadAverage, 2)} at the end). ` +
      `One V8 CPU profile per server process over the measured window of the first run (${fixed(wall / 1000, 1)} s of 50 rooms × 5 clients, profiled through the inspector as \`--cpu-prof\` would, but only over the window), ` +
      'self time per category; built code is mapped back to its source file through the build’s source maps (apps/server/dist/*.map). ' +
      'The profile samples the main thread only (the process’s CPU from /proc also counts GC helpers, libuv’s pool and the profiler itself), and profiling slows every process alike: read shares, not absolute times. The .cpuprofile files (a few hundred KB each) stay in DIR; only this summary is kept.',
    '',
    '## By category',
    '',
    categoryTable(summaries),
    '',
    'Categories: **relay/Redis** — ioredis and the cluster modules (apps/server/src/cluster: placement, relayed sockets, leases); ' +
      '**gate** — the update gate and its rules (rooms/UpdateGate, permissionRules, checkUpdate, scanUpdate, … and map-model); ' +
      '**encoding** — Yjs, lib0, y-protocols and the server’s frame reading and writing; **storage** — the store modules, pg and better-sqlite3; ' +
      '**ws and sockets** — ws, @fastify/websocket and Node’s net and stream internals (Redis and PostgreSQL traffic passes there too); ' +
      '**V8 and native** — `(program)`, time in native code without a JavaScript frame (including syscalls such as writes to sockets).',
  ]
  for (const { label, summary } of summaries) {
    parts.push(
      '',
      `## ${label}: top functions by self time`,
      '',
      table(
        ['function', 'where', 'category', 'self ms', 'share'],
        summary.top.map((entry) => [
          `\`${entry.functionName}\``,
          entry.where === '' ? '—' : `\`${entry.where}\``,
          entry.category,
          fixed(entry.selfMs, 1),
          share(summary.busyMs === 0 ? 0 : entry.selfMs / summary.busyMs),
        ]),
      ),
    )
  }
  return `${parts.join('\n')}\n`
}
