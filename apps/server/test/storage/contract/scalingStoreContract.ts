// The behaviour every engine's ScalingStore must have: each person's latest answer per round, kept.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MapCatalog } from '../../../src/storage/MapCatalog.ts'
import type { ScalingStore } from '../../../src/storage/ScalingStore.ts'
import { mapRecord, submission } from './fixtures.ts'
import type { StoreHarness } from './fixtures.ts'

/** What the suite stores through: the ScalingStore and what it needs to make maps. */
export type ScalingStoreUnderTest = MapCatalog & ScalingStore

export function scalingStoreContract(
  name: string,
  open: () => Promise<StoreHarness<ScalingStoreUnderTest>>,
): void {
  describe(`ScalingStore contract: ${name}`, () => {
    let harness: StoreHarness<ScalingStoreUnderTest>
    let store: ScalingStoreUnderTest

    beforeEach(async () => {
      harness = await open()
      store = harness.store
    })
    afterEach(async () => {
      await harness.dispose()
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
  })
}
