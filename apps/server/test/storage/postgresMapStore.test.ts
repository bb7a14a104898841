import pg from 'pg'
import * as Y from 'yjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { verifyAudit } from '../../src/storage/auditChain.ts'
import type { AuditDraft } from '../../src/storage/AuditStore.ts'
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
        const broken = { version: 2, name: 'broken', sql: 'CREATE TABLE half_made (id TEXT); SELECT 1/0' }
        await expect(migrate(pool, [...MIGRATIONS, broken])).rejects.toThrow(/migration 2/)
        expect(await query("SELECT 1 FROM pg_tables WHERE tablename = 'half_made'")).toEqual([])
        expect(await query('SELECT version FROM schema_migrations')).toEqual([{ version: 1 }])
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
