import type { CaseRecord } from '../report/CaseRecord.ts'
import { loadAverage } from '../report/environment.ts'
import { headline } from '../report/headline.ts'
import type { ServerKind } from '../servers/serverKinds.ts'
import type { BenchSettings } from '../settings.ts'
import type { WorkloadId } from '../workloads/WorkloadResult.ts'
import type { ChildGroup } from './ChildGroup.ts'
import { workloadTimeoutMs } from './plan.ts'
import { runLoad } from './runLoad.ts'
import { ServerSet } from './ServerSet.ts'

export interface BenchServerOptions {
  run: number
  settings: BenchSettings
  serverCpu: number
  loadCpu: number
  /** No workload starts after this (ms since the epoch). */
  deadline: number
  profileDir?: string
  heapSnapshotDir?: string
  log(line: string): void
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * Starts one server under test and runs `workloads` against it in order, each from a fresh load generator; stops
 * the server whatever happens. A workload that fails is recorded with its error and the next one runs.
 */
export async function benchServer(
  group: ChildGroup,
  kind: ServerKind,
  workloads: readonly WorkloadId[],
  options: BenchServerOptions,
): Promise<CaseRecord[]> {
  const { run, settings, log } = options
  const records: CaseRecord[] = []
  let server: ServerSet | undefined
  try {
    server = await ServerSet.start(kind, group, {
      cpu: options.serverCpu,
      unloadGraceMs: settings.unloadGraceMs,
    })
    for (const workload of workloads) {
      if (Date.now() > options.deadline) break
      const base = { run, serverId: kind.id, workload, loadAverage: loadAverage() }
      if (!server.alive) {
        records.push({ ...base, error: `the server had exited:\n${server.output}` })
        continue
      }
      const began = Date.now()
      try {
        const result = await runLoad(group, server, workload, settings, {
          cpu: options.loadCpu,
          timeoutMs: workloadTimeoutMs(workload, settings),
          run,
          ...(options.profileDir === undefined ? {} : { profileDir: options.profileDir }),
          ...(options.heapSnapshotDir === undefined ? {} : { heapSnapshotDir: options.heapSnapshotDir }),
        })
        records.push({ ...base, result })
        const seconds = ((Date.now() - began) / 1000).toFixed(1)
        log(`run ${run} ${kind.id.padEnd(18)} ${workload.padEnd(13)} ${headline(result)} (${seconds} s)`)
      } catch (error) {
        const message = messageOf(error)
        records.push({ ...base, error: message })
        log(`run ${run} ${kind.id.padEnd(18)} ${workload.padEnd(13)} FAILED: ${message.split('\n')[0]}`)
      }
    }
  } catch (error) {
    const message = messageOf(error)
    for (const workload of workloads) records.push({ run, serverId: kind.id, workload, error: message })
    log(`run ${run} ${kind.id}: could not start: ${message.split('\n')[0]}`)
  } finally {
    await server?.stop()
  }
  return records
}
