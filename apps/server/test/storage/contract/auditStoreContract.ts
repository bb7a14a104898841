// The behaviour every engine's AuditStore must have: entries numbered per map and hash-chained, written with a
// document append in its transaction or on their own, read back as stored, and a map's trail replaced by one
// erasure entry that starts a new chain.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { verifyAudit } from '../../../src/storage/auditChain.ts'
import type { AuditDraft, AuditStore } from '../../../src/storage/AuditStore.ts'
import type { DocumentLog } from '../../../src/storage/DocumentLog.ts'
import type { MapCatalog } from '../../../src/storage/MapCatalog.ts'
import { mapRecord } from './fixtures.ts'
import type { StoreHarness } from './fixtures.ts'

export type AuditStoreUnderTest = MapCatalog & DocumentLog & AuditStore

const draft = (summary: string, overrides: Partial<AuditDraft> = {}): AuditDraft => ({
  at: 1_700_000_000_000,
  actor: { participantId: 'p1', name: 'Zoë Łukasz', role: 'professional', agency: 'School' },
  action: 'note.added',
  target: 'n1',
  section: 'past-harm',
  summary,
  audience: 'shared',
  ...overrides,
})

export function auditStoreContract(
  name: string,
  open: () => Promise<StoreHarness<AuditStoreUnderTest>>,
): void {
  describe(`AuditStore contract: ${name}`, () => {
    let harness: StoreHarness<AuditStoreUnderTest>
    let store: AuditStoreUnderTest

    beforeEach(async () => {
      harness = await open()
      store = harness.store
    })
    afterEach(async () => {
      await harness.dispose()
    })

    it('[AUDIT-STORE-1] numbers entries 1, 2, … per map and chains each hash to the one before', async () => {
      const first = mapRecord()
      const second = mapRecord()
      await store.createMap(first, new Uint8Array([0, 0]))
      await store.createMap(second, new Uint8Array([0, 0]))
      const written = await store.appendAudit(first.id, [draft('a'), draft('b', { actor: null })])
      await store.appendAudit(second.id, [draft('other map')])
      await store.appendAudit(first.id, [draft('c')])
      const stored = await store.readAudit(first.id)
      expect(stored.entries.map((entry) => [entry.seq, entry.summary])).toEqual([
        [1, 'a'],
        [2, 'b'],
        [3, 'c'],
      ])
      expect(stored.entries.slice(0, 2)).toEqual(written)
      expect(stored.entries[1]?.actor).toBeNull()
      expect(stored.entries[0]?.actor?.name).toBe('Zoë Łukasz')
      expect(new Set(stored.entries.map((entry) => entry.hash)).size).toBe(3)
      expect(stored.head).toEqual({ seq: 3, hash: stored.entries[2]?.hash })
      expect(verifyAudit(stored)).toEqual({ ok: true, entries: 3 })
      expect((await store.readAudit(second.id)).entries.map((entry) => entry.seq)).toEqual([1])
      expect(await store.readAudit('no-such-map')).toEqual({ entries: [], head: null })
    })

    it('[AUDIT-STORE-2] entries written with an append share its transaction, and outlive a reopen', async () => {
      const map = mapRecord()
      await store.createMap(map, new Uint8Array([0, 0]))
      await store.appendUpdates(map.id, [new Uint8Array([1])], { mapId: map.id, drafts: [draft('with')] })
      const [result] = await store.appendToMaps([
        { mapId: map.id, updates: [], audit: { mapId: map.id, drafts: [draft('only entries')] } },
      ])
      expect(result).toEqual({ ok: true, lastSeq: 1 })
      // An append that fails writes neither its updates nor its entries.
      const [failed] = await store.appendToMaps([
        {
          mapId: map.id,
          updates: [new Uint8Array([2])],
          audit: { mapId: 'no-such-map', drafts: [draft('lost')] },
        },
      ])
      expect(failed?.ok).toBe(false)
      const reopened = await harness.reopen()
      expect((await reopened.load(map.id)).lastSeq).toBe(1)
      const stored = await reopened.readAudit(map.id)
      expect(stored.entries.map((entry) => entry.summary)).toEqual(['with', 'only entries'])
      expect(verifyAudit(stored).ok).toBe(true)
    })

    it('[AUDIT-STORE-3] appendAudit refuses a map that does not exist', async () => {
      await expect(store.appendAudit('no-such-map', [draft('x')])).rejects.toThrow()
    })

    it('[AUDIT-STORE-4] eraseAudit leaves one entry that starts a new chain', async () => {
      const map = mapRecord()
      await store.createMap(map, new Uint8Array([0, 0]))
      await store.appendAudit(map.id, [draft('secret text'), draft('more')])
      const erasure = await store.eraseAudit(
        map.id,
        draft('Erased on request', { action: 'map.erased', target: '', section: null }),
      )
      const stored = await store.readAudit(map.id)
      expect(stored.entries).toEqual([erasure])
      expect(erasure.seq).toBe(1)
      expect(verifyAudit(stored)).toEqual({ ok: true, entries: 1 })
      expect(JSON.stringify(stored)).not.toContain('secret text')
    })
  })
}
