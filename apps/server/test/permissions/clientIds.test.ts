// Client id binding: an update written under a Yjs client id that belongs to someone else (another participant,
// the server, or nobody the server knows) is not applied, and its connection is closed with 4409 — closed, so no
// gap in anybody's clock can open and leak.
import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { AUDIENCES, addNote, readMap } from '@mapboard/map-model'
import { CloseCode } from '@mapboard/protocol'
import { noteAuthor, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { bytesContain } from '../support/download.ts'
import {
  NOTES,
  expectBothRoomsCarryOn,
  expectEveryoneReads,
  expectStillServing,
  familyDevices,
  startConference,
  synced,
} from './conference.ts'
import type { Conference } from './conference.ts'

let conference: Conference

afterEach(async () => {
  await conference.close()
})

describe.each(AUDIENCES)('client id binding in the %s room', (audience) => {
  it('spoofing another participant’s client id closes with 4409 and applies nothing; both rooms carry on', async () => {
    conference = await startConference()
    const room = await conference.room(audience)
    const [chair, police] = room.observers
    if (audience === 'professionals') {
      // The chair's client writes there first, so its id is the chair's in that room too.
      addNote(chair.doc, {
        zone: 'past-harm',
        text: 'Police check pending',
        audience,
        ...noteAuthor(conference.chair),
      })
      await waitFor(() => readMap(police.doc).notes.some((n) => n.text === 'Police check pending'))
    }
    const before = readMap(room.serverDoc())
    const devices = await familyDevices(conference)
    const marker = `SPOOFED-${randomBytes(6).toString('hex')}`
    const spoofer = await room.hostile(room.attacker, { clientId: chair.doc.clientID })
    await spoofer.edit((doc) =>
      addNote(doc, { zone: 'future-danger', text: marker, audience, ...noteAuthor(conference.chair) }),
    )
    expect(await spoofer.closeCode()).toBe(CloseCode.ClientIdTaken)
    await expectEveryoneReads(conference, [chair.doc, police.doc], before, room)

    // The chair's own next edit, at the clock the spoofer tried to take, goes through for everyone.
    addNote(chair.doc, {
      zone: 'next-steps',
      text: 'Core group in ten days',
      audience,
      ...noteAuthor(conference.chair),
    })
    await waitFor(() => readMap(police.doc).notes.some((n) => n.text === 'Core group in ten days'))
    await expectEveryoneReads(conference, [chair.doc, police.doc], readMap(room.serverDoc()), room)
    expect(chair.closes).toEqual([])
    await expectStillServing(conference, room)
    expect(bytesContain(Y.encodeStateAsUpdate(room.serverDoc()), marker)).toBe(false)
    await expectBothRoomsCarryOn(conference, room, devices, [marker])
  })

  it('the server’s own client id (its reverts) and the document creator’s are nobody’s to write under', async () => {
    conference = await startConference()
    const room = await conference.room(audience)
    const server = room.serverDoc()
    const before = readMap(server)
    // The id the document's first state was written under: the map's creator in the shared document; the
    // professionals' one starts empty, so there the social worker's, who wrote its first notes.
    const creator = [...server.store.clients.keys()].find(
      (id) => id !== server.clientID && !room.observers.some((c) => c.doc.clientID === id),
    )
    expect(creator).toBeDefined()
    for (const clientId of [server.clientID, creator ?? 0]) {
      const spoofer = await room.hostile(conference.chair, { clientId })
      await spoofer.edit((doc) => doc.getMap('meta').set('title', 'Renamed under a borrowed id'))
      expect(await spoofer.closeCode()).toBe(CloseCode.ClientIdTaken)
    }
    await expectEveryoneReads(
      conference,
      room.observers.map((c) => c.doc),
      before,
      room,
    )
    await expectStillServing(conference, room)
  })
})

describe('client id binding', () => {
  it('a participant keeps its client id across a room unload and a server restart; nobody else gets it', async () => {
    conference = await startConference({ unloadGraceMs: 50 })
    const doc = new Y.Doc()
    const pro = conference.connect(conference.professional, doc)
    await pro.synced
    addNote(doc, { zone: 'past-harm', text: 'Before the restart', ...noteAuthor(conference.professional) })
    await waitFor(() => synced(doc, conference.serverDoc()))

    await conference.server.restart()
    // The same provider reconnects with the same Y.Doc, so the same client id.
    await waitFor(() => pro.provider.wsconnected && pro.provider.synced, 10_000, { message: 'no reconnect' })
    addNote(doc, { zone: 'past-harm', text: 'After the restart', ...noteAuthor(conference.professional) })
    await waitFor(() => readMap(conference.serverDoc()).notes.some((n) => n.text === 'After the restart'))
    // The restart's close; an attempt to reconnect while the server was down ends in 1006 (not from the server).
    expect(pro.closes.map((c) => c.code).filter((code) => code !== 1006)).toEqual([CloseCode.ServerShutdown])

    // Everyone leaves; the room unloads; the police officer then tries the professional's id.
    for (const client of [pro, ...conference.observers]) client.provider.disconnect()
    await waitFor(() => !conference.server.app.rooms.isLoaded(conference.map.id), 5000, {
      message: 'not unloaded',
    })
    const spoofer = await conference.hostile(conference.police, { clientId: doc.clientID })
    await spoofer.edit((d) =>
      addNote(d, { zone: 'past-harm', text: 'Borrowed', ...noteAuthor(conference.police) }),
    )
    expect(await spoofer.closeCode()).toBe(CloseCode.ClientIdTaken)
    expect(readMap(conference.serverDoc()).notes.map((n) => n.text)).not.toContain('Borrowed')
    expect(readMap(conference.serverDoc()).notes.map((n) => n.id)).toContain(NOTES.pro)
  })

  it('an echo of content the server already has (a SyncStep2 that crossed a broadcast) is no spoof', async () => {
    conference = await startConference()
    const [chair] = conference.observers as [TestClient]
    const family = await conference.hostile(conference.family)
    // Everything the family has, the chair's structs included, sent back as an answer to a stale SyncStep1.
    await family.send(Y.encodeStateAsUpdate(family.doc), 'sync-step-2')
    await family.edit((doc) =>
      addNote(doc, {
        zone: 'existing-strengths',
        text: 'Mum walks them to school',
        ...noteAuthor(conference.family),
      }),
    )
    await waitFor(() => readMap(chair.doc).notes.some((n) => n.text === 'Mum walks them to school'))
    expect(family.open).toBe(true)
    expect(family.refusals).toEqual([])
  })
})
