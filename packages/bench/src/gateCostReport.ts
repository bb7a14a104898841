// The "Permission checks" section of docs/benchmarks.md, from one run of the gate-cost benchmark.
import { summarize } from './stats/percentiles.ts'
import { machineInfo } from './report/environment.ts'
import { ms, ratio, table } from './report/format.ts'
import type { GateSide } from './gateCostRun.ts'

export interface GateRun {
  off: GateSide
  on: GateSide
  edits: number
  intervalMs: number
  seed: number
  block: number
  seconds: number
  /** 1-minute load average when the run started and when it ended. */
  load: [number, number]
}

export function gateSection(run: GateRun): string {
  const { off, on } = run
  const machine = machineInfo()
  const a = summarize(off.latencies)
  const b = summarize(on.latencies)
  const rows = [
    ['rules off (`rules: false`)', String(a.count), ms(a.p50), ms(a.p95), ms(a.p99), ms(a.mean)],
    ['rules on (default)', String(b.count), ms(b.p50), ms(b.p95), ms(b.p99), ms(b.mean)],
    [
      'on ÷ off',
      '',
      ratio(b.p50 / a.p50),
      ratio(b.p95 / a.p95),
      ratio(b.p99 / a.p99),
      ratio(b.mean / a.mean),
    ],
  ]
  const perEdit = (on.rulesMs * 1000) / run.edits
  const date = new Date().toISOString().slice(0, 10)
  return [
    '## Permission checks',
    '',
    `Measured ${date} with \`pnpm --filter @mapboard/bench bench:gate\` (${run.seconds.toFixed(0)} s). Machine: ` +
      `${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}; 1-minute load average ` +
      `${run.load[0].toFixed(2)} at the start, ${run.load[1].toFixed(2)} at the end (more than about 1 means other ` +
      'work competed with the run).',
    '',
    `Two Mapboard servers in one process, the same build with SQLite as shipped (WAL, \`synchronous = FULL\`): one ` +
      `with the permission rules (the default), one with \`rules: false\`. Each got the same ${run.edits} edits ` +
      `(seed ${run.seed}; adds, text edits and moves, every one of them allowed: each writer changes only its own ` +
      `notes, with one section locked by the chair), one every ${run.intervalMs} ms from three writers (the chair ` +
      `and two professionals), watched by three viewers; real y-websocket clients, in blocks of ${run.block} ` +
      'edits taking turns between the servers. Latency runs from just before the writer’s command to the moment ' +
      'an observer’s document holds the edit; one sample per edit per observer.',
    '',
    table(['server', 'samples', 'p50 ms', 'p95 ms', 'p99 ms', 'mean ms'], rows),
    '',
    `Time inside the rules (judging each transaction and keeping the note index): ${perEdit.toFixed(1)} µs per ` +
      `edit on average, ${on.rulesMs.toFixed(0)} ms for all ${run.edits}. Refused: ${on.refused} (must be 0). That ` +
      'is the cost of the checks; storing each update before it is broadcast (an fsync) dominates both servers. ' +
      'The medians are steady from run to run; the tails (p95, p99) move by a factor of two or three either way ' +
      'on a shared two-core machine, so compare them across several runs before reading anything into one.',
  ].join('\n')
}
