import { expect, it } from 'vitest'
import { Aggregate } from '../src/report/aggregate.ts'
import type { CaseRecord } from '../src/report/CaseRecord.ts'
import { clusterSection, instanceCpuPerDelivery, perRunRatios } from '../src/report/clusterSection.ts'
import type { ServerId } from '../src/servers/serverKinds.ts'
import { benchSettings } from '../src/settings.ts'
import { summarize } from '../src/stats/percentiles.ts'
import type { EditLoadResult, ServerWindow } from '../src/workloads/WorkloadResult.ts'

const window = (cpuSeconds: number): ServerWindow => ({
  cpuSeconds,
  cpuSystemSeconds: cpuSeconds / 10,
  eventLoop: { mean: 0.5, p50: 0.5, p99: 2, max: 4 },
  rssBytes: 100 * 2 ** 20,
})

function result(p99: number, cpuSeconds: number[]): EditLoadResult {
  const delivered = 3200
  const total = cpuSeconds.reduce((sum, value) => sum + value, 0)
  const server = window(total)
  if (cpuSeconds.length > 1) server.instances = cpuSeconds.map(window)
  return {
    workload: 'rooms-50x5',
    rooms: 50,
    clientsPerRoom: 5,
    writersPerRoom: 2,
    editsPerSecond: 1,
    windowMs: 8000,
    sent: 800,
    expected: delivered,
    delivered,
    latency: { ...summarize([1, 2, 3]), p99 },
    sync: summarize([10]),
    server,
    cpuPerDeliveryUs: (total * 1e6) / delivered,
    loadGenerator: { eventLoopP99: 1, latenessP99: 1 },
    disconnects: 0,
  }
}

const record = (run: number, serverId: ServerId, r: EditLoadResult): CaseRecord => ({
  run,
  serverId,
  workload: 'rooms-50x5',
  result: r,
  loadAverage: 1,
})

// Two runs; the cluster's p99 is 1.2× and 2.0× one PostgreSQL instance's.
const records: CaseRecord[] = [
  record(1, 'mapboard', result(8, [0.6])),
  record(1, 'mapboard-postgres', result(10, [0.8])),
  record(1, 'mapboard-cluster', result(12, [0.8, 0.4])),
  record(2, 'mapboard', result(10, [0.7])),
  record(2, 'mapboard-postgres', result(10, [0.8])),
  record(2, 'mapboard-cluster', result(20, [0.9, 0.7])),
]

it('takes the ratio of two instances to one within each run', () => {
  const a = new Aggregate(records)
  expect(perRunRatios(a, 'mapboard-cluster', 'mapboard-postgres', (r) => r.latency.p99)).toEqual([1.2, 2])
  expect(a.ratio('mapboard-cluster', 'mapboard-postgres', 'rooms-50x5', (r) => r.latency.p99)).toBeCloseTo(
    1.6,
  )
  expect(perRunRatios(a, 'mapboard-cluster', 'hocuspocus', (r) => r.latency.p99)).toEqual([])
})

it('gives each instance its CPU per delivered update', () => {
  const r = result(12, [0.8, 0.4])
  expect(instanceCpuPerDelivery(r, 0)).toBe(250)
  expect(instanceCpuPerDelivery(r, 1)).toBe(125)
  expect(instanceCpuPerDelivery(r, 2)).toBeNaN()
  expect(instanceCpuPerDelivery(result(12, [0.8]), 0)).toBeNaN()
})

it('reports the goal of at most 1.5× one instance as missed or met', () => {
  const input = {
    settings: benchSettings(false, 2),
    pinned: true,
    minutes: 2,
    date: '2026-12-07',
    machine: { cpuModel: 'CPU', cores: 2, memoryGiB: 8, node: 'v20', kernel: '6' },
    versions: {},
  }
  const missed = clusterSection({ ...input, records })
  // Median of 1.2× and 2.0×: 1.6× — missed.
  expect(missed).toMatch(
    /≤ 1\.5× Mapboard \(PostgreSQL, checks on\) \| 16\.0 ms \| 10\.0 ms \| 1\.60× \| \*\*no\*\*/,
  )
  expect(missed).toContain('1.20×, 2.00×')
  // Instance 1 used 0.85 s of 1.4 s in the median run pair.
  expect(missed).toMatch(/instance 1 \(maps created here\) \| 0\.85 \|/)
  const met = clusterSection({ ...input, records: records.filter((r) => r.run === 1) })
  expect(met).toMatch(/1\.20× \| yes/)
  const failed = clusterSection({
    ...input,
    records: [
      ...records.filter((r) => r.serverId !== 'mapboard-cluster'),
      { run: 1, serverId: 'mapboard-cluster', workload: 'rooms-50x5', error: 'Redis went away\nstack' },
    ],
  })
  expect(failed).toContain('failed: Redis went away')
  expect(failed).toContain('Not measured.')
})
