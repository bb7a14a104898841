// Fencing (decision 0047): an authority that stopped renewing its lease — a paused process, a lost network —
// writes nothing once another instance can have taken the map over. Each write carries the lease's token, and
// PostgreSQL commits it only if no newer authority has written the room since, in the write's own transaction.
// Leases on a real Redis, a real PostgreSQL database per test; the last test pauses a real server process.
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { Redis } from 'ioredis'
import { afterEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addNote, readMap } from '@mapboard/map-model'
import { noteAuthor, waitFor } from '@mapboard/test-kit'
import { FencedRoomStore, NotAuthorityError } from '../../src/cluster/FencedRoomStore.ts'
import { RedisLink } from '../../src/cluster/RedisLink.ts'
import { RoomLeases } from '../../src/cluster/RoomLeases.ts'
import { FencedOutError } from '../../src/storage/Fence.ts'
import { PostgresMapStore } from '../../src/storage/postgres/PostgresMapStore.ts'
import { freshPostgresDatabase } from '../support/postgresDatabase.ts'
import { REDIS_URL, describeWithRedis } from './support/cluster.ts'
import { startClusterConference } from './support/clusterConference.ts'

const LEASE_MS = 300
const quiet = { debug() {}, info() {}, warn() {}, error() {} }
const cleanup: Array<() => Promise<void>> = []

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

async function instance(prefix: string, onLost: (room: string) => void = () => {}) {
  const link = await RedisLink.open({ url: REDIS_URL, prefix, logger: quiet, onMessage() {}, onDown() {} })
  const leases = new RoomLeases({ link, logger: quiet, leaseMs: LEASE_MS, onLost })
  cleanup.push(async () => {
    leases.close()
    await link.close()
  })
  return { link, leases }
}

async function postgresStore(): Promise<PostgresMapStore> {
  const database = await freshPostgresDatabase()
  const store = await PostgresMapStore.open(database.url)
  cleanup.push(async () => {
    await store.close()
    await database.drop()
  })
  await store.createMap({ id: 'm', title: 'Fenced', createdAt: 1 }, new Uint8Array([0, 0]))
  return store
}

/** Runs `run` with a client of the database, for looking at what is stored or holding a lock. */
async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

describeWithRedis('a lease that lapsed', () => {
  it('fences the old authority’s writes off the store once the next has taken the map', async () => {
    const store = await postgresStore()
    const prefix = `mapboard-test:${randomUUID()}:`
    const lost: string[] = []
    const old = await instance(prefix, (room) => lost.push(room))
    const next = await instance(prefix)
    const oldStore = new FencedRoomStore(store, old.leases)
    const nextStore = new FencedRoomStore(store, next.leases)

    expect(await old.leases.claim('m')).toBe(true)
    expect(await next.leases.claim('m')).toBe(false)
    await expect(nextStore.appendUpdate('m', new Uint8Array([0, 0]))).rejects.toThrow(NotAuthorityError)
    const oldSeq = await oldStore.appendUpdate('m', new Uint8Array([0, 0]))
    // Renewals keep it past its length.
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS * 2))
    expect(await next.leases.claim('m')).toBe(false)
    expect(lost).toEqual([])

    // The old authority stops renewing, as a stalled process would, and the lease runs out in Redis.
    old.leases.close()
    await waitFor(() => next.leases.claim('m'), 5000, { intervalMs: 20 })
    const nextSeq = await nextStore.appendUpdate('m', new Uint8Array([0, 0]))
    expect(nextSeq).toBe(oldSeq + 1)
    await expect(oldStore.appendUpdate('m', new Uint8Array([0, 0]))).rejects.toThrow(NotAuthorityError)
    const batch = await oldStore.appendToMaps([{ mapId: 'm', updates: [new Uint8Array([0, 0])] }])
    expect(batch[0]).toMatchObject({ ok: false, error: expect.any(NotAuthorityError) })
    await expect(oldStore.compact('m', new Uint8Array([0, 0]), oldSeq)).rejects.toThrow(NotAuthorityError)
    await expect(oldStore.claimClientIds('m', 'someone', [1])).rejects.toThrow(NotAuthorityError)
    // Refused, the old instance gave the lease up: the room is evicted there.
    expect(lost).toEqual(['m'])
    // The store holds the new authority's update, and nothing the old one tried after it.
    expect((await store.load('m')).lastSeq).toBe(nextSeq)
  }, 30_000)

  it('the store refuses an authority that still believes in its lease once a newer one has written', async () => {
    // Two lease namespaces stand for a Redis that lost the lease key (a failover) while its holder still counts on
    // it: both instances hold a lease of 'm', the second with the larger token. The store orders them.
    const store = await postgresStore()
    const lost: string[] = []
    const old = await instance(`mapboard-test:${randomUUID()}:`, (room) => lost.push(room))
    const next = await instance(`mapboard-test:${randomUUID()}:`)
    await next.link.commands.incrby(next.link.key('fence:m'), 5)
    expect(await old.leases.claim('m')).toBe(true)
    expect(await next.leases.claim('m')).toBe(true)
    const oldStore = new FencedRoomStore(store, old.leases)
    const nextStore = new FencedRoomStore(store, next.leases)

    expect(await oldStore.appendUpdate('m', new Uint8Array([0, 0]))).toBe(1)
    expect(await nextStore.claimClientIds('m', 'p1', [1])).toEqual([])
    const [refused] = await oldStore.appendToMaps([{ mapId: 'm', updates: [new Uint8Array([0, 0])] }])
    expect(refused).toMatchObject({ ok: false, error: expect.any(FencedOutError) })
    expect(lost).toEqual(['m'])
    expect(old.leases.holds('m')).toBe(false)
    expect(next.leases.holds('m')).toBe(true)
    expect(await nextStore.appendUpdate('m', new Uint8Array([0, 0]))).toBe(2)
    expect((await store.load('m')).lastSeq).toBe(2)
  }, 30_000)
})

describeWithRedis('an authority paused past its lease', () => {
  it('commits nothing once the next authority has written, though it passed its lease check before the pause', async () => {
    const c = await startClusterConference()
    cleanup.push(() => c.close())
    const { databaseUrl, prefix } = c.cluster
    const mapId = c.map.id
    const storedNotes = () =>
      withClient(databaseUrl, async (db) => {
        const [row] = (
          await db.query<{ snapshot: Buffer | null; tail: Buffer[] | null }>(
            `SELECT snapshot, (SELECT array_agg(data ORDER BY seq) FROM updates WHERE map_id = $1) AS tail
             FROM maps WHERE id = $1`,
            [mapId],
          )
        ).rows
        const doc = new Y.Doc()
        for (const bytes of [row?.snapshot, ...(row?.tail ?? [])]) if (bytes) Y.applyUpdate(doc, bytes)
        const texts = readMap(doc).notes.map((note) => note.text)
        doc.destroy()
        return texts
      })

    // The chair, on the first instance, makes it the authority and writes a note that is stored.
    const chair = c.connect(c.first, c.chair, { maxBackoffTime: 100 })
    // The family, on the first instance too, stays connected throughout.
    const family = c.connect(c.first, c.family, { maxBackoffTime: 100 })
    await Promise.all([chair.synced, family.synced])
    addNote(chair.doc, { zone: 'past-harm', text: 'Stored before the pause', ...noteAuthor(c.chair) })
    await waitFor(async () => (await storedNotes()).includes('Stored before the pause'), 10_000)

    const blocker = new pg.Client({ connectionString: databaseUrl })
    await blocker.connect()
    cleanup.push(() => blocker.end())
    const fence = async () =>
      (await blocker.query<{ token: number }>('SELECT token::int FROM room_fences WHERE room = $1', [mapId]))
        .rows[0]?.token
    // The first instance wrote under its lease's token as it loaded the map.
    const firstToken = await fence()
    if (firstToken === undefined) throw new Error('the first instance wrote no fence')
    // A lock on the map's row holds the first instance's next append inside its transaction, after its lease
    // check; the pause lands there. A claim of client ids (the next authority's first write) is not held up.
    await blocker.query('BEGIN')
    await blocker.query('SELECT 1 FROM maps WHERE id = $1 FOR NO KEY UPDATE', [mapId])
    addNote(chair.doc, { zone: 'past-harm', text: 'Written by the stale authority', ...noteAuthor(c.chair) })
    await waitFor(
      async () =>
        (
          await blocker.query<{ count: number }>(
            `SELECT count(*)::int AS count FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          )
        ).rows[0]?.count === 1,
      10_000,
      { message: 'the first instance’s append did not reach the database' },
    )
    process.kill(c.first.pid, 'SIGSTOP')
    cleanup.push(async () => void process.kill(c.first.pid, 'SIGCONT'))
    // Its client goes, so that nobody sends the note again through the next authority.
    chair.destroy()

    const redis = new Redis(REDIS_URL)
    cleanup.push(async () => redis.disconnect())
    await waitFor(async () => (await redis.get(`${prefix}lease:${mapId}`)) === null, 15_000, {
      message: 'the paused instance’s lease did not lapse',
    })
    // The professional, on the second instance, makes it the authority; loading the map writes its fence.
    const worker = c.connect(c.second, c.professional, { maxBackoffTime: 100 })
    await worker.synced
    addNote(worker.doc, {
      zone: 'existing-strengths',
      text: 'Written by the next authority',
      ...noteAuthor(c.professional),
    })
    const nextToken = await waitFor(
      async () => {
        const token = await fence()
        return token !== undefined && token > firstToken ? token : undefined
      },
      10_000,
      { message: 'the second instance did not write under the next lease' },
    )

    await blocker.query('COMMIT')
    process.kill(c.first.pid, 'SIGCONT')
    await waitFor(async () => (await storedNotes()).includes('Written by the next authority'), 15_000)
    // The first instance stopped serving the map: the family's client reconnected and is relayed to the next
    // authority, and never got the note that was not stored.
    const familySees = () => readMap(family.doc).notes.map((note) => note.text)
    await waitFor(() => familySees().includes('Written by the next authority'), 15_000, {
      message: 'the family did not reach the next authority',
    })
    expect(familySees()).not.toContain('Written by the stale authority')
    const notes = await storedNotes()
    expect(notes).toContain('Stored before the pause')
    expect(notes).not.toContain('Written by the stale authority')
    const summaries = (
      await blocker.query<{ summary: string }>('SELECT summary FROM audit_entries WHERE map_id = $1', [mapId])
    ).rows.map((row) => row.summary)
    expect(summaries.some((summary) => summary.includes('Stored before the pause'))).toBe(true)
    expect(summaries.some((summary) => summary.includes('stale authority'))).toBe(false)
    expect(await fence()).toBe(nextToken)
    // Refused by the fence in its transaction, not by a lease check: the pause came after that.
    await waitFor(() => /FencedOutError/.test(c.first.output()), 10_000, {
      message: 'the first instance’s append was not refused by its fence',
    })
  }, 120_000)
})
