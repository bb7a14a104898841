// The behaviour every engine's ExportStore must have: exports kept as made, never replaced.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExportRecord, ExportStore } from '../../../src/storage/ExportStore.ts'
import type { MapCatalog } from '../../../src/storage/MapCatalog.ts'
import { exportRecord, mapRecord, withoutBytes } from './fixtures.ts'
import type { StoreHarness } from './fixtures.ts'

/** What the suite stores through: the ExportStore and what it needs to make maps. */
export type ExportStoreUnderTest = MapCatalog & ExportStore

export function exportStoreContract(
  name: string,
  open: () => Promise<StoreHarness<ExportStoreUnderTest>>,
): void {
  describe(`ExportStore contract: ${name}`, () => {
    let harness: StoreHarness<ExportStoreUnderTest>
    let store: ExportStoreUnderTest

    beforeEach(async () => {
      harness = await open()
      store = harness.store
    })
    afterEach(async () => {
      await harness.dispose()
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

    it("[STORE-24] a professionals' export keeps the professionals' document it was made from", async () => {
      const map = mapRecord()
      await store.createMap(map, new Uint8Array([0, 0]))
      const shared = exportRecord(map.id, 'export-shared', 1_000)
      const restricted: ExportRecord = {
        ...exportRecord(map.id, 'export-professionals', 2_000),
        audience: 'professionals',
        professionals: { documentVersion: 7, documentSha256: 'c'.repeat(64) },
      }
      await store.putExport(shared)
      await store.putExport(restricted)
      expect(await store.getExport(map.id, 'export-professionals')).toEqual(restricted)
      expect(await store.listExports(map.id)).toEqual([withoutBytes(shared), withoutBytes(restricted)])
      // The audience and the professionals' document go together, or the export is not kept.
      await expect(
        store.putExport({ ...exportRecord(map.id, 'export-bad', 3_000), audience: 'professionals' }),
      ).rejects.toThrow()
      await expect(
        store.putExport({ ...restricted, id: 'export-bad-2', audience: 'shared' }),
      ).rejects.toThrow()
      expect(await store.getExport(map.id, 'export-bad')).toBeUndefined()
      expect(await store.getExport(map.id, 'export-bad-2')).toBeUndefined()
      store = await harness.reopen()
      expect(await store.getExport(map.id, 'export-professionals')).toEqual(restricted)
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
  })
}
