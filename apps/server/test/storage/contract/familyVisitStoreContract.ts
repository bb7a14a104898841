// The behaviour every engine's FamilyVisitStore must have: visits kept per map, listed oldest first, erasable.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FamilyVisitStore } from '../../../src/storage/FamilyVisitStore.ts'
import type { MapCatalog } from '../../../src/storage/MapCatalog.ts'
import { mapRecord } from './fixtures.ts'
import type { StoreHarness } from './fixtures.ts'

/** What the suite stores through: the FamilyVisitStore and what it needs to make maps. */
export type FamilyVisitStoreUnderTest = MapCatalog & FamilyVisitStore

const T = 1_765_000_000_000

export function familyVisitStoreContract(
  name: string,
  open: () => Promise<StoreHarness<FamilyVisitStoreUnderTest>>,
): void {
  describe(`FamilyVisitStore contract: ${name}`, () => {
    let harness: StoreHarness<FamilyVisitStoreUnderTest>
    let store: FamilyVisitStoreUnderTest

    beforeEach(async () => {
      harness = await open()
      store = harness.store
    })
    afterEach(async () => {
      await harness.dispose()
    })

    it('[STORE-25] family visits: kept per map, oldest first, the same visit once', async () => {
      const map = mapRecord()
      const other = mapRecord()
      await store.createMap(map, new Uint8Array([0, 0]))
      await store.createMap(other, new Uint8Array([0, 0]))
      await store.addFamilyVisit({ mapId: map.id, participantId: 'p-mum', visitedAt: T + 20 })
      await store.addFamilyVisit({ mapId: map.id, participantId: 'p-dad', visitedAt: T + 5 })
      await store.addFamilyVisit({ mapId: map.id, participantId: 'p-mum', visitedAt: T + 5 })
      await store.addFamilyVisit({ mapId: map.id, participantId: 'p-mum', visitedAt: T + 20 })
      await store.addFamilyVisit({ mapId: other.id, participantId: 'p-mum', visitedAt: T })
      expect(await store.listFamilyVisits(map.id)).toEqual([
        { mapId: map.id, participantId: 'p-dad', visitedAt: T + 5 },
        { mapId: map.id, participantId: 'p-mum', visitedAt: T + 5 },
        { mapId: map.id, participantId: 'p-mum', visitedAt: T + 20 },
      ])
      expect(await store.listFamilyVisits(other.id)).toEqual([
        { mapId: other.id, participantId: 'p-mum', visitedAt: T },
      ])
      expect(await store.listFamilyVisits('no-such-map')).toEqual([])
    })

    it('[STORE-26] a family visit needs an existing map', async () => {
      await expect(
        store.addFamilyVisit({ mapId: 'no-such-map', participantId: 'p-mum', visitedAt: T }),
      ).rejects.toThrow()
    })

    it('[STORE-27] family visits survive a reopen', async () => {
      const map = mapRecord()
      await store.createMap(map, new Uint8Array([0, 0]))
      await store.addFamilyVisit({ mapId: map.id, participantId: 'p-mum', visitedAt: T })
      store = await harness.reopen()
      expect(await store.listFamilyVisits(map.id)).toEqual([
        { mapId: map.id, participantId: 'p-mum', visitedAt: T },
      ])
    })

    it("[STORE-28] deleting a map's family visits removes them all and no other map's", async () => {
      const map = mapRecord()
      const other = mapRecord()
      await store.createMap(map, new Uint8Array([0, 0]))
      await store.createMap(other, new Uint8Array([0, 0]))
      for (const visitedAt of [T, T + 1, T + 2]) {
        await store.addFamilyVisit({ mapId: map.id, participantId: 'p-mum', visitedAt })
      }
      await store.addFamilyVisit({ mapId: map.id, participantId: 'p-dad', visitedAt: T })
      await store.addFamilyVisit({ mapId: other.id, participantId: 'p-mum', visitedAt: T })
      expect(await store.deleteFamilyVisits(map.id)).toBe(4)
      expect(await store.listFamilyVisits(map.id)).toEqual([])
      expect(await store.deleteFamilyVisits(map.id)).toBe(0)
      expect(await store.listFamilyVisits(other.id)).toHaveLength(1)
      // Gone for good, not only from this handle; the map takes new visits afterwards.
      store = await harness.reopen()
      expect(await store.listFamilyVisits(map.id)).toEqual([])
      await store.addFamilyVisit({ mapId: map.id, participantId: 'p-mum', visitedAt: T + 9 })
      expect(await store.listFamilyVisits(map.id)).toHaveLength(1)
    })
  })
}
