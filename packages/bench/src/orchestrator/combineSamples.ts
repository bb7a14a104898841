import type { EventLoopDelay, ServerSample, StoreTiming } from '../ipc.ts'

const worst = (delays: readonly EventLoopDelay[]): EventLoopDelay => ({
  mean: Math.max(...delays.map((delay) => delay.mean)),
  p50: Math.max(...delays.map((delay) => delay.p50)),
  p99: Math.max(...delays.map((delay) => delay.p99)),
  max: Math.max(...delays.map((delay) => delay.max)),
})

/**
 * One reading of several processes serving as one (a cluster's instances, read one after the other): CPU and
 * memory summed, the event loop and store appends of the worse instance per figure (percentiles do not add), and
 * each instance's own reading kept in `instances`.
 */
export function combineSamples(samples: readonly ServerSample[]): ServerSample {
  const [first] = samples
  if (first === undefined) throw new Error('no samples to combine')
  if (samples.length === 1) return first
  const sum = (pick: (sample: ServerSample) => number) =>
    samples.reduce((total, sample) => total + pick(sample), 0)
  const combined: ServerSample = {
    at: first.at,
    cpuSeconds: sum((sample) => sample.cpuSeconds),
    cpuSystemSeconds: sum((sample) => sample.cpuSystemSeconds),
    eventLoop: worst(samples.map((sample) => sample.eventLoop)),
    memory: {
      rss: sum((sample) => sample.memory.rss),
      heapUsed: sum((sample) => sample.memory.heapUsed),
      external: sum((sample) => sample.memory.external),
      arrayBuffers: sum((sample) => sample.memory.arrayBuffers),
    },
    instances: [...samples],
  }
  const stores = samples.flatMap((sample) => (sample.store === undefined ? [] : [sample.store]))
  if (stores.length > 0) {
    const store: StoreTiming = {
      count: stores.reduce((total, timing) => total + timing.count, 0),
      p50: Math.max(...stores.map((timing) => timing.p50)),
      p99: Math.max(...stores.map((timing) => timing.p99)),
      max: Math.max(...stores.map((timing) => timing.max)),
    }
    combined.store = store
  }
  return combined
}
