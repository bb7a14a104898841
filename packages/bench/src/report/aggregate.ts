// Medians over runs, and ratios taken within each run (both servers measured minutes apart on the same machine)
// before their median is taken.
import type { ServerId } from '../servers/serverKinds.ts'
import { median } from '../stats/percentiles.ts'
import type { EditLoadResult, WorkloadId, WorkloadResult } from '../workloads/WorkloadResult.ts'
import type { CaseRecord } from './CaseRecord.ts'

export type Metric<R extends WorkloadResult> = (result: R) => number

/** The result type of a workload (the three edit workloads share one). */
type ResultOf<W extends WorkloadId> = W extends EditLoadResult['workload']
  ? EditLoadResult
  : Extract<WorkloadResult, { workload: W }>

export class Aggregate {
  readonly #records: readonly CaseRecord[]

  constructor(records: readonly CaseRecord[]) {
    this.#records = records
  }

  results<W extends WorkloadId>(server: ServerId, workload: W): Array<{ run: number; result: ResultOf<W> }> {
    const found: Array<{ run: number; result: ResultOf<W> }> = []
    for (const record of this.#records) {
      if (record.serverId === server && record.workload === workload && record.result !== undefined) {
        found.push({ run: record.run, result: record.result as ResultOf<W> })
      }
    }
    return found
  }

  /** A workload ran for this server (maybe failing). */
  ran(server: ServerId, workload: WorkloadId): boolean {
    return this.#records.some((record) => record.serverId === server && record.workload === workload)
  }

  errors(server: ServerId, workload: WorkloadId): string[] {
    return this.#records
      .filter(
        (record) => record.serverId === server && record.workload === workload && record.error !== undefined,
      )
      .map((record) => record.error as string)
  }

  /** Median of `pick` over the runs; NaN when there is none. */
  median<W extends WorkloadId>(server: ServerId, workload: W, pick: Metric<ResultOf<W>>): number {
    return median(this.results(server, workload).map(({ result }) => pick(result)))
  }

  /** Median over runs of (subject ÷ peer) within the same run. */
  ratio<W extends WorkloadId>(
    subject: ServerId,
    peer: ServerId,
    workload: W,
    pick: Metric<ResultOf<W>>,
  ): number {
    const peers = new Map(this.results(peer, workload).map(({ run, result }) => [run, pick(result)]))
    const ratios: number[] = []
    for (const { run, result } of this.results(subject, workload)) {
      const other = peers.get(run)
      if (other !== undefined && other > 0) ratios.push(pick(result) / other)
    }
    return median(ratios)
  }

  /** Runs that produced a result for this case. */
  count(server: ServerId, workload: WorkloadId): number {
    return this.results(server, workload).length
  }
}
