import { expect, it } from 'vitest'
import { AppendBatcher } from '../../src/storage/AppendBatcher.ts'
import type { MapAppend, MapAppendResult } from '../../src/storage/DocumentLog.ts'
import { MemoryMapStore } from '../../src/storage/MemoryMapStore.ts'

/** Records every appendToMaps call. */
class CountingStore extends MemoryMapStore {
  calls: MapAppend[][] = []
  override async appendToMaps(appends: readonly MapAppend[]): Promise<MapAppendResult[]> {
    this.calls.push([...appends])
    return super.appendToMaps(appends)
  }
}

async function createMaps(store: MemoryMapStore, ...ids: string[]): Promise<void> {
  for (const id of ids) await store.createMap({ id, title: id, createdAt: 0 }, new Uint8Array([0, 0]))
}

it('appends of one event-loop turn share one store call, each resolving with its own sequence number', async () => {
  const store = new CountingStore()
  await createMaps(store, 'a', 'b')
  const batcher = new AppendBatcher(store)
  const seqs = await Promise.all([
    batcher.append('a', [new Uint8Array([1]), new Uint8Array([2])]),
    batcher.append('b', [new Uint8Array([3])]),
  ])
  expect(seqs).toEqual([2, 1])
  expect(store.calls).toHaveLength(1)
  expect(await batcher.append('a', [new Uint8Array([4])])).toBe(3)
  expect(store.calls).toHaveLength(2)
})

it('a failed map rejects only its own append; a failed commit rejects them all', async () => {
  const store = new CountingStore()
  await createMaps(store, 'a')
  const batcher = new AppendBatcher(store)
  const [missing, fine] = await Promise.allSettled([
    batcher.append('no-such-map', [new Uint8Array([1])]),
    batcher.append('a', [new Uint8Array([2])]),
  ])
  expect(missing.status).toBe('rejected')
  expect(fine).toEqual({ status: 'fulfilled', value: 1 })

  store.appendToMaps = () => Promise.reject(new Error('disk full'))
  const results = await Promise.allSettled([batcher.append('a', [new Uint8Array([3])])])
  expect(results).toEqual([{ status: 'rejected', reason: new Error('disk full') }])
})
