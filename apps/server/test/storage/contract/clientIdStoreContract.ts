// The behaviour every engine's ClientIdStore must have: the first claim of a Yjs client id wins, for good.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ClientIdStore } from '../../../src/storage/ClientIdStore.ts'
import type { MapCatalog } from '../../../src/storage/MapCatalog.ts'
import { mapRecord } from './fixtures.ts'
import type { StoreHarness } from './fixtures.ts'

/** What the suite stores through: the ClientIdStore and what it needs to make maps. */
export type ClientIdStoreUnderTest = MapCatalog & ClientIdStore

export function clientIdStoreContract(
  name: string,
  open: () => Promise<StoreHarness<ClientIdStoreUnderTest>>,
): void {
  describe(`ClientIdStore contract: ${name}`, () => {
    let harness: StoreHarness<ClientIdStoreUnderTest>
    let store: ClientIdStoreUnderTest

    beforeEach(async () => {
      harness = await open()
      store = harness.store
    })
    afterEach(async () => {
      await harness.dispose()
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
  })
}
