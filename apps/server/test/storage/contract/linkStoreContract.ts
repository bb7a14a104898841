// The behaviour every engine's LinkStore must have: links and the participants who joined through them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LinkStore } from '../../../src/storage/LinkStore.ts'
import type { MapCatalog } from '../../../src/storage/MapCatalog.ts'
import { link, mapRecord, uniqueId } from './fixtures.ts'
import type { StoreHarness } from './fixtures.ts'

/** What the suite stores through: the LinkStore and what it needs to make maps. */
export type LinkStoreUnderTest = MapCatalog & LinkStore

export function linkStoreContract(name: string, open: () => Promise<StoreHarness<LinkStoreUnderTest>>): void {
  describe(`LinkStore contract: ${name}`, () => {
    let harness: StoreHarness<LinkStoreUnderTest>
    let store: LinkStoreUnderTest

    beforeEach(async () => {
      harness = await open()
      store = harness.store
    })
    afterEach(async () => {
      await harness.dispose()
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

    it('[STORE-12] participants: added under one of the map’s links, renamed, listed in join order, kept', async () => {
      const map = mapRecord()
      const other = mapRecord()
      const family = link(map.id, 'family')
      const professional = link(map.id, 'professional')
      const otherLink = link(other.id, 'family')
      await store.createMap(map, new Uint8Array([0, 0]), [family, professional])
      await store.createMap(other, new Uint8Array([0, 0]), [otherLink])
      const mum = {
        id: uniqueId('p'),
        mapId: map.id,
        linkId: family.id,
        role: 'family' as const,
        name: 'Mum',
        agency: '',
        joinedAt: 1_700_000_000_500,
      }
      const gp = {
        id: uniqueId('p'),
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
        store.addParticipant({ ...mum, id: uniqueId('p'), linkId: otherLink.id }),
      ).rejects.toThrow()
      expect(await store.listParticipants(map.id)).toHaveLength(2)

      expect(await store.renameParticipant(mum.id, 'Sarah Jones', '')).toBe(true)
      expect(await store.renameParticipant('no-such-participant', 'x', '')).toBe(false)
      store = await harness.reopen()
      expect(await store.getParticipant(mum.id)).toEqual({ ...mum, name: 'Sarah Jones' })
    })
  })
}
