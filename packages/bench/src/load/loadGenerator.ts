// Entry of the load-generator process: gets one job from the orchestrator, runs it with real Y.Docs and real
// providers, asks the orchestrator for server samples along the way, and sends back the result.
import { isMessage } from '../ipc.ts'
import type { SampleReply, SampleRequest, ServerSample } from '../ipc.ts'
import type { BenchSettings } from '../settings.ts'
import { runWorkload } from '../workloads/runWorkload.ts'
import type { WorkloadId, WorkloadResult } from '../workloads/WorkloadResult.ts'
import type { Sampler } from './Sampler.ts'
import type { Target } from './Target.ts'

export interface LoadJob {
  type: 'job'
  workload: WorkloadId
  target: Target
  settings: BenchSettings
}

export type LoadOutcome = { type: 'result'; result: WorkloadResult } | { type: 'failed'; message: string }

const send = process.send?.bind(process)
if (send === undefined)
  throw new Error('the load generator runs as a child of the bench, with an IPC channel')

let nextSample = 1
const pending = new Map<number, (sample: ServerSample) => void>()
const sampler: Sampler = {
  sample(options) {
    const id = nextSample++
    return new Promise((resolve) => {
      pending.set(id, resolve)
      send({ type: 'sample', id, ...options } satisfies SampleRequest)
    })
  },
}

process.on('message', (message: unknown) => {
  if (isMessage<SampleReply>(message, 'sample-reply')) {
    pending.get(message.id)?.(message.sample)
    pending.delete(message.id)
    return
  }
  if (!isMessage<LoadJob>(message, 'job')) return
  runWorkload(message.workload, message.target, message.settings, sampler).then(
    (result) => send({ type: 'result', result } satisfies LoadOutcome, () => process.exit(0)),
    (error: unknown) => {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error)
      send({ type: 'failed', message: text } satisfies LoadOutcome, () => process.exit(1))
    },
  )
})
process.on('disconnect', () => process.exit(1))
// Only now is anyone listening for the job.
send({ type: 'ready' })
