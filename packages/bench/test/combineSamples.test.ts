import { expect, it } from 'vitest'
import type { ServerSample } from '../src/ipc.ts'
import { serverWindow } from '../src/load/Sampler.ts'
import { seatPort } from '../src/load/Target.ts'
import { combineSamples } from '../src/orchestrator/combineSamples.ts'
import { instanceProfilePath } from '../src/orchestrator/ServerSet.ts'

function sample(cpu: number, p99: number, store?: ServerSample['store']): ServerSample {
  const reading: ServerSample = {
    at: 1000,
    cpuSeconds: cpu,
    cpuSystemSeconds: cpu / 4,
    eventLoop: { mean: p99 / 4, p50: p99 / 2, p99, max: p99 * 2 },
    memory: { rss: 100, heapUsed: 50, external: 10, arrayBuffers: 5 },
  }
  if (store !== undefined) reading.store = store
  return reading
}

it('sums the CPU and memory of a cluster and keeps the worse event loop and store appends', () => {
  const combined = combineSamples([
    sample(2, 3, { count: 10, p50: 1, p99: 4, max: 9 }),
    sample(1, 5, { count: 6, p50: 2, p99: 3, max: 7 }),
  ])
  expect(combined.cpuSeconds).toBe(3)
  expect(combined.cpuSystemSeconds).toBe(0.75)
  expect(combined.memory).toEqual({ rss: 200, heapUsed: 100, external: 20, arrayBuffers: 10 })
  expect(combined.eventLoop).toEqual({ mean: 1.25, p50: 2.5, p99: 5, max: 10 })
  expect(combined.store).toEqual({ count: 16, p50: 2, p99: 4, max: 9 })
  expect(combined.instances?.map((instance) => instance.cpuSeconds)).toEqual([2, 1])
})

it('leaves a single process reading as it is, and refuses nothing to combine', () => {
  const one = sample(2, 3)
  expect(combineSamples([one])).toBe(one)
  expect(combineSamples([sample(1, 1), sample(1, 1)]).store).toBeUndefined()
  expect(() => combineSamples([])).toThrow(/no samples/)
})

it('gives each instance its own window between two combined samples', () => {
  const start = combineSamples([sample(2, 1), sample(1, 1)])
  const end = combineSamples([sample(5, 3), sample(1.5, 4)])
  const window = serverWindow(start, end)
  expect(window.cpuSeconds).toBe(3.5)
  expect(window.instances?.map((instance) => instance.cpuSeconds)).toEqual([3, 0.5])
  expect(window.instances?.map((instance) => instance.eventLoop.p99)).toEqual([3, 4])
  // A single process has no per-instance windows.
  expect(serverWindow(sample(1, 1), sample(2, 1)).instances).toBeUndefined()
})

it('spreads the seats of a room over the instances in turn', () => {
  expect([0, 1, 2, 3, 4].map((seat) => seatPort([4001, 4002], seat))).toEqual([4001, 4002, 4001, 4002, 4001])
  expect(seatPort([4001], 3)).toBe(4001)
  expect(() => seatPort([], 0)).toThrow(/no port/)
})

it('names one profile per instance', () => {
  expect(instanceProfilePath('/p/mapboard-cluster-rooms-50x5-run1.cpuprofile', 0)).toBe(
    '/p/mapboard-cluster-rooms-50x5-run1-instance1.cpuprofile',
  )
  expect(instanceProfilePath('/p/x', 1)).toBe('/p/x-instance2')
})
