// A conference for the permission tests: a real server, everyone joined with a participant token, a few notes
// (one in a locked section), real y-websocket clients watching, and helpers that check nothing leaked.
import { expect } from 'vitest'
import * as Y from 'yjs'
import { addNote, readMap, setLock } from '@mapboard/map-model'
import type { MapSnapshot } from '@mapboard/map-model'
import type { CreateMapResponse, JoinResponse } from '@mapboard/protocol'
import { connectClient, joinAs, noteAuthor, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { StartServerOptions, TestServer } from '@mapboard/server/testing'
import { HostileClient } from '../support/hostileClient.ts'
import type { HostileClientOptions } from '../support/hostileClient.ts'

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

  const connect = (who: JoinResponse, doc?: Y.Doc): TestClient => {
    const client = connectClient(server, map.id, who, doc === undefined ? {} : { doc })
    clients.push(client)
    return client
  }
  const serverDoc = (): Y.Doc => {
    const room = server.app.rooms.getLoaded(map.id)
    if (room === undefined) throw new Error('the room is not loaded')
    return room.read((doc) => doc)
  }

  // The scene, written by its authors through real clients, so every note is accepted as theirs.
  const observers = [connect(chair), connect(police)]
  const authors = [connect(professional), connect(family)]
  await Promise.all([...observers, ...authors].map((client) => client.synced))
  const [pro, fam] = authors as [TestClient, TestClient]
  const [chairClient] = observers as [TestClient]
  addNote(pro.doc, {
    zone: 'past-harm',
    text: 'Bruise seen at nursery',
    id: NOTES.pro,
    ...noteAuthor(professional),
  })
  addNote(pro.doc, {
    zone: 'future-danger',
    text: 'Worried Ella will be hurt again',
    id: NOTES.locked,
    ...noteAuthor(professional),
  })
  addNote(fam.doc, {
    zone: 'existing-strengths',
    text: 'Gran visits every Friday',
    id: NOTES.family,
    ...noteAuthor(family),
  })
  await waitFor(() => readMap(chairClient.doc).notes.length === 3)
  setLock(chairClient.doc, 'future-danger', true)
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
    async hostile(who, hostileOptions) {
      const client = await HostileClient.connect(server, map.id, who.token, hostileOptions)
      hostiles.push(client)
      return client
    },
    async close() {
      for (const client of clients) client.destroy()
      for (const client of hostiles) client.close()
      await server.close()
    },
  }
}

/** Whether `doc` has exactly what `server` has (same state vector: every struct, the reverts included). */
export function synced(doc: Y.Doc | undefined, server: Y.Doc): boolean {
  if (doc === undefined) return false
  const mine = Y.decodeStateVector(Y.encodeStateVector(doc))
  const theirs = Y.decodeStateVector(Y.encodeStateVector(server))
  return mine.size === theirs.size && [...theirs].every(([client, clock]) => mine.get(client) === clock)
}

/**
 * Everything the server has sent has reached `docs` (their state vectors match the server's), and all of them,
 * the server included, read as `expected`.
 */
export async function expectEveryoneReads(
  conference: Conference,
  docs: readonly Y.Doc[],
  expected: MapSnapshot,
): Promise<void> {
  const server = conference.serverDoc()
  const room = conference.server.app.rooms.getLoaded(conference.map.id)
  await room?.settle()
  expect(readMap(server)).toEqual(expected)
  for (const [i, doc] of docs.entries()) {
    await waitFor(() => synced(doc, server), 5000, {
      message: `client ${i} did not catch up with the server`,
    })
    expect(readMap(doc), `client ${i}`).toEqual(expected)
  }
}

/** A newcomer can still join, sync, and read what the server holds. */
export async function expectStillServing(conference: Conference): Promise<void> {
  const newcomer = conference.connect(conference.viewer)
  await newcomer.synced
  await waitFor(() => synced(newcomer.doc, conference.serverDoc()))
  expect(readMap(newcomer.doc)).toEqual(readMap(conference.serverDoc()))
  expect((await fetch(`${conference.server.url}/healthz`)).status).toBe(200)
}
