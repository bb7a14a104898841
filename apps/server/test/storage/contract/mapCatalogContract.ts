// The behaviour every engine's MapCatalog must have: maps created with their first document state and links, all
// or nothing. Reading back what createMap wrote takes the engine's DocumentLog and LinkStore too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { DocumentLog } from '../../../src/storage/DocumentLog.ts'
import type { LinkStore } from '../../../src/storage/LinkStore.ts'
import type { MapCatalog } from '../../../src/storage/MapCatalog.ts'
import { link, mapRecord, rebuild, setUpdate } from './fixtures.ts'
import type { StoreHarness } from './fixtures.ts'

/** What the suite stores through: the MapCatalog and what it needs to make maps. */
export type MapCatalogUnderTest = MapCatalog & DocumentLog & LinkStore

export function mapCatalogContract(
  name: string,
  open: () => Promise<StoreHarness<MapCatalogUnderTest>>,
): void {
  describe(`MapCatalog contract: ${name}`, () => {
    let harness: StoreHarness<MapCatalogUnderTest>
    let store: MapCatalogUnderTest

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
  })
}
