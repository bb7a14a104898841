// A properly joined family member sends one update holding a Y.Map nested thousands deep under `notes`. Applied
// and then reverted, such a map overflows the stack on the server and on every client as Yjs frees it, and the
// stored map no longer loads. The pre-check refuses it before anything of it is applied: the sender is closed with
// 4400, nobody else sees a byte of it, the map keeps taking edits, and it still loads after a restart. The same
// holds in the professionals' document, sent by a professional.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AUDIENCES, addNote, readMap } from '@mapboard/map-model'
import type { MapSnapshot } from '@mapboard/map-model'
import { CloseCode, MAX_MESSAGE_BYTES } from '@mapboard/protocol'
import { noteAuthor, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { updateFrame } from '../support/frames.ts'
import { deepestNestingInOneFrame, nestedMapsUpdate } from '../support/nestedMaps.ts'
import {
  expectBothRoomsCarryOn,
  expectEveryoneReads,
  expectStillServing,
  familyDevices,
  startConference,
} from './conference.ts'
import type { Conference } from './conference.ts'

let conference: Conference
/** Whatever is thrown outside a test's own code: a client that fails to apply what the server sent, say. */
const thrown: unknown[] = []
const record = (error: unknown) => thrown.push(error)

beforeEach(async () => {
  thrown.length = 0
  process.on('uncaughtException', record)
  process.on('unhandledRejection', record)
  conference = await startConference()
})

afterEach(async () => {
  await conference.close()
  process.off('uncaughtException', record)
  process.off('unhandledRejection', record)
})

/** The Yjs client id the attacker writes the nested maps under: new to the map, so it could be claimed. */
const ATTACKER_CLIENT = 777_001

/** `/healthz` answers within this long while the server deals with the frame. */
const PROMPT_MS = 1000

async function healthzTime(url: string): Promise<number> {
  const start = performance.now()
  const response = await fetch(`${url}/healthz`)
  expect(response.status).toBe(200)
  return performance.now() - start
}

describe.each(AUDIENCES)('an update nesting Y.Maps deep under notes, in the %s room', (audience) => {
  const deepest = deepestNestingInOneFrame(ATTACKER_CLIENT)

  it.each([
    ['2,000', 2000],
    ['20,000', 20_000],
    [`${deepest.toLocaleString('en-GB')} (as deep as one 2 MiB frame allows)`, deepest],
  ])(
    '[SHAPE-2] nested %s deep is refused before it is applied: sender closed with 4400, nobody else affected, the map still loads after a restart',
    async (_name, depth) => {
      const room = await conference.room(audience)
      const [chair, police] = room.observers as [TestClient, TestClient]
      const before: MapSnapshot = readMap(room.serverDoc())
      const devices = await familyDevices(conference)
      const update = nestedMapsUpdate({ client: ATTACKER_CLIENT, depth })
      const frame = updateFrame(update)
      expect(frame.length).toBeLessThanOrEqual(MAX_MESSAGE_BYTES)
      if (depth === deepest) expect(frame.length).toBeGreaterThan(MAX_MESSAGE_BYTES - 64)

      const sender = await room.hostile(room.attacker)
      const sent = sender.raw.send(frame)
      // Asked while the server is handed the frame: the server must not stall.
      const health = healthzTime(conference.server.url)
      await sent
      expect(await sender.closeCode()).toBe(CloseCode.BadMessage)
      expect(await health).toBeLessThan(PROMPT_MS)
      expect(await healthzTime(conference.server.url)).toBeLessThan(PROMPT_MS)

      // Nothing of it was applied, stored or sent.
      const server = room.serverDoc()
      expect(server.store.clients.has(ATTACKER_CLIENT)).toBe(false)
      expect(server.getMap('notes').has('nested-note-0001')).toBe(false)
      await expectEveryoneReads(conference, [chair.doc, police.doc], before, room)

      // The map still takes edits, and the other clients still receive them.
      addNote(chair.doc, {
        zone: 'next-steps',
        text: 'Review in six weeks',
        audience,
        ...noteAuthor(conference.chair),
      })
      await waitFor(() => readMap(police.doc).notes.some((n) => n.text === 'Review in six weeks'))
      for (const client of [chair, police]) {
        expect(client.doc.store.clients.has(ATTACKER_CLIENT)).toBe(false)
        expect(client.doc.getMap('notes').has('nested-note-0001')).toBe(false)
        expect(client.closes).toEqual([])
      }
      await expectStillServing(conference, room)
      const after = readMap(server)
      expect(after.notes).toHaveLength(before.notes.length + 1)
      // Nobody in the other room, nor the family's devices, was disturbed.
      await expectBothRoomsCarryOn(conference, room, devices)
      const afterBoth = readMap(server)

      // And it loads after a restart, as it was.
      await conference.server.app.rooms.getLoaded(room.name)?.settle()
      await conference.server.restart()
      const returning = room.connect(conference.police)
      await returning.synced
      expect(readMap(returning.doc)).toEqual(afterBoth)
      expect(readMap(room.serverDoc())).toEqual(afterBoth)
      expect(returning.doc.store.clients.has(ATTACKER_CLIENT)).toBe(false)
      expect(thrown).toEqual([])
    },
    60_000,
  )
})
