// Loaded into every server under test with `node --import`: answers the orchestrator's probes over the IPC
// channel with the process's event-loop delay and memory, and ends the process if the orchestrator goes away.
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { writeHeapSnapshot } from 'node:v8'
import { isMessage } from '../ipc.ts'
import type { ProbeReply, ProbeRequest } from '../ipc.ts'
import { readStoreTiming } from './storeTiming.ts'

const NS_PER_MS = 1e6
/** The histogram records each interval of a timer firing every RESOLUTION_MS; the delay is what exceeds it. */
const RESOLUTION_MS = 10
const delayMs = (ns: number) => Math.max(0, ns / NS_PER_MS - RESOLUTION_MS)

if (process.send !== undefined) {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  histogram.enable()
  const collect = (globalThis as { gc?: () => void }).gc

  let session: Session | undefined
  const profile = (request: NonNullable<ProbeRequest['profile']>, then: () => void) => {
    if (request.action === 'start') {
      session = new Session()
      session.connect()
      session.post('Profiler.enable', () => session?.post('Profiler.start', then))
      return
    }
    if (session === undefined) return then()
    const open = session
    open.post('Profiler.stop', (error, result) => {
      if (error === null) writeFileSync(request.path, JSON.stringify(result.profile))
      open.disconnect()
      then()
    })
  }

  const answer = (message: ProbeRequest) => {
    if (message.gc && collect !== undefined) {
      // Twice: the first pass can leave objects whose finalizers free more.
      collect()
      collect()
    }
    const memory = process.memoryUsage()
    const empty = histogram.count === 0
    const reply: ProbeReply = {
      type: 'probe-reply',
      id: message.id,
      eventLoop: {
        mean: empty ? 0 : delayMs(histogram.mean),
        p50: empty ? 0 : delayMs(histogram.percentile(50)),
        p99: empty ? 0 : delayMs(histogram.percentile(99)),
        max: empty ? 0 : delayMs(histogram.max),
      },
      memory: {
        rss: memory.rss,
        heapUsed: memory.heapUsed,
        external: memory.external,
        arrayBuffers: memory.arrayBuffers,
      },
    }
    const store = readStoreTiming(message.resetEventLoop)
    if (store !== undefined) reply.store = store
    if (message.resetEventLoop) histogram.reset()
    if (message.heapSnapshot !== undefined) writeHeapSnapshot(message.heapSnapshot)
    process.send?.(reply)
  }

  process.on('message', (message: unknown) => {
    if (!isMessage<ProbeRequest>(message, 'probe')) return
    // Stop profiling before reading, start after: the probe's own work stays out of the profile.
    if (message.profile === undefined) answer(message)
    else if (message.profile.action === 'stop') profile(message.profile, () => answer(message))
    else {
      answer(message)
      profile(message.profile, () => {})
    }
  })
  // The IPC channel keeps no server alive on its own; losing it means the bench is gone.
  process.channel?.unref()
  process.on('disconnect', () => process.exit(0))
}
