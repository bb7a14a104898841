// Updates that cannot be applied and reverted like an ordinary refused edit: a crafted delete of content the
// server does not have yet (it would sit in pendingDs and delete that content when it arrives), and an update
// far past the size limit. Each ends with the sender closed; nothing changes for anyone else.
import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { AUDIENCES, addNote, readMap } from '@mapboard/map-model'
import type { MapSnapshot } from '@mapboard/map-model'
import { CloseCode } from '@mapboard/protocol'
import { joinAs, noteAuthor, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { deleteOnly } from '../support/attacks.ts'
import { bytesContain } from '../support/download.ts'
import {
  expectBothRoomsCarryOn,
  expectEveryoneReads,
  expectStillServing,
  familyDevices,
  startConference,
} from './conference.ts'
import type { Conference } from './conference.ts'

let conference: Conference
let before: MapSnapshot
let chair: TestClient
let police: TestClient

beforeEach(async () => {
  conference = await startConference()
  before = readMap(conference.serverDoc())
  ;[chair, police] = conference.observers as [TestClient, TestClient]
})

afterEach(async () => {
  await conference.close()
})

describe.each(AUDIENCES)('a crafted delete of a future item in the %s room', (audience) => {
  // The server drops the pending delete at once and asks the sender again (its SyncStep1), as it would a client
  // that reconnected with offline edits. A modified client that answers like y-websocket brings nothing that fills
  // the gap: its SyncStep2 leaves the chair's future clocks missing, so it is closed with 4501 as before.
  it('is dropped at once, the sender asked again and then closed with 4501; the item arrives intact when written', async () => {
    const room = await conference.room(audience)
    const [roomChair, roomPolice] = room.observers
    const roomBefore = readMap(room.serverDoc())
    const devices = await familyDevices(conference)
    const server = room.serverDoc()
    // The chair's next note will start at this clock: delete it before it exists.
    const next = Y.getState(server.store, roomChair.doc.clientID)
    const sender = await room.hostile(room.attacker, { answer: true })
    const asked = sender.asks
    await sender.send(deleteOnly(roomChair.doc.clientID, next, 20))
    expect(await sender.closeCode()).toBe(CloseCode.Resync)
    expect(sender.asks).toBe(asked + 1)
    expect(server.store.pendingDs).toBeNull()
    expect(server.store.pendingStructs).toBeNull()
    await expectEveryoneReads(conference, [roomChair.doc, roomPolice.doc], roomBefore, room)

    addNote(roomChair.doc, {
      zone: 'next-steps',
      text: 'Written after the crafted delete',
      audience,
      ...noteAuthor(conference.chair),
    })
    await waitFor(() =>
      readMap(roomPolice.doc).notes.some((n) => n.text === 'Written after the crafted delete'),
    )
    expect(readMap(server).notes.map((n) => n.text)).toContain('Written after the crafted delete')
    await expectStillServing(conference, room)
    await expectBothRoomsCarryOn(conference, room, devices)
  })
})

describe('a crafted delete of a future item', () => {
  it('a sender that never answers is closed with 4501 when its time runs out; nothing stays pending', async () => {
    await conference.close()
    conference = await startConference({ resyncTimeoutMs: 300 })
    before = readMap(conference.serverDoc())
    ;[chair, police] = conference.observers as [TestClient, TestClient]
    const server = conference.serverDoc()
    const next = Y.getState(server.store, chair.doc.clientID)
    const family = await conference.hostile(conference.family)
    await family.send(deleteOnly(chair.doc.clientID, next, 20))
    await waitFor(() => family.asks === 2, 5000, { message: 'the server did not ask again' })
    // Dropped already, while the server waits for an answer that never comes.
    expect(server.store.pendingDs).toBeNull()
    expect(family.open).toBe(true)
    expect(await family.closeCode()).toBe(CloseCode.Resync)
    addNote(chair.doc, { zone: 'next-steps', text: 'Still here', ...noteAuthor(conference.chair) })
    await waitFor(() => readMap(police.doc).notes.some((n) => n.text === 'Still here'))
    expect(server.store.pendingDs).toBeNull()
    await expectStillServing(conference)
  })

  it('a participant that needs a third resync is closed with 4429, and stays shut out', async () => {
    const server = conference.serverDoc()
    const next = Y.getState(server.store, chair.doc.clientID)
    const codes: number[] = []
    for (let i = 0; i < 3; i++) {
      const family = await conference.hostile(conference.family, { answer: true })
      await family.send(deleteOnly(chair.doc.clientID, next + 100 * i, 5))
      codes.push(await family.closeCode())
    }
    expect(codes).toEqual([CloseCode.Resync, CloseCode.Resync, CloseCode.TooManyRefusals])
    // For good, while the room is loaded: a new connection of the same participant is closed at once.
    const again = conference.connect(conference.family)
    await expect(again.synced).rejects.toThrow(String(CloseCode.TooManyRefusals))
    // Others are not affected.
    await expectEveryoneReads(conference, [chair.doc, police.doc], before)
    await expectStillServing(conference)
  })

  it('counts per participant: someone else who joined with the same family link is not shut out', async () => {
    const dad = await joinAs(conference.server, conference.map.links.family, { name: 'Dad' })
    const server = conference.serverDoc()
    const next = Y.getState(server.store, chair.doc.clientID)
    for (let i = 0; i < 3; i++) {
      const family = await conference.hostile(conference.family, { answer: true })
      await family.send(deleteOnly(chair.doc.clientID, next + 100 * i, 5))
      await family.closeCode()
    }
    const mum = conference.connect(conference.family)
    await expect(mum.synced).rejects.toThrow(String(CloseCode.TooManyRefusals))

    const dadClient = conference.connect(dad)
    await dadClient.synced
    addNote(dadClient.doc, { zone: 'existing-strengths', text: 'Dad cooks on Sundays', ...noteAuthor(dad) })
    await waitFor(() => readMap(police.doc).notes.some((n) => n.text === 'Dad cooks on Sundays'))
    expect(dadClient.closes).toEqual([])
    // Dad's own crafted delete is his first resync, not the family link's fourth.
    const hostileDad = await conference.hostile(dad, { answer: true })
    await hostileDad.send(deleteOnly(chair.doc.clientID, next + 1000, 5))
    expect(await hostileDad.closeCode()).toBe(CloseCode.Resync)
  })
})

describe.each(AUDIENCES)('an oversized update in the %s room', (audience) => {
  it('a 20 MB update is refused with 4413 before it is read; both rooms carry on, nothing reaches anyone', async () => {
    const room = await conference.room(audience)
    const roomBefore = readMap(room.serverDoc())
    const devices = await familyDevices(conference)
    const sender = await room.hostile(room.attacker)
    const marker = `OVERSIZED-${randomBytes(6).toString('hex')}`
    const huge = marker + 'x'.repeat(20 * 1024 * 1024)
    const update = await sender.edit((doc) => doc.getMap('meta').set('title', huge))
    expect(update.length).toBeGreaterThan(20 * 1024 * 1024)
    expect(await sender.closeCode()).toBe(CloseCode.MessageTooLarge)
    await expectEveryoneReads(
      conference,
      room.observers.map((client) => client.doc),
      roomBefore,
      room,
    )
    expect(bytesContain(Y.encodeStateAsUpdate(room.serverDoc()), marker)).toBe(false)
    await expectStillServing(conference, room)
    await expectBothRoomsCarryOn(conference, room, devices, [marker])
  })
})
