import type { WorkloadResult } from '../workloads/WorkloadResult.ts'

const ms = (value: number) => `${value.toFixed(1)} ms`
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

/** One line of progress per workload run. */
export function headline(result: WorkloadResult): string {
  switch (result.workload) {
    case 'room-1x30':
    case 'rooms-50x5':
    case 'revert-heavy': {
      const l = result.latency
      const reverts =
        result.reverts === undefined
          ? ''
          : ` reverts ${result.reverts.reverted}/${result.reverts.sent} p99 ${ms(result.reverts.latency.p99)} leaked ${result.reverts.leaked}`
      const store = result.server.store
      const commits =
        store === undefined ? '' : ` store p50 ${ms(store.p50)} p99 ${ms(store.p99)} (${store.count})`
      return `p50 ${ms(l.p50)} p99 ${ms(l.p99)} max ${ms(l.max)}${commits} delivered ${result.delivered}/${result.expected} cpu ${result.server.cpuSeconds.toFixed(2)} s (sys ${result.server.cpuSystemSeconds.toFixed(2)}; ${result.cpuPerDeliveryUs.toFixed(1)} µs/delivery) eld p99 ${ms(result.server.eventLoop.p99)} load eld p99 ${ms(result.loadGenerator.eventLoopP99)}${reverts}`
    }
    case 'idle-200x3':
      return `per map ${kb(result.perMap.heap)} heap, ${kb(result.perMap.rss)} rss; after unload ${kb(result.perMapAfterUnload.heap)} heap; fill ${ms(result.fillMs)}`
    case 'join-storm':
      return `received p50 ${ms(result.received.p50)} max ${ms(result.received.max)}; synced p50 ${ms(result.synced.p50)} max ${ms(result.synced.max)} failed ${result.failed} state ${kb(result.stateBytes)} apply ${ms(result.clientApplyMs)} cpu ${result.server.cpuSeconds.toFixed(2)} s`
    case 'update-5mb':
      return `${result.outcome} ${result.delivered}/${result.expected} p50 ${ms(result.latency.p50)} max ${ms(result.latency.max)} closes [${result.writerCloseCodes.join(',')}] rss ${kb(result.server.rssBytes)}`
  }
}
