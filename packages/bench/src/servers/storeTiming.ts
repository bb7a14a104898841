// How long the Mapboard server under test waits for its store's appends — appendUpdates, and appendToMaps, the
// group commit its rooms share (SQLite: the commit and its fsync, on the writer thread or, for 'mapboard-inline',
// on the event loop), reported by the probe next to the event-loop delay.
import { createHistogram } from 'node:perf_hooks'
import type { RecordableHistogram } from 'node:perf_hooks'
import type { MapStore } from '@mapboard/server'
import type { StoreTiming } from '../ipc.ts'

let histogram: RecordableHistogram | undefined

/** The store, with every append (appendUpdates, appendToMaps) timed (wall clock, ms); other methods pass through. */
export function timedStore(store: MapStore): MapStore {
  const timings = createHistogram()
  histogram = timings
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target)
      if (typeof value !== 'function') return value
      if (property !== 'appendUpdates' && property !== 'appendToMaps') return value.bind(target)
      return async (...args: unknown[]) => {
        const began = process.hrtime.bigint()
        try {
          return await value.apply(target, args)
        } finally {
          timings.record(process.hrtime.bigint() - began || 1n)
        }
      }
    },
  })
}

/** The appends since the last reset (undefined in servers without a timed store). */
export function readStoreTiming(reset: boolean): StoreTiming | undefined {
  if (histogram === undefined) return undefined
  const empty = histogram.count === 0
  const timing = {
    count: histogram.count,
    p50: empty ? 0 : histogram.percentile(50) / 1e6,
    p99: empty ? 0 : histogram.percentile(99) / 1e6,
    max: empty ? 0 : histogram.max / 1e6,
  }
  if (reset) histogram.reset()
  return timing
}
