// A relayed client's limits hold on the instance it is connected to (decision 0049): that instance reads its
// websocket, so its frame budget and the frame size limit are applied there, before anything is published to the
// authority's Redis channel. A flood through it reaches the authority no faster than the budget lets frames
// through, the flooder is closed with 4429 as on one instance, and other clients — of the same map and of another
// map on the same authority — carry on. An oversized frame is refused with 4413 and never crosses Redis.
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addNote, readMap } from '@mapboard/map-model'
import { CloseCode, MAX_MESSAGE_BYTES } from '@mapboard/protocol'
import { connectClient, joinAs, noteAuthor, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { decodeClusterMessage } from '../../src/cluster/clusterMessages.ts'
import type { ClusterMessage } from '../../src/cluster/clusterMessages.ts'
import { DEFAULT_INTAKE_LIMITS } from '../../src/rooms/FrameBudget.ts'
import { awarenessFrame, updateFrame } from '../support/frames.ts'
import { HostileClient } from '../support/hostileClient.ts'
import { createMapOn } from '../support/serverProcess.ts'
import { REDIS_URL, describeWithRedis } from './support/cluster.ts'
import { startClusterConference } from './support/clusterConference.ts'
import type { ClusterConference } from './support/clusterConference.ts'

let conference: ClusterConference | undefined
const cleanup: Array<() => void> = []

afterEach(async () => {
  for (const step of cleanup.splice(0)) step()
  await conference?.close()
  conference = undefined
})

interface Heard {
  channel: string
  bytes: number
  message: ClusterMessage
}

/** Every message the cluster's instances publish to one another's channels, as Redis delivers it. */
async function listen(prefix: string): Promise<Heard[]> {
  const heard: Heard[] = []
  const subscriber = new Redis(REDIS_URL)
  subscriber.on('pmessageBuffer', (_pattern: Buffer, channel: Buffer, message: Buffer) => {
    heard.push({ channel: channel.toString(), bytes: message.length, message: decodeClusterMessage(message) })
  })
  await subscriber.psubscribe(`${prefix}instance:*`)
  cleanup.push(() => subscriber.disconnect())
  return heard
}

/** The relay of the one client of `room` that `participantId` opened through another instance. */
function relayOf(heard: readonly Heard[], room: string, participantId: string): Heard | undefined {
  return heard.find(
    ({ message }) =>
      message.kind === 'open' && message.room === room && message.identity.participant.id === participantId,
  )
}

const { documentFrameBurst, documentFramesPerSecond, awarenessFrameBurst, awarenessFramesPerSecond } =
  DEFAULT_INTAKE_LIMITS
/** What a flood sends, again and again, and the budget that meters it. */
const FLOODS = [
  // Empty updates: each one costs the server a document frame, and nothing else.
  [
    'empty updates',
    updateFrame(Y.encodeStateAsUpdate(new Y.Doc())),
    { burst: documentFrameBurst, perSecond: documentFramesPerSecond },
  ],
  // The flooder's own presence, over and over: awareness frames, not echoes.
  [
    'its own presence',
    awarenessFrame([{ clientId: 424_242, clock: 1, state: { cursor: { x: 1, y: 1 } } }]),
    { burst: awarenessFrameBurst, perSecond: awarenessFramesPerSecond },
  ],
] as const

const texts = (client: TestClient): string[] => readMap(client.doc).notes.map((note) => note.text)

describeWithRedis('a flood through an instance that is not the authority', () => {
  it.each(FLOODS)(
    'of %s reaches the authority’s channel only as fast as the budget allows, is closed with 4429, and nobody else is held up',
    async (_name, frame, { burst, perSecond }) => {
      const c = (conference = await startClusterConference())
      const heard = await listen(c.cluster.prefix)
      // The second instance is the authority of both maps; the flooder is on the first.
      const chair = c.connect(c.second, c.chair)
      await chair.synced
      const worker = c.connect(c.first, c.professional)
      const other = await createMapOn(c.second, 'Another family’s conference')
      const otherChair = await joinAs(c.second, other.links.chair, { name: 'Bo Chair', agency: 'Reviewing' })
      const otherOnAuthority = connectClient(c.second, other.id, otherChair)
      cleanup.push(() => otherOnAuthority.destroy())
      await otherOnAuthority.synced
      const otherRelayed = connectClient(c.first, other.id, otherChair)
      cleanup.push(() => otherRelayed.destroy())
      await Promise.all([worker.synced, otherRelayed.synced])

      const flooder = await HostileClient.connect(c.first, c.map.id, c.family.token)
      cleanup.push(() => flooder.close())
      const open = relayOf(heard, c.map.id, c.family.participant.id)
      if (open?.message.kind !== 'open') throw new Error('the flooder was not relayed')
      const relay = open.message.relay
      const relayed = () =>
        heard.filter(
          ({ channel, message }) =>
            channel === open.channel && message.kind === 'frame' && message.relay === relay,
        ).length
      const before = relayed()

      const sent = 20_000
      const started = Date.now()
      for (let i = 0; i < sent; i++) flooder.raw.socket.send(frame)
      expect(await flooder.closeCode()).toBe(CloseCode.TooManyRefusals)
      const elapsedMs = Date.now() - started
      // The forwarder's close of the relay follows the last frame it passed on, on the same Redis connection.
      await waitFor(() => heard.some(({ message }) => message.kind === 'close' && message.relay === relay))
      const through = relayed() - before
      const allowed = burst + Math.ceil((perSecond * elapsedMs) / 1000)
      console.info(
        `flood of ${_name}: ${sent} frames sent through the forwarder, ${through} reached the authority's channel in ${elapsedMs} ms (budget ${allowed})`,
      )
      expect(through).toBeLessThanOrEqual(allowed)
      expect(through).toBeLessThan(sent / 10)

      // Everyone else carries on, through both instances, in both maps.
      addNote(worker.doc, { zone: 'past-harm', text: 'After the flood', ...noteAuthor(c.professional) })
      await waitFor(() => texts(chair).includes('After the flood'), 5000, {
        message: 'the flooded map no longer takes edits from the forwarder',
      })
      addNote(otherOnAuthority.doc, {
        zone: 'past-harm',
        text: 'Other map, after',
        ...noteAuthor(otherChair),
      })
      await waitFor(() => texts(otherRelayed).includes('Other map, after'), 5000, {
        message: 'another map relayed through the same instance was held up',
      })
      expect([...chair.closes, ...worker.closes, ...otherOnAuthority.closes, ...otherRelayed.closes]).toEqual(
        [],
      )
    },
    60_000,
  )

  it('an oversized frame is refused with 4413 on the forwarding instance and never crosses Redis', async () => {
    const c = (conference = await startClusterConference())
    const heard = await listen(c.cluster.prefix)
    const chair = c.connect(c.second, c.chair)
    await chair.synced
    const sender = await HostileClient.connect(c.first, c.map.id, c.family.token)
    cleanup.push(() => sender.close())
    const marker = `OVERSIZED-${randomBytes(6).toString('hex')}`
    await sender.edit((doc) => doc.getMap('meta').set('title', marker + 'x'.repeat(MAX_MESSAGE_BYTES)))
    expect(await sender.closeCode()).toBe(CloseCode.MessageTooLarge)
    const relay = relayOf(heard, c.map.id, c.family.participant.id)
    await waitFor(() =>
      heard.some(
        ({ message }) =>
          message.kind === 'close' && message.relay === (relay?.message as { relay?: string }).relay,
      ),
    )
    expect(Math.max(...heard.map((each) => each.bytes))).toBeLessThan(MAX_MESSAGE_BYTES)
    expect(readMap(chair.doc).title).not.toContain(marker)
    expect(chair.closes).toEqual([])
  }, 60_000)
})
