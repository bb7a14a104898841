import { expect, it } from 'vitest'
import { categorize, shortPath, summarizeProfile } from '../src/profile/profileSummary.ts'
import type { CpuProfile, CpuProfileNode } from '../src/profile/profileSummary.ts'
import { sourceAt } from '../src/profile/sourceLocator.ts'
import type { SourceLocator } from '../src/profile/sourceLocator.ts'

const PNPM = '/repo/node_modules/.pnpm'

it('sorts frames into the categories of work', () => {
  expect(categorize(`${PNPM}/ioredis@6.1.0/node_modules/ioredis/built/Redis.js`, 'sendCommand')).toBe(
    'relay/Redis',
  )
  expect(categorize('apps/server/src/cluster/RelayedSocket.ts', 'send')).toBe('relay/Redis')
  expect(categorize('apps/server/src/rooms/UpdateGate.ts', '#inspect')).toBe('gate')
  expect(categorize('packages/map-model/src/order.ts', 'isOrderKey')).toBe('gate')
  expect(categorize(`${PNPM}/yjs@13.6.33/node_modules/yjs/dist/yjs.mjs`, 'transact')).toBe(
    'encoding (Yjs, lib0)',
  )
  expect(categorize('apps/server/src/rooms/syncMessages.ts', 'readFrame')).toBe('encoding (Yjs, lib0)')
  expect(categorize(`${PNPM}/pg@8.23.1/node_modules/pg/lib/query.js`, 'submit')).toBe('storage')
  expect(categorize('apps/server/src/storage/AppendBatcher.ts', 'flush')).toBe('storage')
  expect(categorize(`${PNPM}/ws@8.23.0/node_modules/ws/lib/sender.js`, 'send')).toBe('ws and sockets')
  expect(categorize('node:internal/stream_base_commons', 'onStreamRead')).toBe('ws and sockets')
  expect(categorize('apps/server/src/rooms/Room.ts', 'receive')).toBe('rooms and server (other)')
  expect(categorize(`${PNPM}/fastify@5.12.8/node_modules/fastify/lib/route.js`, 'x')).toBe('http (fastify)')
  expect(categorize('', '(garbage collector)')).toBe('garbage collection')
  expect(categorize('', '(program)')).toBe('V8 and native (program)')
  expect(categorize('node:internal/timers', 'listOnTimeout')).toBe('Node internals (other)')
  expect(categorize('', 'writev')).toBe('other')
})

it('shortens package paths to the package', () => {
  expect(shortPath(`${PNPM}/yjs@13.6.33/node_modules/yjs/dist/yjs.mjs`)).toBe('yjs/dist/yjs.mjs')
  expect(shortPath('apps/server/src/rooms/Room.ts')).toBe('apps/server/src/rooms/Room.ts')
})

const frame = (id: number, functionName: string, url: string, children: number[] = []): CpuProfileNode => ({
  id,
  callFrame: { functionName, url, lineNumber: id, columnNumber: 0 },
  children,
})

it('adds self time per category, gives native frames to their caller and leaves the probe out', () => {
  const ws = `file://${PNPM}/ws@8.23.0/node_modules/ws/lib/sender.js`
  const pg = `file://${PNPM}/pg@8.23.1/node_modules/pg/lib/query.js`
  const profile: CpuProfile = {
    nodes: [
      frame(1, '(root)', '', [2, 3, 6, 7, 9, 10]),
      frame(2, 'send', ws, [4]),
      frame(3, 'submit', pg, [5]),
      frame(4, 'writev', ''), // native, under ws
      frame(5, 'writev', ''), // native, under pg
      frame(6, '(garbage collector)', ''),
      frame(7, 'onMessage', 'file:///repo/packages/bench/src/servers/probe.ts', [8]),
      frame(8, 'dispatch', ''), // the profiler stopping: not the server's work
      frame(9, '(idle)', ''),
      frame(10, 'built', 'file:///repo/apps/server/dist/chunk.js'),
    ],
    startTime: 0,
    endTime: 100_000,
    samples: [2, 4, 4, 5, 6, 8, 9, 10, 3],
    timeDeltas: [1000, 2000, 2000, 3000, 500, 90_000, 4000, 1500, 1000],
  }
  const locate: SourceLocator = (url) =>
    url.endsWith('dist/chunk.js') ? 'apps/server/src/rooms/UpdateGate.ts' : url.replace('file://', '')
  const summary = summarizeProfile(profile, locate)
  expect(summary.busyMs).toBe(11)
  expect(summary.wallMs).toBe(100)
  expect(Object.fromEntries(summary.byCategory.map((entry) => [entry.category, entry.selfMs]))).toEqual({
    'ws and sockets': 5,
    storage: 4,
    gate: 1.5,
    'garbage collection': 0.5,
  })
  expect(summary.byCategory[0]).toEqual({ category: 'ws and sockets', selfMs: 5, share: 5 / 11 })
  expect(summary.top[0]).toEqual({
    functionName: 'writev',
    where: '(native) under ws/lib/sender.js',
    category: 'ws and sockets',
    selfMs: 4,
  })
  expect(summary.top.find((entry) => entry.functionName === 'built')?.where).toBe(
    'apps/server/src/rooms/UpdateGate.ts',
  )
})

it('counts a store call under the bench store timing as storage, not as the probe', () => {
  const sqlite = `file://${PNPM}/better-sqlite3@12.4.1/node_modules/better-sqlite3/lib/methods/transaction.js`
  const profile: CpuProfile = {
    nodes: [
      frame(1, '(root)', '', [2]),
      frame(2, 'appendToMaps', 'file:///repo/packages/bench/src/servers/storeTiming.ts', [3]),
      frame(3, 'sqliteTransaction', sqlite, [4]),
      frame(4, 'run', ''), // native, under better-sqlite3
    ],
    startTime: 0,
    endTime: 10_000,
    samples: [4, 3],
    timeDeltas: [3000, 1000],
  }
  const summary = summarizeProfile(profile, (url) => url.replace('file://', ''))
  expect(summary.busyMs).toBe(4)
  expect(summary.byCategory.map((entry) => [entry.category, entry.selfMs])).toEqual([['storage', 4]])
})

it('counts hits evenly when a profile has no samples', () => {
  const profile: CpuProfile = {
    nodes: [
      { ...frame(1, 'send', 'file:///x/node_modules/ws/lib/sender.js'), hitCount: 3 },
      { ...frame(2, '(garbage collector)', ''), hitCount: 1 },
    ],
    startTime: 0,
    endTime: 4000,
  }
  const summary = summarizeProfile(profile, (url) => url.replace('file://', ''))
  expect(summary.busyMs).toBe(4)
  expect(summary.byCategory.map((entry) => [entry.category, entry.selfMs])).toEqual([
    ['ws and sockets', 3],
    ['garbage collection', 1],
  ])
})

it('finds the source of a column through the last mapping segment at or before it', () => {
  // line 0: columns 0 → source 0, 10 → source 1, 20 → source 0; line 1: nothing; line 2: a segment without a source.
  const mappings = [
    [
      [0, 0, 0, 0],
      [10, 1, 5, 0],
      [20, 0, 9, 0],
    ],
    [],
    [[0]],
  ] as Parameters<typeof sourceAt>[0]
  expect(sourceAt(mappings, 0, 0)).toBe(0)
  expect(sourceAt(mappings, 0, 15)).toBe(1)
  expect(sourceAt(mappings, 0, 99)).toBe(0)
  expect(sourceAt(mappings, 1, 3)).toBeUndefined()
  expect(sourceAt(mappings, 2, 3)).toBeUndefined()
  expect(sourceAt(mappings, 7, 0)).toBeUndefined()
})
