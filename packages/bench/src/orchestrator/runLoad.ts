import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isMessage } from '../ipc.ts'
import type { SampleReply, SampleRequest } from '../ipc.ts'
import type { LoadJob, LoadOutcome } from '../load/loadGenerator.ts'
import type { Target } from '../load/Target.ts'
import type { BenchSettings } from '../settings.ts'
import type { WorkloadId, WorkloadResult } from '../workloads/WorkloadResult.ts'
import type { ChildGroup } from './ChildGroup.ts'
import type { ServerSet } from './ServerSet.ts'

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const loadScript = join(benchDir, 'src', 'load', 'loadGenerator.ts')

/**
 * Runs one workload in a fresh load-generator process (pinned to its own CPU) against `server`, answering its
 * requests for server samples. Kills it if it takes longer than `timeoutMs`.
 */
export async function runLoad(
  group: ChildGroup,
  server: ServerSet,
  workload: WorkloadId,
  settings: BenchSettings,
  options: { cpu: number; timeoutMs: number; run: number; profileDir?: string; heapSnapshotDir?: string },
): Promise<WorkloadResult> {
  const target: Target = {
    serverId: server.kind.id,
    family: server.kind.family,
    protocol: server.kind.protocol,
    ports: server.ports,
  }
  const child = group.spawnNode(['--import', 'tsx', loadScript], { cpu: options.cpu, cwd: benchDir })
  const output: string[] = []
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString('utf8'))
    if (output.length > 50) output.shift()
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  try {
    return await new Promise<WorkloadResult>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${workload} on ${server.kind.id} took longer than ${options.timeoutMs} ms`)),
        options.timeoutMs,
      )
      const fail = (error: Error) => {
        clearTimeout(timer)
        reject(error)
      }
      child.on('message', (message: unknown) => {
        if (isMessage<SampleRequest>(message, 'sample')) {
          const { profileDir } = options
          const profile =
            profileDir === undefined || message.window === undefined
              ? undefined
              : message.window === 'start'
                ? ({ action: 'start' } as const)
                : ({
                    action: 'stop',
                    path: join(profileDir, `${server.kind.id}-${workload}-run${options.run}.cpuprofile`),
                  } as const)
          const { heapSnapshotDir } = options
          const heapSnapshot =
            heapSnapshotDir === undefined || message.snapshot === undefined
              ? undefined
              : join(
                  heapSnapshotDir,
                  `${server.kind.id}-${workload}-run${options.run}-${message.snapshot}.heapsnapshot`,
                )
          server
            .sample({ gc: message.gc, resetEventLoop: message.resetEventLoop, profile, heapSnapshot })
            .then(
              (sample) => child.send({ type: 'sample-reply', id: message.id, sample } satisfies SampleReply),
              (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))),
            )
          return
        }
        if (isMessage<{ type: 'ready' }>(message, 'ready')) {
          child.send({ type: 'job', workload, target, settings } satisfies LoadJob)
          return
        }
        const outcome = message as LoadOutcome
        if (outcome.type === 'result') {
          clearTimeout(timer)
          resolve(outcome.result)
        } else if (outcome.type === 'failed') {
          fail(new Error(outcome.message))
        }
      })
      child.once('exit', (code, signal) =>
        fail(new Error(`load generator exited (${signal ?? code})\n${output.join('')}`)),
      )
    })
  } finally {
    await group.stop(child, 2000)
  }
}
