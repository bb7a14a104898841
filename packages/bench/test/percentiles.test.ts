import { expect, it } from 'vitest'
import { median, summarize } from '../src/stats/percentiles.ts'

it('summarizes latencies with nearest-rank percentiles', () => {
  const values = Array.from({ length: 100 }, (_, i) => 100 - i) // 100 … 1, unsorted on purpose
  expect(summarize(values)).toEqual({ count: 100, mean: 50.5, p50: 50, p95: 95, p99: 99, max: 100 })
  expect(summarize([])).toEqual({ count: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 })
})

it('takes the median of what is finite', () => {
  expect(median([3, 1, 2])).toBe(2)
  expect(median([4, 1, 3, 2])).toBe(2.5)
  expect(median([Number.NaN, 5])).toBe(5)
  expect(median([])).toBeNaN()
})
