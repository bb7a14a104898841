import pg from 'pg'
import * as Y from 'yjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { verifyAudit } from '../../src/storage/auditChain.ts'
import type { AuditDraft } from '../../src/storage/AuditStore.ts'
import { FencedOutError } from '../../src/storage/Fence.ts'
import { migrate, MIGRATIONS } from '../../src/storage/postgres/migrations.ts'
import { PostgresMapStore } from '../../src/storage/postgres/PostgresMapStore.ts'
import { freshPostgresDatabase, postgresAvailable } from '../support/postgresDatabase.ts'
import type { PostgresTestDatabase } from '../support/postgresDatabase.ts'
import { exportRecord, link, mapRecord, setUpdate, submission } from './contract/fixtures.ts'
import { mapStoreContract } from './mapStoreContract.ts'

const draft = (summary: string): AuditDraft => ({
  at: 1_700_000_000_000,
  actor: null,
  action: 'note.added',
  target: 'n1',
  section: null,
  summary,
  audience: 'shared',
})

describe.runIf(await postgresAvailable())('on PostgreSQL', () => {
  // Every suite's every test in a database of its own, as SQLite's get a file of their own.
  mapStoreContract('PostgresMapStore', async () => {
    const database = await freshPostgresDatabase()
    const harness = {
      store: await PostgresMapStore.open(database.url),
      async reopen() {
        await harness.store.close()
        harness.store = await PostgresMapStore.open(database.url)
        return harness.store
      },
      async dispose() {
        await harness.store.close()
        await database.drop()
      },
    }
    return harness
  })

  describe('PostgresMapStore', () => {
    let database: PostgresTestDatabase
    const opened: Array<{ close(): Promise<void> }> = []
    const open = async () => {
      const store = await PostgresMapStore.open(database.url)
      opened.push(store)
      return store
    }
    const query = async <Row extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
      const client = new pg.Client({ connectionString: database.url })
      await client.connect()
      try {
        return (await client.query<Row>(text, values)).rows
      } finally {
        await client.end()
      }
    }

    beforeEach(async () => {
      database = await freshPostgresDatabase()
    })
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close()
      await database.drop()
    })

    it('instances starting together apply each migration once, and a restart applies none', async () => {
      const [first] = await Promise.all([open(), open(), open()])
      await first?.createMap(mapRecord(), new Uint8Array([0, 0]))
      await open()
      const applied = await query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      )
      expect(applied.map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version))
    })

    it('a migration that fails leaves nothing of itself, and a database from a newer Mapboard is refused', async () => {
      const pool = new pg.Pool({ connectionString: database.url })
      try {
        const version = MIGRATIONS.length + 1
        const broken = { version, name: 'broken', sql: 'CREATE TABLE half_made (id TEXT); SELECT 1/0' }
        await expect(migrate(pool, [...MIGRATIONS, broken])).rejects.toThrow(`migration ${version}`)
        expect(await query("SELECT 1 FROM pg_tables WHERE tablename = 'half_made'")).toEqual([])
        expect(await query('SELECT version FROM schema_migrations ORDER BY version')).toEqual(
          MIGRATIONS.map((migration) => ({ version: migration.version })),
        )
        await query("INSERT INTO schema_migrations (version, name) VALUES (99, 'from a newer Mapboard')")
        await expect(PostgresMapStore.open(database.url)).rejects.toThrow(/newer Mapboard/)
      } finally {
        await pool.end()
      }
    })

    it('two instances appending to the same maps at once number every update once and keep one chain per map', async () => {
      const [one, two] = [await open(), await open()]
      const maps = [mapRecord('first'), mapRecord('second')]
      for (const map of maps) await one.createMap(map, new Uint8Array([0, 0]))
      const [a, b] = maps.map((map) => map.id) as [string, string]
      // Each turn appends to both maps with entries; the two instances name them in opposite orders.
      const turn = (store: PostgresMapStore, ids: readonly string[], label: string) =>
        store.appendToMaps(
          ids.map((mapId) => ({
            mapId,
            updates: [new TextEncoder().encode(`${label} ${mapId}`)],
            audit: { mapId, drafts: [draft(label)] },
          })),
        )
      // Entries of their own (a link made, an export) chain into the same trails meanwhile.
      const turns = Array.from({ length: 20 }, (_, index) => [
        turn(one, [a, b], `one-${index}`),
        turn(two, [b, a], `two-${index}`),
      ]).flat()
      const entries = Array.from({ length: 10 }, (_, index) =>
        [a, b].map((mapId) => (index % 2 === 0 ? one : two).appendAudit(mapId, [draft(`alone-${index}`)])),
      ).flat()
      const [results] = await Promise.all([Promise.all(turns), Promise.all(entries)])
      expect(results.flat().every((result) => result.ok)).toBe(true)
      for (const mapId of [a, b]) {
        const stored = await one.load(mapId)
        expect(stored.lastSeq).toBe(40)
        expect(new Set(stored.updates.map((update) => new TextDecoder().decode(update))).size).toBe(40)
        const audit = await two.readAudit(mapId)
        expect(verifyAudit(audit)).toEqual({ ok: true, entries: 50 })
      }
    })

    it('an append is in the database, for another instance to read, as soon as it resolves', async () => {
      const [writer, reader] = [await open(), await open()]
      const map = mapRecord()
      await writer.createMap(map, new Uint8Array([0, 0]))
      const doc = new Y.Doc()
      for (let index = 0; index < 10; index++) {
        const seq = await writer.appendUpdate(map.id, setUpdate(doc, `k${index}`, 'v'))
        expect((await reader.load(map.id)).lastSeq).toBe(seq)
      }
    })

    it('a write under an older fencing token than the room last had is refused, and nothing of it is stored', async () => {
      const store = await open()
      const [map, other] = [mapRecord('fenced'), mapRecord('beside it')]
      for (const each of [map, other]) await store.createMap(each, new Uint8Array([0, 0]))
      const doc = new Y.Doc()
      const audit = (summary: string) => ({ mapId: map.id, drafts: [draft(summary)] })
      const [older, newer] = [{ token: 1 }, { token: 2 }]
      expect(await store.appendUpdates(map.id, [setUpdate(doc, 'a', 'older')], audit('older'), older)).toBe(1)
      expect(await store.appendUpdates(map.id, [setUpdate(doc, 'b', 'newer')], audit('newer'), newer)).toBe(2)

      const refused = store.appendUpdates(map.id, [setUpdate(doc, 'c', 'stale')], audit('stale'), older)
      await expect(refused).rejects.toThrow(FencedOutError)
      await expect(refused).rejects.toMatchObject({ room: map.id, token: 1, storedToken: 2 })
      await expect(store.appendUpdate(map.id, setUpdate(doc, 'c', 'stale'), older)).rejects.toThrow(
        FencedOutError,
      )
      // In a batch the fenced-out map fails alone; the other is written in the same commit.
      const batch = await store.appendToMaps([
        { mapId: map.id, updates: [setUpdate(doc, 'c', 'stale')], audit: audit('stale'), fence: older },
        { mapId: other.id, updates: [setUpdate(doc, 'd', 'beside')], fence: older },
      ])
      expect(batch).toEqual([
        { ok: false, error: expect.any(FencedOutError) },
        { ok: true, lastSeq: 1 },
      ])
      await expect(store.compact(map.id, Y.encodeStateAsUpdate(doc), 2, older)).rejects.toThrow(
        FencedOutError,
      )
      const restoration = { entries: [], snapshot: Y.encodeStateAsUpdate(doc), throughSeq: 2, restoredAt: 5 }
      await expect(store.quarantine(map.id, restoration, older)).rejects.toThrow(FencedOutError)
      await expect(store.claimClientIds(map.id, 'p1', [7], older)).rejects.toThrow(FencedOutError)
      const visit = { mapId: map.id, participantId: 'p1', visitedAt: 9 }
      await expect(store.addFamilyVisit(visit, older)).rejects.toThrow(FencedOutError)

      // Read from the tables themselves: only what the newer token and the other map wrote is there.
      const seqs = (mapId: string) =>
        query('SELECT seq::int FROM updates WHERE map_id = $1 ORDER BY seq', [mapId])
      expect(await seqs(map.id)).toEqual([{ seq: 1 }, { seq: 2 }])
      expect(await seqs(other.id)).toEqual([{ seq: 1 }])
      const [row] = await query<{ snapshot_seq: number; last_seq: number }>(
        'SELECT snapshot_seq::int, last_seq::int FROM maps WHERE id = $1',
        [map.id],
      )
      expect(row).toEqual({ snapshot_seq: 0, last_seq: 2 })
      expect(
        await query('SELECT summary FROM audit_entries WHERE map_id = $1 ORDER BY seq', [map.id]),
      ).toEqual([{ summary: 'older' }, { summary: 'newer' }])
      expect(await query('SELECT 1 FROM quarantine')).toEqual([])
      expect(await query('SELECT 1 FROM client_ids')).toEqual([])
      expect(await query('SELECT 1 FROM family_visits')).toEqual([])
      expect(await query('SELECT room, token::int FROM room_fences ORDER BY token, room')).toEqual([
        { room: other.id, token: 1 },
        { room: map.id, token: 2 },
      ])

      // The same token writes again, a larger one takes over, and a write without a fence is not fenced.
      expect(await store.claimClientIds(map.id, 'p1', [7], newer)).toEqual([])
      await store.addFamilyVisit(visit, { token: 3 })
      await expect(store.appendUpdate(map.id, setUpdate(doc, 'e', 'late'), newer)).rejects.toThrow(
        FencedOutError,
      )
      expect(await store.appendUpdate(map.id, setUpdate(doc, 'f', 'unfenced'))).toBe(3)
    })

    it('an older authority held up inside its transaction is refused once a newer one has written', async () => {
      const [olderInstance, newerInstance] = [await open(), await open()]
      const map = mapRecord()
      await olderInstance.createMap(map, new Uint8Array([0, 0]))
      expect(await olderInstance.claimClientIds(map.id, 'p1', [1], { token: 1 })).toEqual([])
      // A lock on the map's row stops the older instance's append after its lease check, inside the transaction,
      // as a pause there would; it does not stop a claim of client ids.
      const blocker = new pg.Client({ connectionString: database.url })
      await blocker.connect()
      try {
        await blocker.query('BEGIN')
        await blocker.query('SELECT 1 FROM maps WHERE id = $1 FOR NO KEY UPDATE', [map.id])
        const stale = olderInstance.appendUpdate(map.id, setUpdate(new Y.Doc(), 'k', 'stale'), { token: 1 })
        stale.catch(() => {})
        const waiting = async () =>
          (
            await query<{ count: number }>(
              `SELECT count(*)::int AS count FROM pg_stat_activity
               WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            )
          )[0]?.count === 1
        while (!(await waiting())) await new Promise((resolve) => setTimeout(resolve, 10))
        expect(await newerInstance.claimClientIds(map.id, 'p2', [2], { token: 2 })).toEqual([])
        await blocker.query('COMMIT')
        await expect(stale).rejects.toThrow(FencedOutError)
      } finally {
        await blocker.end()
      }
      expect(await query('SELECT 1 FROM updates')).toEqual([])
      expect((await newerInstance.load(map.id)).lastSeq).toBe(0)
      expect(
        await newerInstance.appendUpdate(map.id, setUpdate(new Y.Doc(), 'k', 'newer'), { token: 2 }),
      ).toBe(1)
    })

    it("erasing leaves no byte of the map's text in the database's files (VACUUM FULL of the tables touched)", async () => {
      const store = await open()
      const secret = 'Zqx-secret-words-of-the-erased-map'
      const map = mapRecord(`${secret} title`)
      const chair = link(map.id, 'chair')
      await store.createMap(map, new Uint8Array([0, 0]), [chair])
      await store.appendUpdates(map.id, [setUpdate(new Y.Doc(), 'note', `${secret} note`)], {
        mapId: map.id,
        drafts: [draft(`${secret} audit`)],
      })
      await store.addParticipant({
        id: 'p-chair',
        mapId: map.id,
        linkId: chair.id,
        role: 'chair',
        name: `${secret} name`,
        agency: 'Council',
        joinedAt: 1,
      })
      await store.putScalingSubmission(submission(map.id, 'round-1', 'p-chair', 4, `${secret} reason`))
      const record = exportRecord(map.id, 'export-1', 1_000)
      await store.putExport({ ...record, bytes: new TextEncoder().encode(`${secret} pdf`) })
      const haystack = async () => {
        await query('CHECKPOINT')
        const files = await query<{ file: string }>(
          `SELECT pg_relation_filepath(c.oid) AS file FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname IN ('public', 'pg_toast') AND c.relkind IN ('r', 't', 'i') AND c.relfilenode <> 0`,
        )
        const contents: Buffer[] = []
        for (const { file } of files) {
          const [row] = await query<{ data: Buffer | null }>(
            `SELECT CASE WHEN (pg_stat_file($1, true)).size IS NULL THEN NULL ELSE pg_read_binary_file($1) END AS data`,
            [file],
          )
          if (row?.data) contents.push(row.data)
        }
        return Buffer.concat(contents)
      }
      // The check can find the text: it is there before the erasure.
      expect((await haystack()).includes(secret)).toBe(true)
      await store.eraseMap(map.id, { erasedAt: 2_000, reason: 'request', keepRecords: false })
      expect((await haystack()).includes(secret)).toBe(false)
    }, 60_000)
  })
})
