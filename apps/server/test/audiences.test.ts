// A map's professionals' document (architecture.md, "Audiences") over real sockets: only chair and professional
// tokens open it, and nothing written there reaches a family or viewer device by any route.
import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { AUDIENCES, addNote, readMap, setLock, setStep, updateNote } from '@mapboard/map-model'
import { roomNameOf } from '@mapboard/protocol'
import type { JoinResponse } from '@mapboard/protocol'
import {
  connectClient,
  connectRawSocket,
  joinAs,
  noteAuthor,
  tokenFromLink,
  waitFor,
} from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { expectBothRoomsCarryOn, familyDevices, startConference } from './permissions/conference.ts'
import type { Conference } from './permissions/conference.ts'
import { api } from './support/api.ts'
import { bytesContain as contains } from './support/download.ts'
import { HostileClient } from './support/hostileClient.ts'

let conference: Conference | undefined
const extra: TestClient[] = []

afterEach(async () => {
  for (const client of extra.splice(0)) client.destroy()
  await conference?.close()
  conference = undefined
})

const professionalsRoom = (c: Conference): string => roomNameOf(c.map.id, 'professionals')

function openProfessionals(c: Conference, who: JoinResponse, doc?: Y.Doc): TestClient {
  const client = connectClient(c.server, professionalsRoom(c), who, doc === undefined ? {} : { doc })
  extra.push(client)
  return client
}

describe("who opens the professionals' document", () => {
  it('chair and professional tokens open it; family and viewer tokens get 403 AUDIENCE_FORBIDDEN first', async () => {
    const c = (conference = await startConference())
    for (const who of [c.chair, c.professional]) {
      const raw = connectRawSocket(c.server, professionalsRoom(c), who.token)
      expect(await raw.upgrade).toEqual({ status: 101 })
      raw.socket.close()
    }
    const refused = [
      c.family.token,
      c.viewer.token,
      tokenFromLink(c.map.links.family),
      tokenFromLink(c.map.links.viewer),
    ]
    for (const token of refused) {
      const raw = connectRawSocket(c.server, professionalsRoom(c), token)
      const answer = await raw.upgrade
      expect(answer.status).toBe(403)
      expect(JSON.parse((answer as { body: string }).body)).toMatchObject({ code: 'AUDIENCE_FORBIDDEN' })
      expect(raw.messages).toEqual([])
    }
    // Without a valid token, nothing tells whether the map exists or who could open it.
    const forged = await connectRawSocket(c.server, professionalsRoom(c), 'not-a-token').upgrade
    expect(forged.status).toBe(401)
  })

  it('a crafted upgrade by a family token never opens it', async () => {
    const c = (conference = await startConference())
    const crafted = [
      `${c.map.id}%2Fprofessionals`,
      `${c.map.id}/Professionals`,
      `${c.map.id}/professionals/`,
      `${c.map.id}/professionals/extra`,
      `${c.map.id}//professionals`,
      `${c.map.id}/professionals%00`,
      `${c.map.id}/./professionals`,
    ]
    for (const path of crafted) {
      const raw = connectRawSocket(c.server, path, c.family.token)
      const answer = await raw.upgrade
      expect(answer.status, path).not.toBe(101)
      expect(raw.messages, path).toEqual([])
    }
    // The token given twice, one of them a professional's, is refused too.
    const both = `token=${encodeURIComponent(c.professional.token)}&token=${encodeURIComponent(c.family.token)}`
    const twice = connectRawSocket(c.server, `${professionalsRoom(c)}?${both}`, undefined)
    expect((await twice.upgrade).status).toBe(400)
    // The room never loaded for any of them.
    expect(c.server.app.rooms.isLoaded(professionalsRoom(c))).toBe(false)
  })

  it("revoking a professional's link closes their socket on the professionals' document too", async () => {
    const c = (conference = await startConference())
    const mine = openProfessionals(c, c.police)
    await mine.synced
    const links = await api(c.server.url, 'GET', `/api/maps/${c.map.id}/links`, c.chair.token)
    const professionalLink = (links.body as Array<{ id: string; role: string }>).find(
      (link) => link.role === 'professional',
    )
    expect(professionalLink).toBeDefined()
    const revoked = await api(
      c.server.url,
      'DELETE',
      `/api/maps/${c.map.id}/links/${professionalLink?.id ?? ''}`,
      c.chair.token,
    )
    expect(revoked.status).toBe(204)
    await waitFor(() => mine.closes.some((close) => close.code === 4403))
  })
})

describe.each(AUDIENCES)('a token of another map, on the %s room', (audience) => {
  it('is refused before the upgrade (401 TOKEN_WRONG_MAP), both ways; the room never loads and its clients carry on', async () => {
    const c = (conference = await startConference())
    const other = await c.server.createMap('Another family')
    const otherChair = await joinAs(c.server, other.links.chair, { name: 'Bo Chair', agency: 'Reviewing' })
    const otherPro = await joinAs(c.server, other.links.professional, { name: 'Di Lee', agency: 'Health' })
    const room = await c.room(audience)
    const devices = await familyDevices(c)
    // Map B's professional (participant token and bare link) on map A's room; map A's chair on map B's room.
    const attempts: Array<[string, string]> = [
      [room.name, otherPro.token],
      [room.name, tokenFromLink(other.links.professional)],
      [room.name, otherChair.token],
      [roomNameOf(other.id, audience), c.chair.token],
      [roomNameOf(other.id, audience), tokenFromLink(c.map.links.chair)],
      [roomNameOf(other.id, audience), c.professional.token],
    ]
    for (const [name, token] of attempts) {
      const raw = connectRawSocket(c.server, name, token)
      const answer = await raw.upgrade
      expect(answer.status, name).toBe(401)
      expect(JSON.parse((answer as { body: string }).body)).toMatchObject({ code: 'TOKEN_WRONG_MAP' })
      expect(raw.messages).toEqual([])
    }
    expect(c.server.app.rooms.isLoaded(roomNameOf(other.id, audience))).toBe(false)
    await expectBothRoomsCarryOn(c, room, devices)
  })
})

describe("nothing of the professionals' document reaches a family or viewer device", () => {
  it('by websocket frames, awareness, HTTP answers or exports; the shared history holds none of it', async () => {
    const c = (conference = await startConference())
    const markers = Array.from({ length: 4 }, () => `RESTRICTED-${randomBytes(6).toString('hex')}`)

    // The family and a viewer: raw sockets that record every byte the server sends them.
    const family = await HostileClient.connect(c.server, c.map.id, c.family.token, { answer: true })
    const viewer = await HostileClient.connect(c.server, c.map.id, c.viewer.token, { answer: true })
    const familyTab = connectClient(c.server, c.map.id, c.family)
    extra.push(familyTab)
    await familyTab.synced

    // Professionals write restricted notes, edit them, move one, lock a section, and publish awareness there.
    const chair = openProfessionals(c, c.chair)
    const pro = openProfessionals(c, c.professional)
    await Promise.all([chair.synced, pro.synced])
    const [first, second, third, fourth] = markers as [string, string, string, string]
    const id = addNote(pro.doc, {
      zone: 'past-harm',
      text: `Police information: ${first}`,
      source: second,
      audience: 'professionals',
      ...noteAuthor(c.professional),
    })
    addNote(chair.doc, {
      zone: 'future-danger',
      text: `Closed session: ${third}`,
      audience: 'professionals',
      ...noteAuthor(c.chair),
    })
    updateNote(pro.doc, id, { text: `Police information, updated: ${first}` })
    setLock(chair.doc, 'next-steps', true)
    pro.provider.awareness.setLocalStateField('note', fourth)
    await waitFor(() => readMap(chair.doc).notes.length === 2 && readMap(pro.doc).notes.length === 2)
    await waitFor(() => chair.provider.awareness.getStates().get(pro.doc.clientID)?.['note'] === fourth)
    // The shared map goes on meanwhile, so the family's sockets are live and receiving.
    const shared = c.connect(c.professional)
    await shared.synced
    addNote(shared.doc, { zone: 'past-harm', text: 'Shared worry', ...noteAuthor(c.professional) })
    await waitFor(() => readMap(familyTab.doc).notes.some((note) => note.text === 'Shared worry'))
    await family.sync()
    await viewer.sync()

    // Every HTTP answer the family and the viewer can get.
    const answers: Uint8Array[] = []
    for (const who of [c.family, c.viewer]) {
      for (const path of [
        `/api/maps/${c.map.id}/export.pdf`,
        `/api/maps/${c.map.id}/export.png`,
        `/api/maps/${c.map.id}/exports`,
        `/api/maps/${c.map.id}/links`,
        `/api/maps/${c.map.id}/restorations`,
        `/api/maps/${c.map.id}/scaling/none/submission`,
        `/m/${c.map.id}`,
        `/m/${c.map.id}/professionals`,
        `/api/maps/${c.map.id}/professionals/export.pdf`,
      ]) {
        const response = await fetch(`${c.server.url}${path}`, {
          headers: { authorization: `Bearer ${who.token}` },
        })
        answers.push(new Uint8Array(await response.arrayBuffer()))
      }
    }

    const received = [
      ...family.raw.messages,
      ...viewer.raw.messages,
      ...answers,
      Y.encodeStateAsUpdate(familyTab.doc),
    ]
    expect(received.length).toBeGreaterThan(10)
    for (const marker of markers) {
      expect(
        received.some((bytes) => contains(bytes, marker)),
        marker,
      ).toBe(false)
      expect(JSON.stringify([...familyTab.provider.awareness.getStates().values()])).not.toContain(marker)
    }

    // The shared document's whole stored history (snapshot and every update) has none of it; the
    // professionals' document, stored under its own name, has it all (so this test can see a leak).
    const store = c.server.app.store
    const sharedStored = await store.load(c.map.id)
    const restrictedStored = await store.load(professionalsRoom(c))
    const sharedBytes = [sharedStored.snapshot ?? new Uint8Array(), ...sharedStored.updates]
    const restrictedBytes = [restrictedStored.snapshot ?? new Uint8Array(), ...restrictedStored.updates]
    for (const marker of markers.slice(0, 3)) {
      expect(
        sharedBytes.some((bytes) => contains(bytes, marker)),
        marker,
      ).toBe(false)
      expect(
        restrictedBytes.some((bytes) => contains(bytes, marker)),
        marker,
      ).toBe(true)
    }
    expect(readMap(familyTab.doc).notes.map((note) => note.text)).not.toContain(
      `Police information, updated: ${first}`,
    )
  })
})

describe("the professionals' document is kept and judged like the shared one", () => {
  it('survives a restart, and is loaded from the store under its own name', async () => {
    const c = (conference = await startConference())
    const pro = openProfessionals(c, c.professional)
    await pro.synced
    addNote(pro.doc, {
      zone: 'past-harm',
      text: 'Kept',
      audience: 'professionals',
      ...noteAuthor(c.professional),
    })
    await waitFor(async () => (await c.server.app.store.load(professionalsRoom(c))).lastSeq > 0)
    for (const client of extra.splice(0)) client.destroy()
    await c.server.restart()
    const again = openProfessionals(c, c.chair)
    await again.synced
    expect(readMap(again.doc).notes.map((note) => note.text)).toEqual(['Kept'])
    // The shared map is untouched by it; and the professionals' document is not a map of its own.
    const shared = c.connect(c.chair)
    await shared.synced
    expect(readMap(shared.doc).notes.map((note) => note.text)).not.toContain('Kept')
    expect(await c.server.app.store.getMap(professionalsRoom(c))).toBeUndefined()
  })

  it('refuses a shared note moved into it, meeting details written there, and edits in a locked section', async () => {
    const c = (conference = await startConference())
    const chair = openProfessionals(c, c.chair)
    const pro = openProfessionals(c, c.professional)
    await Promise.all([chair.synced, pro.synced])

    // "Moving" the professional's own shared note: the same id written into the professionals' document.
    const shared = c.serverDoc()
    const note = readMap(shared).notes.find(
      (candidate) => candidate.authorId === c.professional.participant.id,
    )
    expect(note).toBeDefined()
    addNote(pro.doc, {
      zone: 'past-harm',
      text: note?.text ?? '',
      id: note?.id ?? '',
      ...noteAuthor(c.professional),
    })
    await waitFor(() => pro.refusals.length === 1)
    expect(pro.refusals[0]).toMatchObject({ rule: 'AUD-3' })
    await waitFor(() => readMap(pro.doc).notes.length === 0)

    setStep(chair.doc, 'analysis')
    await waitFor(() => chair.refusals.length === 1)
    expect(chair.refusals[0]).toMatchObject({ rule: 'AUD-2' })

    setLock(chair.doc, 'future-danger', true)
    await waitFor(() => readMap(pro.doc).locks.includes('future-danger'))
    addNote(pro.doc, {
      zone: 'future-danger',
      text: 'Late',
      audience: 'professionals',
      ...noteAuthor(c.professional),
    })
    await waitFor(() => pro.refusals.length === 2)
    expect(pro.refusals[1]).toMatchObject({ rule: 'LOCK-1' })
    expect(readMap(chair.doc).notes).toEqual([])
  })
})
