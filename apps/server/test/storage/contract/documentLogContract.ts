// The behaviour every engine's DocumentLog must have: appends (one map, several at once), load, compaction and
// the quarantine of a restoration.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { DocumentLog } from '../../../src/storage/DocumentLog.ts'
import type { MapCatalog } from '../../../src/storage/MapCatalog.ts'
import { mapRecord, rebuild, setUpdate } from './fixtures.ts'
import type { StoreHarness } from './fixtures.ts'

/** What the suite stores through: the DocumentLog and what it needs to make maps. */
export type DocumentLogUnderTest = MapCatalog & DocumentLog

export function documentLogContract(
  name: string,
  open: () => Promise<StoreHarness<DocumentLogUnderTest>>,
): void {
  describe(`DocumentLog contract: ${name}`, () => {
    let harness: StoreHarness<DocumentLogUnderTest>
    let store: DocumentLogUnderTest

    beforeEach(async () => {
      harness = await open()
      store = harness.store
    })
    afterEach(async () => {
      await harness.dispose()
    })

    it('[STORE-3] load returns the initial state as snapshot and appended updates in order', async () => {
      const doc = new Y.Doc()
      const initial = setUpdate(doc, 'title', 'first')
      const map = mapRecord()
      await store.createMap(map, initial)
      const u1 = setUpdate(doc, 'title', 'second')
      const u2 = setUpdate(doc, 'other', 'x')
      expect(await store.appendUpdate(map.id, u1)).toBe(1)
      expect(await store.appendUpdates(map.id, [u2])).toBe(2)

      const stored = await store.load(map.id)
      expect(stored.snapshot).toEqual(initial)
      expect(stored.updates).toEqual([u1, u2])
      expect(stored.lastSeq).toBe(2)
      expect(rebuild(stored).getMap('meta').toJSON()).toEqual({ title: 'second', other: 'x' })
    })

    it('[STORE-4] appendUpdates writes a batch atomically and numbers it consecutively', async () => {
      const map = mapRecord()
      await store.createMap(map, new Uint8Array([0, 0]))
      const batch = [new Uint8Array([1]), new Uint8Array([2]), new Uint8Array([3])]
      expect(await store.appendUpdates(map.id, batch)).toBe(3)
      expect(await store.appendUpdates(map.id, [new Uint8Array([4])])).toBe(4)
      expect((await store.load(map.id)).updates.map((u) => u[0])).toEqual([1, 2, 3, 4])
    })

    it('[STORE-4b] appendToMaps appends to several maps at once, each numbered on its own', async () => {
      const first = mapRecord()
      const second = mapRecord()
      await store.createMap(first, new Uint8Array([0, 0]))
      await store.createMap(second, new Uint8Array([0, 0]))
      await store.appendUpdates(second.id, [new Uint8Array([7])])
      const results = await store.appendToMaps([
        { mapId: first.id, updates: [new Uint8Array([1]), new Uint8Array([2])] },
        { mapId: second.id, updates: [new Uint8Array([8])] },
        { mapId: first.id, updates: [new Uint8Array([3])] },
      ])
      expect(results).toEqual([
        { ok: true, lastSeq: 2 },
        { ok: true, lastSeq: 2 },
        { ok: true, lastSeq: 3 },
      ])
      expect((await store.load(first.id)).updates.map((u) => u[0])).toEqual([1, 2, 3])
      expect((await store.load(second.id)).updates.map((u) => u[0])).toEqual([7, 8])
    })

    it('[STORE-4c] appendToMaps fails only the appends to a map that does not exist', async () => {
      const map = mapRecord()
      await store.createMap(map, new Uint8Array([0, 0]))
      const results = await store.appendToMaps([
        { mapId: 'no-such-map', updates: [new Uint8Array([9])] },
        { mapId: map.id, updates: [new Uint8Array([1])] },
      ])
      expect(results[0]?.ok).toBe(false)
      expect(results[1]).toEqual({ ok: true, lastSeq: 1 })
      expect((await store.load(map.id)).updates.map((u) => u[0])).toEqual([1])
      await expect(store.load('no-such-map')).rejects.toThrow()
    })

    it('[STORE-5] appending to or loading a map that does not exist fails', async () => {
      await expect(store.appendUpdates('no-such-map', [new Uint8Array([1])])).rejects.toThrow()
      await expect(store.load('no-such-map')).rejects.toThrow()
    })

    it('[STORE-6] compact replaces the snapshot and drops the folded updates, keeping later ones', async () => {
      const doc = new Y.Doc()
      const map = mapRecord()
      await store.createMap(map, setUpdate(doc, 'a', '1'))
      await store.appendUpdates(map.id, [setUpdate(doc, 'b', '2'), setUpdate(doc, 'c', '3')])
      const snapshot = Y.encodeStateAsUpdate(doc)
      const late = setUpdate(doc, 'd', '4')
      await store.appendUpdate(map.id, late)

      await store.compact(map.id, snapshot, 2)
      const stored = await store.load(map.id)
      expect(stored.snapshot).toEqual(snapshot)
      expect(stored.updates).toEqual([late])
      expect(stored.lastSeq).toBe(3)
      expect(rebuild(stored).getMap('meta').toJSON()).toEqual({ a: '1', b: '2', c: '3', d: '4' })
      // Numbering continues after a compaction.
      expect(await store.appendUpdate(map.id, setUpdate(doc, 'e', '5'))).toBe(4)
    })

    it('[STORE-7] an older snapshot never replaces a newer one', async () => {
      const map = mapRecord()
      await store.createMap(map, new Uint8Array([0, 0]))
      await store.appendUpdates(map.id, [new Uint8Array([1]), new Uint8Array([2])])
      await store.compact(map.id, new Uint8Array([9, 2]), 2)
      await store.compact(map.id, new Uint8Array([9, 1]), 1)
      expect((await store.load(map.id)).snapshot).toEqual(new Uint8Array([9, 2]))
    })

    it('[STORE-8] compacting past the last written update fails and changes nothing', async () => {
      const map = mapRecord()
      await store.createMap(map, new Uint8Array([0, 0]))
      await store.appendUpdate(map.id, new Uint8Array([1]))
      await expect(store.compact(map.id, new Uint8Array([9]), 5)).rejects.toThrow()
      const stored = await store.load(map.id)
      expect(stored.snapshot).toEqual(new Uint8Array([0, 0]))
      expect(stored.updates).toHaveLength(1)
    })

    it('[STORE-21] quarantine keeps the entries, replaces the snapshot and drops the log, in one go', async () => {
      const doc = new Y.Doc()
      const map = mapRecord()
      const other = mapRecord()
      await store.createMap(map, setUpdate(doc, 'a', '1'))
      await store.createMap(other, new Uint8Array([0, 0]))
      const good = setUpdate(doc, 'b', '2')
      const bad = new Uint8Array([200, 1, 2, 3])
      await store.appendUpdates(map.id, [good, bad, setUpdate(doc, 'c', '3')])
      const snapshot = Y.encodeStateAsUpdate(doc)
      await store.quarantine(map.id, {
        entries: [{ seq: 2, kind: 'update', data: bad, reason: 'undecodable update' }],
        snapshot,
        throughSeq: 3,
        restoredAt: 1_700_000_500_000,
      })
      const stored = await store.load(map.id)
      expect(stored).toEqual({ snapshot, updates: [], lastSeq: 3 })
      expect(await store.listQuarantine(map.id)).toEqual([
        {
          mapId: map.id,
          seq: 2,
          kind: 'update',
          data: bad,
          reason: 'undecodable update',
          restoredAt: 1_700_000_500_000,
          restoredVersion: 3,
        },
      ])
      expect(await store.listQuarantine(other.id)).toEqual([])
      // Numbering goes on; a later restoration adds to the quarantine, after the earlier one.
      expect(await store.appendUpdate(map.id, new Uint8Array([7]))).toBe(4)
      await store.quarantine(map.id, {
        entries: [
          { seq: 3, kind: 'snapshot', data: snapshot, reason: 'applying it threw' },
          { seq: 4, kind: 'update', data: new Uint8Array([7]), reason: 'undecodable update' },
        ],
        snapshot: new Uint8Array([0, 0]),
        throughSeq: 4,
        restoredAt: 1_700_000_600_000,
      })
      expect(
        (await store.listQuarantine(map.id)).map((entry) => [entry.seq, entry.kind, entry.restoredVersion]),
      ).toEqual([
        [2, 'update', 3],
        [3, 'snapshot', 4],
        [4, 'update', 4],
      ])
      expect(await store.load(map.id)).toEqual({ snapshot: new Uint8Array([0, 0]), updates: [], lastSeq: 4 })
    })

    it('[STORE-22] a quarantine that does not fit the log fails and writes nothing', async () => {
      const map = mapRecord()
      await store.createMap(map, new Uint8Array([0, 0]))
      await store.appendUpdates(map.id, [new Uint8Array([1]), new Uint8Array([2])])
      await store.compact(map.id, new Uint8Array([9, 1]), 1)
      const entry = { seq: 2, kind: 'update' as const, data: new Uint8Array([2]), reason: 'r' }
      const restoration = { entries: [entry], snapshot: new Uint8Array([9, 9]), restoredAt: 1 }
      // Past the last update, behind the snapshot, an entry past the restoration, no such map.
      await expect(store.quarantine(map.id, { ...restoration, throughSeq: 3 })).rejects.toThrow()
      await expect(store.quarantine(map.id, { ...restoration, throughSeq: 0 })).rejects.toThrow()
      await expect(
        store.quarantine(map.id, { ...restoration, entries: [{ ...entry, seq: 5 }], throughSeq: 2 }),
      ).rejects.toThrow()
      await expect(store.quarantine('no-such-map', { ...restoration, throughSeq: 2 })).rejects.toThrow()
      expect(await store.listQuarantine(map.id)).toEqual([])
      expect(await store.load(map.id)).toEqual({
        snapshot: new Uint8Array([9, 1]),
        updates: [new Uint8Array([2])],
        lastSeq: 2,
      })
    })

    it('[STORE-23] the quarantine survives a reopen, and what it hands out is a copy', async () => {
      const map = mapRecord()
      await store.createMap(map, new Uint8Array([0, 0]))
      await store.appendUpdate(map.id, new Uint8Array([5, 5]))
      await store.quarantine(map.id, {
        entries: [{ seq: 1, kind: 'update', data: new Uint8Array([5, 5]), reason: 'kept' }],
        snapshot: new Uint8Array([0, 0]),
        throughSeq: 1,
        restoredAt: 42,
      })
      store = await harness.reopen()
      const [kept] = await store.listQuarantine(map.id)
      expect(kept).toMatchObject({ seq: 1, data: new Uint8Array([5, 5]), restoredAt: 42, restoredVersion: 1 })
      kept?.data.fill(0)
      expect((await store.listQuarantine(map.id))[0]?.data).toEqual(new Uint8Array([5, 5]))
    })
  })
}
