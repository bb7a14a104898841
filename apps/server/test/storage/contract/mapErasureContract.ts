// The behaviour every engine's erasure and closing must have (decision 0042): a map's data goes in one call,
// store by store, another map's stays; the records stay only when asked; what is left answers 410.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MapStore } from '../../../src/storage/MapStore.ts'
import { exportRecord, link, mapRecord, rebuild, setUpdate, submission, uniqueId } from './fixtures.ts'
import type { StoreHarness } from './fixtures.ts'
import * as Y from 'yjs'

const ERASED_AT = 1_800_000_000_000

/** A map with something in every store: both documents, a participant, a claim, a scaling answer, an export. */
async function fullMap(store: MapStore, title: string) {
  const map = mapRecord(title)
  const chairLink = link(map.id, 'chair')
  await store.createMap(map, new Uint8Array([0, 0]), [chairLink, link(map.id, 'family')])
  const doc = new Y.Doc()
  await store.appendUpdate(map.id, setUpdate(doc, 'note', `${title} shared text`))
  const professionals = `${map.id}/professionals`
  await store.createDocument(professionals, map.id, new Uint8Array([0, 0]))
  await store.appendUpdate(professionals, setUpdate(new Y.Doc(), 'note', `${title} restricted text`))
  const participantId = uniqueId('participant')
  await store.addParticipant({
    id: participantId,
    mapId: map.id,
    linkId: chairLink.id,
    role: 'chair',
    name: `${title} chair`,
    agency: 'Council',
    joinedAt: 1,
  })
  await store.claimClientIds(map.id, participantId, [101, 102])
  await store.claimClientIds(professionals, participantId, [103])
  await store.putScalingSubmission(submission(map.id, 'round-1', participantId, 6, `${title} reason`))
  await store.putExport(exportRecord(map.id, uniqueId('export'), 1_000))
  await store.addFamilyVisit({ mapId: map.id, participantId: 'family-1', visitedAt: 4_000 })
  await store.addFamilyVisit({ mapId: map.id, participantId: 'family-1', visitedAt: 4_500 })
  await store.closeMap({ mapId: map.id, closedAt: 5_000, closedBy: participantId })
  return { map, professionals, participantId }
}

export function mapErasureContract(name: string, open: () => Promise<StoreHarness<MapStore>>): void {
  describe(`MapErasure and MapLifecycle contract: ${name}`, () => {
    let harness: StoreHarness<MapStore>
    let store: MapStore

    beforeEach(async () => {
      harness = await open()
      store = harness.store
    })
    afterEach(async () => {
      await harness.dispose()
    })

    it('[STORE-29] closing keeps the first time; reopening ends it; closed maps are listed by time', async () => {
      const first = mapRecord()
      const second = mapRecord()
      await store.createMap(first, new Uint8Array([0, 0]))
      await store.createMap(second, new Uint8Array([0, 0]))
      await store.closeMap({ mapId: second.id, closedAt: 2_000, closedBy: 'chair-2' })
      await store.closeMap({ mapId: first.id, closedAt: 1_000, closedBy: 'chair-1' })
      await store.closeMap({ mapId: first.id, closedAt: 9_000, closedBy: 'chair-1' })
      expect(await store.getClosure(first.id)).toEqual({
        mapId: first.id,
        closedAt: 1_000,
        closedBy: 'chair-1',
      })
      expect((await store.listClosedBefore(1_999)).map((closure) => closure.mapId)).toEqual([first.id])
      expect((await store.listClosedBefore(2_000)).map((closure) => closure.mapId)).toEqual([
        first.id,
        second.id,
      ])
      expect(await store.reopenMap(first.id)).toBe(true)
      expect(await store.reopenMap(first.id)).toBe(false)
      expect(await store.getClosure(first.id)).toBeUndefined()
      await expect(store.closeMap({ mapId: 'no-such-map', closedAt: 1, closedBy: 'x' })).rejects.toThrow()
      await expect(
        store.closeMap({ mapId: `${first.id}/professionals`, closedAt: 1, closedBy: 'x' }),
      ).rejects.toThrow()
    })

    it('[STORE-30] erasing removes the map from every store, both documents, and leaves another map whole', async () => {
      const erased = await fullMap(store, 'Erased')
      const other = await fullMap(store, 'Other')
      const result = await store.eraseMap(erased.map.id, {
        erasedAt: ERASED_AT,
        reason: 'request',
        keepRecords: false,
      })
      expect(result).toEqual({
        mapId: erased.map.id,
        erasedAt: ERASED_AT,
        removed: {
          auditEntries: 0,
          familyVisits: 2,
          participants: 1,
          links: 2,
          clientIds: 3,
          scalingSubmissions: 1,
          exports: 1,
          closure: 1,
          documents: 2,
          updates: 2,
          quarantine: 0,
          title: 1,
        },
        // The audit's one erasure entry, a fresh chain (decision 0042).
        kept: { auditEntries: 1 },
      })
      expect(await store.getErasure(erased.map.id)).toEqual({ mapId: erased.map.id, erasedAt: ERASED_AT })
      expect(await store.getMap(erased.map.id)).toBeUndefined()
      await expect(store.load(erased.map.id)).rejects.toThrow()
      await expect(store.load(erased.professionals)).rejects.toThrow()
      expect(await store.listLinks(erased.map.id)).toEqual([])
      expect(await store.listParticipants(erased.map.id)).toEqual([])
      expect(await store.getParticipant(erased.participantId)).toBeUndefined()
      expect(await store.listScalingSubmissions(erased.map.id, 'round-1')).toEqual([])
      expect(await store.listExports(erased.map.id)).toEqual([])
      expect(await store.getClosure(erased.map.id)).toBeUndefined()
      expect(await store.listFamilyVisits(erased.map.id)).toEqual([])
      expect(await store.listClosedBefore(Number.MAX_SAFE_INTEGER)).toEqual([
        expect.objectContaining({ mapId: other.map.id }),
      ])
      // Nothing new is kept for it either.
      await expect(store.putExport(exportRecord(erased.map.id, uniqueId('export'), 2_000))).rejects.toThrow()
      await expect(store.createMap(erased.map, new Uint8Array([0, 0]))).rejects.toThrow()
      // Erasing again finds nothing.
      expect(
        await store.eraseMap(erased.map.id, { erasedAt: ERASED_AT + 1, reason: 'again', keepRecords: false }),
      ).toBeUndefined()
      expect(
        await store.eraseMap('no-such-map', { erasedAt: 1, reason: 'x', keepRecords: false }),
      ).toBeUndefined()

      // The other map, after a restart too.
      for (const restart of [false, true]) {
        const current = restart ? await harness.reopen() : store
        expect(await current.getMap(other.map.id)).toEqual(other.map)
        expect(
          rebuild(await current.load(other.map.id))
            .getMap('meta')
            .get('note'),
        ).toBe('Other shared text')
        expect(
          rebuild(await current.load(other.professionals))
            .getMap('meta')
            .get('note'),
        ).toBe('Other restricted text')
        expect(await current.listParticipants(other.map.id)).toHaveLength(1)
        expect(await current.listClientIds(other.map.id)).toHaveLength(2)
        expect(await current.listScalingSubmissions(other.map.id, 'round-1')).toHaveLength(1)
        expect(await current.listExports(other.map.id)).toHaveLength(1)
        expect(await current.listFamilyVisits(other.map.id)).toHaveLength(2)
        expect(await current.getErasure(other.map.id)).toBeUndefined()
        expect(await current.getErasure(erased.map.id)).toEqual({ mapId: erased.map.id, erasedAt: ERASED_AT })
      }
    })

    it('[STORE-31] keepRecords keeps the exports, byte for byte, and nothing else', async () => {
      const erased = await fullMap(store, 'Kept')
      const [summary] = await store.listExports(erased.map.id)
      const before = summary === undefined ? undefined : await store.getExport(erased.map.id, summary.id)
      const result = await store.eraseMap(erased.map.id, {
        erasedAt: ERASED_AT,
        reason: 'retention',
        keepRecords: true,
      })
      expect(result?.kept).toEqual({ auditEntries: 1, exports: 1 })
      expect(result?.removed.exports).toBeUndefined()
      expect(result?.removed.participants).toBe(1)
      expect(before).toBeDefined()
      expect(await store.getExport(erased.map.id, summary?.id ?? '')).toEqual(before)
      expect(await store.getMap(erased.map.id)).toBeUndefined()
      expect(await store.listParticipants(erased.map.id)).toEqual([])
    })
  })
}
