// The behaviour every MapStore backend must have. A backend's test file calls `mapStoreContract` with a factory;
// the PostgreSQL store will run exactly these tests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { ExportRecord } from '../../src/storage/ExportStore.ts'
import type { LinkRecord } from '../../src/storage/LinkStore.ts'
import type { MapRecord } from '../../src/storage/MapCatalog.ts'
import type { MapStore } from '../../src/storage/MapStore.ts'
import type { ScalingSubmissionRecord } from '../../src/storage/ScalingStore.ts'

export interface StoreHarness {
  store: MapStore
  /** Closes the store and opens a new one on the same data (a restart). */
  reopen(): Promise<MapStore>
  /** Closes whatever is open and removes the data. */
  dispose(): Promise<void>
}

let counter = 0
const mapRecord = (title = 'A map'): MapRecord => ({
  id: `map-${Date.now()}-${counter++}`,
  title,
  createdAt: 1_700_000_000_000,
})

const link = (mapId: string, role: LinkRecord['role'], id = `link-${counter++}`): LinkRecord => ({
  id,
  mapId,
  role,
  createdAt: 1_700_000_000_000,
  expiresAt: 1_700_000_000_000 + 86_400_000,
  revokedAt: null,
})

const submission = (
  mapId: string,
  roundId: string,
  participantId: string,
  score: number,
  reason = `reason of ${participantId}`,
): ScalingSubmissionRecord => ({
  mapId,
  roundId,
  participantId,
  name: `Name of ${participantId}`,
  role: 'professional',
  agency: 'Health visiting',
  score,
  reason,
  updatedAt: 1_700_000_000_000 + score,
})

const exportRecord = (
  mapId: string,
  id: string,
  generatedAt: number,
  format: 'pdf' | 'png' = 'pdf',
): ExportRecord => {
  const bytes = new Uint8Array([37, 80, 68, 70, counter++ % 256, 0, 255])
  return {
    id,
    mapId,
    format,
    audience: 'shared',
    documentVersion: 12,
    documentSha256: 'a'.repeat(64),
    bytesSha256: 'b'.repeat(64),
    byteLength: bytes.byteLength,
    bytes,
    generatedBy: { participantId: 'p-chair', name: 'Zoë Łukasz-Nowak', role: 'chair', agency: 'Reviewing' },
    generatedAt,
  }
}

const withoutBytes = ({ bytes: _bytes, ...summary }: ExportRecord) => summary

/** A map document update that sets one key, made by a fresh client. */
function setUpdate(doc: Y.Doc, key: string, value: string): Uint8Array {
  const before = Y.encodeStateVector(doc)
  doc.getMap('meta').set(key, value)
  return Y.encodeStateAsUpdate(doc, before)
}

/** The document the stored snapshot + tail describe. */
function rebuild(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc()
  if (stored.snapshot !== null) Y.applyUpdate(doc, stored.snapshot)
  for (const update of stored.updates) Y.applyUpdate(doc, update)
  return doc
}

export function mapStoreContract(name: string, open: () => Promise<StoreHarness>): void {
  describe(`MapStore contract: ${name}`, () => {
    let harness: StoreHarness
    let store: MapStore

    beforeEach(async () => {
      harness = await open()
      store = harness.store
    })
    afterEach(async () => {
      await harness.dispose()
    })

    it('[STORE-1] creates a map and reads its record back', async () => {
      const map = mapRecord('Review conference — Zoë Łukasz')
      await store.createMap(map, new Uint8Array([0, 0]))
      expect(await store.getMap(map.id)).toEqual(map)
      expect(await store.getMap('no-such-map')).toBeUndefined()
    })

    it('[STORE-2] refuses a second map with the same id', async () => {
      const map = mapRecord()
      await store.createMap(map, new Uint8Array([0, 0]))
      await expect(store.createMap({ ...map, title: 'other' }, new Uint8Array([0, 0]))).rejects.toThrow()
      expect((await store.getMap(map.id))?.title).toBe(map.title)
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

    it('[STORE-9] links: created with the map or later, listed per map, revoked once', async () => {
      const map = mapRecord()
      const chair = link(map.id, 'chair')
      await store.createMap(map, new Uint8Array([0, 0]), [chair])
      const viewer = link(map.id, 'viewer')
      await store.createLink(viewer)

      expect(await store.getLink(chair.id)).toEqual(chair)
      expect((await store.listLinks(map.id)).map((l) => l.id).sort()).toEqual([chair.id, viewer.id].sort())
      expect(await store.getLink('no-such-link')).toBeUndefined()

      expect(await store.revokeLink(viewer.id, 1_700_000_100_000)).toBe(true)
      expect(await store.revokeLink(viewer.id, 1_700_000_200_000)).toBe(true)
      expect((await store.getLink(viewer.id))?.revokedAt).toBe(1_700_000_100_000)
      expect(await store.revokeLink('no-such-link', 1)).toBe(false)
    })

    it('[STORE-10] a map and its links are created together or not at all', async () => {
      const map = mapRecord()
      const duplicate = link(map.id, 'chair', 'same-id')
      await expect(
        store.createMap(map, new Uint8Array([0, 0]), [duplicate, { ...duplicate, role: 'viewer' }]),
      ).rejects.toThrow()
      expect(await store.getMap(map.id)).toBeUndefined()
      expect(await store.getLink('same-id')).toBeUndefined()
    })

    it('[STORE-11] everything written is there after a reopen', async () => {
      const doc = new Y.Doc()
      const map = mapRecord()
      const chair = link(map.id, 'chair')
      await store.createMap(map, setUpdate(doc, 'title', 'kept'), [chair])
      await store.appendUpdates(map.id, [setUpdate(doc, 'note', 'kept too')])
      store = await harness.reopen()
      expect(await store.getMap(map.id)).toEqual(map)
      expect(await store.getLink(chair.id)).toEqual(chair)
      expect(
        rebuild(await store.load(map.id))
          .getMap('meta')
          .toJSON(),
      ).toEqual({ title: 'kept', note: 'kept too' })
    })

    it('[STORE-12] participants: added under one of the map’s links, renamed, listed in join order, kept', async () => {
      const map = mapRecord()
      const other = mapRecord()
      const family = link(map.id, 'family')
      const professional = link(map.id, 'professional')
      const otherLink = link(other.id, 'family')
      await store.createMap(map, new Uint8Array([0, 0]), [family, professional])
      await store.createMap(other, new Uint8Array([0, 0]), [otherLink])
      const mum = {
        id: `p-${counter++}`,
        mapId: map.id,
        linkId: family.id,
        role: 'family' as const,
        name: 'Mum',
        agency: '',
        joinedAt: 1_700_000_000_500,
      }
      const gp = {
        id: `p-${counter++}`,
        mapId: map.id,
        linkId: professional.id,
        role: 'professional' as const,
        name: 'Dr Patel',
        agency: 'GP surgery',
        joinedAt: 1_700_000_000_400,
      }
      await store.addParticipant(mum)
      await store.addParticipant(gp)
      expect(await store.getParticipant(mum.id)).toEqual(mum)
      expect(await store.getParticipant('no-such-participant')).toBeUndefined()
      expect(await store.listParticipants(map.id)).toEqual([gp, mum])
      expect(await store.listParticipants(other.id)).toEqual([])

      await expect(store.addParticipant({ ...mum, name: 'again' })).rejects.toThrow()
      // Never under another map's link.
      await expect(
        store.addParticipant({ ...mum, id: `p-${counter++}`, linkId: otherLink.id }),
      ).rejects.toThrow()
      expect(await store.listParticipants(map.id)).toHaveLength(2)

      expect(await store.renameParticipant(mum.id, 'Sarah Jones', '')).toBe(true)
      expect(await store.renameParticipant('no-such-participant', 'x', '')).toBe(false)
      store = await harness.reopen()
      expect(await store.getParticipant(mum.id)).toEqual({ ...mum, name: 'Sarah Jones' })
    })

    it('[STORE-13] client ids: the first claim wins, atomically per id; others learn which are taken', async () => {
      const map = mapRecord()
      const other = mapRecord()
      await store.createMap(map, new Uint8Array([0, 0]))
      await store.createMap(other, new Uint8Array([0, 0]))
      expect(await store.claimClientIds(map.id, 'p-mum', [11, 12])).toEqual([])
      // Claiming again is harmless; ids someone else holds are reported, the free ones granted.
      expect(await store.claimClientIds(map.id, 'p-mum', [12])).toEqual([])
      expect(await store.claimClientIds(map.id, 'p-gp', [12, 13, 11])).toEqual([12, 11])
      expect(await store.claimClientIds(map.id, ':server', [4294967295])).toEqual([])
      // Ids are per map.
      expect(await store.claimClientIds(other.id, 'p-gp', [11])).toEqual([])
      expect(await store.listClientIds(map.id)).toEqual([
        { clientId: 11, ownerId: 'p-mum' },
        { clientId: 12, ownerId: 'p-mum' },
        { clientId: 13, ownerId: 'p-gp' },
        { clientId: 4294967295, ownerId: ':server' },
      ])
      await expect(store.claimClientIds('no-such-map', 'p-mum', [1])).rejects.toThrow()
    })

    it('[STORE-14] client id claims survive a reopen', async () => {
      const map = mapRecord()
      await store.createMap(map, new Uint8Array([0, 0]))
      await store.claimClientIds(map.id, 'p-mum', [7])
      store = await harness.reopen()
      expect(await store.listClientIds(map.id)).toEqual([{ clientId: 7, ownerId: 'p-mum' }])
      expect(await store.claimClientIds(map.id, 'p-gp', [7])).toEqual([7])
    })

    it('[STORE-15] scaling submissions: one per person per round, a later one replaces it', async () => {
      const map = mapRecord()
      const other = mapRecord()
      await store.createMap(map, new Uint8Array([0, 0]))
      await store.createMap(other, new Uint8Array([0, 0]))
      const gp = submission(map.id, 'round-1', 'p-gp', 4)
      const mum = {
        ...submission(map.id, 'round-1', 'p-mum', 7, 'We go to every appointment\nnow'),
        role: 'family' as const,
        agency: '',
      }
      await store.putScalingSubmission(mum)
      await store.putScalingSubmission(gp)
      await store.putScalingSubmission(submission(map.id, 'round-2', 'p-gp', 2))
      await store.putScalingSubmission(submission(other.id, 'round-1', 'p-gp', 9))

      expect(await store.getScalingSubmission(map.id, 'round-1', 'p-mum')).toEqual(mum)
      expect(await store.getScalingSubmission(map.id, 'round-1', 'p-nobody')).toBeUndefined()
      expect(await store.getScalingSubmission(map.id, 'round-3', 'p-gp')).toBeUndefined()
      expect(await store.listScalingSubmissions(map.id, 'round-1')).toEqual([gp, mum])
      expect(await store.countScalingSubmissions(map.id, 'round-1')).toBe(2)
      expect(await store.countScalingSubmissions(map.id, 'round-9')).toBe(0)
      expect(await store.listScalingSubmissions(map.id, 'round-9')).toEqual([])

      const changed = { ...gp, score: 6, reason: 'Thought again', updatedAt: gp.updatedAt + 1000 }
      await store.putScalingSubmission(changed)
      expect(await store.getScalingSubmission(map.id, 'round-1', 'p-gp')).toEqual(changed)
      expect(await store.countScalingSubmissions(map.id, 'round-1')).toBe(2)
      // Other rounds and maps are untouched.
      expect((await store.getScalingSubmission(map.id, 'round-2', 'p-gp'))?.score).toBe(2)
      expect((await store.getScalingSubmission(other.id, 'round-1', 'p-gp'))?.score).toBe(9)
    })

    it('[STORE-16] a scaling submission needs an existing map', async () => {
      await expect(
        store.putScalingSubmission(submission('no-such-map', 'round-1', 'p-gp', 3)),
      ).rejects.toThrow()
    })

    it('[STORE-17] scaling submissions survive a reopen', async () => {
      const map = mapRecord()
      await store.createMap(map, new Uint8Array([0, 0]))
      const kept = submission(map.id, 'round-1', 'p-gp', 5, 'Kept through a restart')
      await store.putScalingSubmission(kept)
      store = await harness.reopen()
      expect(await store.listScalingSubmissions(map.id, 'round-1')).toEqual([kept])
      expect(await store.countScalingSubmissions(map.id, 'round-1')).toBe(1)
    })

    it('[STORE-18] exports: kept with their bytes, listed without them, oldest first, per map', async () => {
      const map = mapRecord()
      const other = mapRecord()
      await store.createMap(map, new Uint8Array([0, 0]))
      await store.createMap(other, new Uint8Array([0, 0]))
      const later = exportRecord(map.id, 'export-later', 2_000, 'png')
      const first = exportRecord(map.id, 'export-first', 1_000)
      const elsewhere = exportRecord(other.id, 'export-elsewhere', 1_500)
      await store.putExport(later)
      await store.putExport(first)
      await store.putExport(elsewhere)

      expect(await store.getExport(map.id, 'export-first')).toEqual(first)
      expect(await store.getExport(map.id, 'export-later')).toEqual(later)
      // Another map's export is not found through this map.
      expect(await store.getExport(map.id, 'export-elsewhere')).toBeUndefined()
      expect(await store.getExport(map.id, 'no-such-export')).toBeUndefined()
      expect(await store.listExports(map.id)).toEqual([withoutBytes(first), withoutBytes(later)])
      expect(await store.listExports('no-such-map')).toEqual([])
    })

    it('[STORE-19] an export is never replaced, and needs an existing map', async () => {
      const map = mapRecord()
      await store.createMap(map, new Uint8Array([0, 0]))
      const kept = exportRecord(map.id, 'export-1', 1_000)
      await store.putExport(kept)
      await expect(store.putExport({ ...exportRecord(map.id, 'export-1', 5_000) })).rejects.toThrow()
      expect(await store.getExport(map.id, 'export-1')).toEqual(kept)
      await expect(store.putExport(exportRecord('no-such-map', 'export-2', 1_000))).rejects.toThrow()
      // What the store hands out is a copy: changing it changes nothing kept.
      const copy = await store.getExport(map.id, 'export-1')
      copy?.bytes.fill(0)
      expect(await store.getExport(map.id, 'export-1')).toEqual(kept)
    })

    it('[STORE-20] exports survive a reopen', async () => {
      const map = mapRecord()
      await store.createMap(map, new Uint8Array([0, 0]))
      const kept = exportRecord(map.id, 'export-1', 1_000)
      await store.putExport(kept)
      store = await harness.reopen()
      expect(await store.getExport(map.id, 'export-1')).toEqual(kept)
      expect(await store.listExports(map.id)).toEqual([withoutBytes(kept)])
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
