// Erasing a map while people are connected to both instances (decision 0047): an administrator's erasure sent to
// the instance that is not the authority, and the retention sweep of a third instance, close the map's sockets on
// every instance with MapErased; no instance serves or re-creates the map afterwards, and its links answer 410
// everywhere.
import { Redis } from 'ioredis'
import pg from 'pg'
import { afterEach, expect, it } from 'vitest'
import { readMapClosure } from '@mapboard/map-model'
import { CloseCode, roomNameOf } from '@mapboard/protocol'
import { connectRawSocket, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { api, expectError } from '../support/api.ts'
import type { ServerProcess } from '../support/serverProcess.ts'
import { REDIS_URL, describeWithRedis } from './support/cluster.ts'
import { startClusterConference } from './support/clusterConference.ts'
import type { ClusterConference } from './support/clusterConference.ts'

const ADMIN_TOKEN = 'an-administrator-token-for-the-cluster-erasure-test'

let conference: ClusterConference | undefined

afterEach(async () => {
  await conference?.close()
  conference = undefined
})

/**
 * Clients of both documents on both instances: the shared document's authority is the first instance, the
 * professionals' one the second, so each instance serves one room and relays the other.
 */
async function connectEveryone(c: ClusterConference): Promise<TestClient[]> {
  const room = roomNameOf(c.map.id, 'professionals')
  const chair = c.connect(c.first, c.chair)
  await chair.synced
  const professionals = c.connect(c.second, c.professional, { room })
  await professionals.synced
  const others = [
    c.connect(c.second, c.professional),
    c.connect(c.second, c.family),
    c.connect(c.first, c.chair, { room }),
  ]
  await Promise.all(others.map((client) => client.synced))
  return [chair, professionals, ...others]
}

async function leasesOf(c: ClusterConference): Promise<Array<string | null>> {
  const redis = new Redis(REDIS_URL)
  try {
    return await redis.mget(
      [c.map.id, roomNameOf(c.map.id, 'professionals')].map((room) => `${c.cluster.prefix}lease:${room}`),
    )
  } finally {
    redis.disconnect()
  }
}

const erasedClose = (client: TestClient): boolean =>
  client.closes.some((close) => close.code === CloseCode.MapErased)

async function expectGoneOn(c: ClusterConference, instances: readonly ServerProcess[]): Promise<void> {
  for (const instance of instances) {
    const page = await fetch(`${instance.url}/m/${c.map.id}`, { headers: { accept: 'text/html' } })
    expect(page.status).toBe(410)
    expectError(
      await api(instance.url, 'GET', `/api/maps/${c.map.id}/links`, c.chair.token),
      410,
      'MAP_ERASED',
    )
    expectError(
      await api(instance.url, 'POST', `/api/maps/${c.map.id}/reopen`, c.chair.token),
      410,
      'MAP_ERASED',
    )
    for (const room of [c.map.id, roomNameOf(c.map.id, 'professionals')]) {
      const socket = connectRawSocket(instance, room, c.professional.token)
      expect((await socket.upgrade).status, room).toBe(410)
      socket.socket.terminate()
    }
  }
}

describeWithRedis('erasing a map served by several instances', () => {
  it('an erasure sent to the instance that is not the authority closes every socket on both', async () => {
    const c = (conference = await startClusterConference({ env: { MAPBOARD_ADMIN_TOKEN: ADMIN_TOKEN } }))
    const clients = await connectEveryone(c)
    expect((await leasesOf(c)).every((lease) => lease !== null)).toBe(true)

    const erased = await fetch(`${c.second.url}/api/maps/${c.map.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'The family asked for it', keepRecords: false }),
    })
    expect(erased.status).toBe(200)
    expect(await erased.json()).toMatchObject({ mapId: c.map.id, removed: expect.any(Object) })
    await waitFor(() => clients.every(erasedClose), 5000, {
      message: 'a socket of the erased map stayed open',
    })
    // Neither instance serves either room any more, nor takes them again.
    expect(await leasesOf(c)).toEqual([null, null])
    await expectGoneOn(c, [c.first, c.second])
    expect(await leasesOf(c)).toEqual([null, null])
  }, 90_000)

  it('the retention sweep of another instance erases a map whose rooms two others serve', async () => {
    const c = (conference = await startClusterConference())
    const clients = await connectEveryone(c)
    const closed = await api(c.second.url, 'POST', `/api/maps/${c.map.id}/close`, c.chair.token)
    expect(closed.status).toBe(200)
    await waitFor(() => clients.every((client) => readMapClosure(client.doc) !== null))
    // Closed long ago, as far as retention can tell.
    const db = new pg.Client({ connectionString: c.cluster.databaseUrl })
    await db.connect()
    try {
      await db.query('UPDATE map_closures SET closed_at = 0 WHERE map_id = $1', [c.map.id])
    } finally {
      await db.end()
    }

    // A third instance with retention on sweeps as it starts.
    const third = await c.cluster.add({ MAPBOARD_RETENTION_DAYS: '30' })
    await waitFor(() => clients.every(erasedClose), 10_000, {
      message: 'a socket of the erased map stayed open',
    })
    // The sweep erases once both rooms are unloaded everywhere (their sockets close first).
    await waitFor(async () => (await fetch(`${third.url}/m/${c.map.id}`)).status === 410, 10_000, {
      message: 'the map was not erased',
    })
    expect(await leasesOf(c)).toEqual([null, null])
    await expectGoneOn(c, [c.first, c.second, third])
  }, 90_000)
})
