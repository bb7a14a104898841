// Fencing (decision 0047): an authority that stopped renewing its lease — a paused process, a lost network —
// writes nothing once another instance can have taken the map over; the new authority's writes land, and the old
// one cannot compact them away. Two instances' leases on one real Redis, one real SQLite store.
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { waitFor } from '@mapboard/test-kit'
import { FencedRoomStore, NotAuthorityError } from '../../src/cluster/FencedRoomStore.ts'
import { RedisLink } from '../../src/cluster/RedisLink.ts'
import { RoomLeases } from '../../src/cluster/RoomLeases.ts'
import { SqliteMapStore } from '../../src/storage/SqliteMapStore.ts'
import { REDIS_URL, describeWithRedis } from './support/cluster.ts'

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

describeWithRedis('a lease that lapsed', () => {
  it('fences the old authority’s writes off the store once the next has taken the map', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mapboard-fencing-'))
    const store = new SqliteMapStore(join(dir, 'mapboard.sqlite'))
    cleanup.push(async () => {
      await store.close()
      await rm(dir, { recursive: true, force: true })
    })
    await store.createMap({ id: 'm', title: 'Fenced', createdAt: 1 }, new Uint8Array([0, 0]))
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
    // The store holds the new authority's update, and nothing the old one tried after it.
    expect((await store.load('m')).lastSeq).toBe(nextSeq)
  }, 30_000)
})
