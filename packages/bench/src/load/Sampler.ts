import type { ServerSample } from '../ipc.ts'
import type { ServerWindow } from '../workloads/WorkloadResult.ts'

/** Asks the orchestrator to read the server process (CPU from /proc, event loop and memory from its probe). */
export interface Sampler {
  sample(options: {
    gc: boolean
    resetEventLoop: boolean
    window?: 'start' | 'end'
    snapshot?: string
  }): Promise<ServerSample>
}

/** The server's work between two samples; the second one's event-loop figures cover the window. */
export function serverWindow(start: ServerSample, end: ServerSample): ServerWindow {
  const window: ServerWindow = {
    cpuSeconds: end.cpuSeconds - start.cpuSeconds,
    cpuSystemSeconds: end.cpuSystemSeconds - start.cpuSystemSeconds,
    eventLoop: end.eventLoop,
    rssBytes: end.memory.rss,
  }
  if (end.store !== undefined) window.store = end.store
  const { instances } = end
  if (instances !== undefined && start.instances?.length === instances.length) {
    window.instances = instances.map((last, i) => serverWindow(start.instances?.[i] as ServerSample, last))
  }
  return window
}
