// A conference for the permission tests: a real server, everyone joined with a participant token, a few notes
// (one in a locked section), real y-websocket clients watching, and helpers that check nothing leaked. Each of the
// map's two documents can be attacked (`room(audience)`): hostile tests run against both rooms.
import { expect } from 'vitest'
import * as Y from 'yjs'
import { randomBytes } from 'node:crypto'
import { AUDIENCES, addNote, readMap, setLock } from '@mapboard/map-model'
import type { MapSnapshot } from '@mapboard/map-model'
import { roomNameOf } from '@mapboard/protocol'
import type { CreateMapResponse, DocumentAudience, JoinResponse } from '@mapboard/protocol'
import { connectClient, joinAs, noteAuthor, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { StartServerOptions, TestServer } from '@mapboard/server/testing'
import type { AttackScene } from '../support/attacks.ts'
import { bytesContain } from '../support/download.ts'
import { HostileClient } from '../support/hostileClient.ts'
import type { HostileClientOptions } from '../support/hostileClient.ts'

/** One of the map's two rooms, as a hostile test sees it. */
export interface ConferenceRoom {
  audience: DocumentAudience
  /** Its room name: the map's id, or `<id>/professionals`. */
  name: string
  /** Real y-websocket clients of the chair and the police officer in this room, watching throughout. */
  observers: [TestClient, TestClient]
  /**
   * The social worker's two notes in this room: one in Past harm, one in Future danger, which the chair has locked
   * here too (NOTES in the shared room, PROFESSIONALS_NOTES in the professionals').
   */
  notes: { pro: string; locked: string }
  /**
   * Who attacks this room in the tests: the family in the shared room; in the professionals', which no family
   * device opens, the social worker.
   */
  attacker: JoinResponse
  /** The room's document: what the server holds. */
  serverDoc(): Y.Doc
  connect(who: JoinResponse, doc?: Y.Doc): TestClient
  hostile(who: JoinResponse, options?: HostileClientOptions): Promise<HostileClient>
}

export interface Conference {
  server: TestServer
  map: CreateMapResponse
  chair: JoinResponse
  /** The social worker: author of 'pro-note' and 'locked-note'. */
  professional: JoinResponse
  /** A second professional, from another agency. */
  police: JoinResponse
  /** Author of 'family-note'. */
  family: JoinResponse
  viewer: JoinResponse
  /** Real y-websocket clients of the chair and the police officer, watching throughout. */
  observers: TestClient[]
  /** The room's document: what the server holds. */
  serverDoc(): Y.Doc
  connect(who: JoinResponse, doc?: Y.Doc): TestClient
  hostile(who: JoinResponse, options?: HostileClientOptions): Promise<HostileClient>
  /** One of the map's rooms; the professionals' is opened (by the chair and the police officer) on first use. */
  room(audience: DocumentAudience): Promise<ConferenceRoom>
  close(): Promise<void>
}

/** Ids of the notes every conference starts with. */
export const NOTES = {
  /** The professional's, in Past harm (unlocked). */
  pro: 'pro-note-0000001',
  /** The family's, in Existing strengths (unlocked). */
  family: 'family-note-00001',
  /** The professional's, in Future danger, which the chair has locked. */
  locked: 'locked-note-00001',
} as const

/** The same two notes of the professional's in the professionals' document (whose note ids start with `p-`). */
export const PROFESSIONALS_NOTES = {
  pro: 'p-pro-note-000001',
  locked: 'p-locked-note-0001',
} as const

export async function startConference(options: StartServerOptions = {}): Promise<Conference> {
  const server = await startServer(options)
  const clients: TestClient[] = []
  const hostiles: HostileClient[] = []
  const map = await server.createMap('Initial child protection conference')
  const chair = await joinAs(server, map.links.chair, { name: 'Ann Chair', agency: 'Independent reviewing' })
  const professional = await joinAs(server, map.links.professional, {
    name: 'Sam Okafor',
    agency: 'Social care',
  })
  const police = await joinAs(server, map.links.professional, { name: 'PC Jones', agency: 'Police' })
  const family = await joinAs(server, map.links.family, { name: 'Mum' })
  const viewer = await joinAs(server, map.links.viewer, { name: 'Student' })

  const connect = (who: JoinResponse, doc?: Y.Doc): TestClient => connectTo(map.id, who, doc)
  const serverDocOf = (name: string): Y.Doc => {
    const room = server.app.rooms.getLoaded(name)
    if (room === undefined) throw new Error(`the room ${name} is not loaded`)
    return room.read((doc) => doc)
  }
  const serverDoc = (): Y.Doc => serverDocOf(map.id)
  const connectTo = (name: string, who: JoinResponse, doc?: Y.Doc): TestClient => {
    const client = connectClient(server, name, who, doc === undefined ? {} : { doc })
    clients.push(client)
    return client
  }
  const hostileIn = async (
    name: string,
    who: JoinResponse,
    hostileOptions?: HostileClientOptions,
  ): Promise<HostileClient> => {
    const client = await HostileClient.connect(server, name, who.token, hostileOptions)
    hostiles.push(client)
    return client
  }
  /** The shared room's scene in the professionals' room: the social worker's two notes, one section locked. */
  const setTheScene = async (name: string, [chairClient, policeClient]: TestClient[]): Promise<void> => {
    const author = connectTo(name, professional)
    await author.synced
    for (const [id, zone, text] of [
      [PROFESSIONALS_NOTES.pro, 'past-harm', 'Police hold information on the father'],
      [PROFESSIONALS_NOTES.locked, 'future-danger', 'Worried the father will return to the home'],
    ] as const) {
      addNote(author.doc, { zone, text, id, audience: 'professionals', ...noteAuthor(professional) })
    }
    await waitFor(() => readMap(chairClient?.doc ?? author.doc).notes.length === 2)
    if (chairClient !== undefined) setLock(chairClient.doc, 'future-danger', true)
    await waitFor(
      () => readMap(serverDocOf(name)).locks.length === 1 && synced(policeClient?.doc, serverDocOf(name)),
    )
    author.destroy()
  }
  const rooms = new Map<DocumentAudience, Promise<ConferenceRoom>>()
  const openRoom = async (audience: DocumentAudience): Promise<ConferenceRoom> => {
    const name = roomNameOf(map.id, audience)
    const watching =
      audience === 'shared'
        ? (observers as [TestClient, TestClient])
        : ([connectTo(name, chair), connectTo(name, police)] as [TestClient, TestClient])
    await Promise.all(watching.map((client) => client.synced))
    if (audience === 'professionals') await setTheScene(name, watching)
    return {
      audience,
      name,
      observers: watching,
      notes: audience === 'shared' ? NOTES : PROFESSIONALS_NOTES,
      attacker: audience === 'shared' ? family : professional,
      serverDoc: () => serverDocOf(name),
      connect: (who, doc) => connectTo(name, who, doc),
      hostile: (who, hostileOptions) => hostileIn(name, who, hostileOptions),
    }
  }

  // The scene, written by its authors through real clients, so every note is accepted as theirs.
  const observers = [connect(chair), connect(police)]
  const authors = [connect(professional), connect(family)]
  await Promise.all([...observers, ...authors].map((client) => client.synced))
  const [pro, fam] = authors as [TestClient, TestClient]
  const [chairClient] = observers as [TestClient]
  await writeTheScene({ chair: chairClient, professional: pro, family: fam }, { professional, family })
  await waitFor(() => readMap(serverDoc()).locks.length === 1 && synced(observers[1]?.doc, serverDoc()))
  for (const author of authors) author.destroy()

  return {
    server,
    map,
    chair,
    professional,
    police,
    family,
    viewer,
    observers,
    serverDoc,
    connect,
    hostile: (who, hostileOptions) => hostileIn(map.id, who, hostileOptions),
    room(audience) {
      let room = rooms.get(audience)
      if (room === undefined) {
        room = openRoom(audience)
        rooms.set(audience, room)
      }
      return room
    },
    async close() {
      for (const client of clients) client.destroy()
      for (const client of hostiles) client.close()
      await server.close()
    },
  }
}

/**
 * The shared room's scene, written by its authors' real clients so every note is accepted as theirs: the social
 * worker's two notes (NOTES.pro in Past harm, NOTES.locked in Future danger) and the family's (NOTES.family); once
 * they have reached the chair's client, the chair locks Future danger. Resolves when the lock is set there.
 */
export async function writeTheScene(
  clients: { chair: TestClient; professional: TestClient; family: TestClient },
  people: { professional: JoinResponse; family: JoinResponse },
): Promise<void> {
  const { professional, family } = people
  addNote(clients.professional.doc, {
    zone: 'past-harm',
    text: 'Bruise seen at nursery',
    id: NOTES.pro,
    ...noteAuthor(professional),
  })
  addNote(clients.professional.doc, {
    zone: 'future-danger',
    text: 'Worried Ella will be hurt again',
    id: NOTES.locked,
    ...noteAuthor(professional),
  })
  addNote(clients.family.doc, {
    zone: 'existing-strengths',
    text: 'Gran visits every Friday',
    id: NOTES.family,
    ...noteAuthor(family),
  })
  await waitFor(() => readMap(clients.chair.doc).notes.length === 3)
  setLock(clients.chair.doc, 'future-danger', true)
}

/** A room of the conference as the attacks of support/attacks.ts take it; the chair's client is the victim. */
export function attackScene(conference: Conference, room: ConferenceRoom): AttackScene {
  const [chair] = room.observers
  const { chair: chairJoin, professional, police, family } = conference
  return {
    audience: room.audience,
    notes: room.notes,
    chair: chairJoin,
    professional,
    police,
    family,
    victim: {
      clientId: chair.doc.clientID,
      nextClock: Y.getState(room.serverDoc().store, chair.doc.clientID),
    },
  }
}

/**
 * Whether `doc` has exactly what `server` has: the same structs (state vector) and the same deletions. A revert
 * that only deletes moves no state vector, so comparing state vectors alone can pass before it has arrived.
 */
export function synced(doc: Y.Doc | undefined, server: Y.Doc): boolean {
  if (doc === undefined) return false
  return Y.equalSnapshots(Y.snapshot(doc), Y.snapshot(server))
}

/**
 * Everything the server has sent has reached `docs` (their state vectors match the server's), and all of them,
 * the server included, read as `expected`. The shared room's unless `room` is given.
 */
export async function expectEveryoneReads(
  conference: Conference,
  docs: readonly Y.Doc[],
  expected: MapSnapshot,
  room?: ConferenceRoom,
): Promise<void> {
  const server = room?.serverDoc() ?? conference.serverDoc()
  await conference.server.app.rooms.getLoaded(room?.name ?? conference.map.id)?.settle()
  expect(readMap(server)).toEqual(expected)
  for (const [i, doc] of docs.entries()) {
    await waitFor(() => synced(doc, server), 5000, {
      message: `client ${i} did not catch up with the server`,
    })
    expect(readMap(doc), `client ${i}`).toEqual(expected)
  }
}

/** A newcomer can still join, sync, and read what the server holds (in `room`, the shared one by default). */
export async function expectStillServing(conference: Conference, room?: ConferenceRoom): Promise<void> {
  const newcomer =
    room === undefined || room.audience === 'shared'
      ? conference.connect(conference.viewer)
      : room.connect(conference.police)
  const server = room?.serverDoc() ?? conference.serverDoc()
  await newcomer.synced
  await waitFor(() => synced(newcomer.doc, server))
  expect(readMap(newcomer.doc)).toEqual(readMap(server))
  expect((await fetch(`${conference.server.url}/healthz`)).status).toBe(200)
}

/** The family's and the observer's devices on the shared room: raw sockets that record every frame they get. */
export async function familyDevices(conference: Conference): Promise<HostileClient[]> {
  return Promise.all(
    [conference.family, conference.viewer].map((who) => conference.hostile(who, { answer: true })),
  )
}

/**
 * After an attack on one room: both rooms carry on — their observers were never closed and an edit still travels
 * from one to the other in each — the family's devices are still connected, and none of `markers` reached them
 * or the clients of the room that was not attacked.
 */
export async function expectBothRoomsCarryOn(
  conference: Conference,
  attacked: ConferenceRoom,
  devices: readonly HostileClient[],
  markers: readonly string[] = [],
): Promise<void> {
  for (const audience of AUDIENCES) {
    const room = await conference.room(audience)
    const [chair, police] = room.observers
    expect([...chair.closes, ...police.closes], audience).toEqual([])
    const text = `Carrying on ${randomBytes(4).toString('hex')}`
    addNote(chair.doc, { zone: 'next-steps', text, audience, ...noteAuthor(conference.chair) })
    await waitFor(() => readMap(police.doc).notes.some((note) => note.text === text), 5000, {
      message: `an edit no longer travels in the ${audience} room`,
    })
  }
  const other = await conference.room(attacked.audience === 'shared' ? 'professionals' : 'shared')
  for (const device of devices) {
    expect(device.open).toBe(true)
    await device.sync()
  }
  for (const marker of markers) {
    for (const device of devices) {
      expect(
        device.raw.messages.some((frame) => bytesContain(frame, marker)),
        marker,
      ).toBe(false)
    }
    for (const doc of [other.serverDoc(), ...other.observers.map((client) => client.doc)]) {
      expect(bytesContain(Y.encodeStateAsUpdate(doc), marker), marker).toBe(false)
    }
  }
}
