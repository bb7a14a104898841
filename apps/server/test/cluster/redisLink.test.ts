// RedisLink on a real Redis: what one turn sends to an instance arrives in the order sent, and a frame sent to
// several of its clients (a room's broadcast: the same bytes each time) crosses Redis once, as one `frames`.
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterEach, expect, it } from 'vitest'
import { waitFor } from '@mapboard/test-kit'
import type { ClusterMessage } from '../../src/cluster/clusterMessages.ts'
import { RedisLink } from '../../src/cluster/RedisLink.ts'
import { REDIS_URL, describeWithRedis } from './support/cluster.ts'

const quiet = { debug() {}, info() {}, warn() {}, error() {} }
const cleanup: Array<() => Promise<void>> = []

afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close()
})

async function link(prefix: string, received: ClusterMessage[] = []): Promise<RedisLink> {
  const opened = await RedisLink.open({
    url: REDIS_URL,
    prefix,
    logger: quiet,
    onMessage: (message) => received.push(message),
    onDown() {},
  })
  cleanup.push(() => opened.close())
  return opened
}

/** How many messages Redis carried on `channel` while `during` ran (a second connection, subscribed to it). */
async function countPublished(channel: string, during: () => Promise<void>): Promise<number> {
  const watcher = new Redis(REDIS_URL)
  cleanup.push(async () => void watcher.disconnect())
  let count = 0
  watcher.on('messageBuffer', () => count++)
  await watcher.subscribe(channel)
  await during()
  // A ping after the publishes comes back after their messages (one connection, in order).
  await watcher.ping()
  return count
}

describeWithRedis('RedisLink', () => {
  it('sends a broadcast frame to several clients of one instance once, and keeps every message in order', async () => {
    const prefix = `mapboard-test:${randomUUID()}:`
    const received: ClusterMessage[] = []
    const authority = await link(prefix)
    const forwarder = await link(prefix, received)
    const from = authority.instanceId
    const broadcast = new Uint8Array([0, 2, 7, 7])
    const other = new Uint8Array([0, 2, 9])
    const heard: Promise<boolean>[] = []
    const published = await countPublished(forwarder.channelOf(forwarder.instanceId), async () => {
      // One turn, as a room sends it: a frame to one client, a broadcast to three, a close, another broadcast.
      const send = (message: ClusterMessage) => heard.push(authority.send(forwarder.instanceId, message))
      send({ kind: 'frame', from, relay: 'f/1', frame: other })
      for (const relay of ['f/1', 'f/2', 'f/3']) send({ kind: 'frame', from, relay, frame: broadcast })
      send({ kind: 'close', from, relay: 'f/2', code: 1000, reason: '' })
      for (const relay of ['f/1', 'f/3']) send({ kind: 'frame', from, relay, frame: broadcast })
      expect(await Promise.all(heard)).toEqual(Array(heard.length).fill(true))
    })
    await waitFor(() => received.length === 4)
    expect(published).toBe(4)
    expect(received).toEqual([
      { kind: 'frame', from, relay: 'f/1', frame: other },
      { kind: 'frames', from, relays: ['f/1', 'f/2', 'f/3'], frame: broadcast },
      { kind: 'close', from, relay: 'f/2', code: 1000, reason: '' },
      { kind: 'frames', from, relays: ['f/1', 'f/3'], frame: broadcast },
    ])
  })

  it('says an instance nobody hears is gone, for every message merged into one', async () => {
    const prefix = `mapboard-test:${randomUUID()}:`
    const authority = await link(prefix)
    const frame = new Uint8Array([0, 2, 1])
    const from = authority.instanceId
    const heard = await Promise.all(
      ['g/1', 'g/2'].map((relay) => authority.send('gone', { kind: 'frame', from, relay, frame })),
    )
    expect(heard).toEqual([false, false])
  })
})
