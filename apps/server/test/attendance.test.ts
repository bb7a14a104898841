// The roster the server keeps in the document: who came, who is here now, who left and when.
import { afterEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readConference, writeAttendance } from '@mapboard/map-model'
import type { AttendanceEntry } from '@mapboard/map-model'
import type { JoinResponse } from '@mapboard/protocol'
import { connectClient, joinAs, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'

let server: TestServer | undefined
const clients: TestClient[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
  server = undefined
})

function connect(s: TestServer, who: JoinResponse): TestClient {
  const client = connectClient(s, who.map.id, who)
  clients.push(client)
  return client
}

const entryOf = (doc: Y.Doc, who: JoinResponse): AttendanceEntry | undefined =>
  readConference(doc).attendance.find((entry) => entry.participantId === who.participant.id)

function serverDoc(s: TestServer, mapId: string): Y.Doc {
  const doc = s.app.rooms.getLoaded(mapId)?.read((doc) => doc)
  if (doc === undefined) throw new Error('the room is not loaded')
  return doc
}

it('records who joined and who left, from their tokens; a reconnect keeps the first join time', async () => {
  const s = (server = await startServer())
  const map = await s.createMap('Review conference')
  const chair = await joinAs(s, map.links.chair, { name: 'Ann Chair', agency: 'Independent reviewing' })
  const mum = await joinAs(s, map.links.family, { name: 'Mum' })

  const chairClient = connect(s, chair)
  const mumClient = connect(s, mum)
  await Promise.all([chairClient.synced, mumClient.synced])
  await waitFor(() => readConference(chairClient.doc).attendance.length === 2, 5000, {
    message: 'the roster did not reach the chair',
  })
  const mumJoined = entryOf(serverDoc(s, map.id), mum)
  expect(mumJoined).toEqual({
    participantId: mum.participant.id,
    name: 'Mum',
    role: 'family',
    agency: '',
    joinedAt: expect.any(Number),
    present: true,
    leftAt: null,
  })
  expect(entryOf(chairClient.doc, chair)).toMatchObject({
    name: 'Ann Chair',
    role: 'chair',
    agency: 'Independent reviewing',
    present: true,
    leftAt: null,
  })

  // A second tab: closing one of two connections does not make Mum leave.
  const secondTab = connect(s, mum)
  await secondTab.synced
  secondTab.destroy()
  mumClient.destroy()
  await waitFor(() => entryOf(chairClient.doc, mum)?.present === false, 5000, {
    message: 'Mum’s leaving did not reach the chair',
  })
  const left = entryOf(chairClient.doc, mum)
  expect(left).toMatchObject({ present: false, joinedAt: mumJoined?.joinedAt })
  expect(left?.leftAt).toBeGreaterThanOrEqual(mumJoined?.joinedAt ?? Infinity)
  expect(entryOf(chairClient.doc, chair)?.present).toBe(true)

  const back = connect(s, mum)
  await back.synced
  await waitFor(() => entryOf(chairClient.doc, mum)?.present === true)
  expect(entryOf(chairClient.doc, mum)).toEqual({ ...mumJoined, present: true, leftAt: null })
  expect(entryOf(back.doc, mum)).toEqual(entryOf(chairClient.doc, mum))
})

it('stores the last leave before the room unloads', async () => {
  const s = (server = await startServer({ unloadGraceMs: 0 }))
  const map = await s.createMap('Review conference')
  const chair = await joinAs(s, map.links.chair, { name: 'Ann Chair', agency: 'Independent reviewing' })
  const dad = await joinAs(s, map.links.family, { name: 'Dad' })
  const a = connect(s, chair)
  const b = connect(s, dad)
  await Promise.all([a.synced, b.synced])
  await waitFor(() => readConference(a.doc).attendance.length === 2)
  a.destroy()
  b.destroy()
  await waitFor(() => !s.app.rooms.isLoaded(map.id), 5000, { message: 'the room stayed loaded' })

  const stored = await s.app.store.load(map.id)
  const doc = new Y.Doc()
  for (const update of stored.snapshot === null ? stored.updates : [stored.snapshot, ...stored.updates]) {
    Y.applyUpdate(doc, update)
  }
  const { attendance } = readConference(doc)
  expect(attendance.map(({ name, present }) => ({ name, present }))).toEqual(
    expect.arrayContaining([
      { name: 'Ann Chair', present: false },
      { name: 'Dad', present: false },
    ]),
  )
  expect(attendance.every((entry) => entry.leftAt !== null)).toBe(true)
})

it('marks as gone whoever a stopped server left present, when the room loads again', async () => {
  const s = (server = await startServer())
  const map = await s.createMap('Review conference')
  const chair = await joinAs(s, map.links.chair, { name: 'Ann Chair', agency: 'Independent reviewing' })
  // What a server that died with someone connected leaves behind.
  const ghost = new Y.Doc()
  const before = Y.encodeStateVector(ghost)
  writeAttendance(ghost, {
    participantId: 'p-gone-in-the-crash',
    name: 'Ms Reid',
    role: 'professional',
    agency: 'School',
    joinedAt: 1_700_000_000_000,
    present: true,
    leftAt: null,
  })
  await s.app.store.appendUpdate(map.id, Y.encodeStateAsUpdate(ghost, before))

  const client = connect(s, chair)
  await client.synced
  await waitFor(() => readConference(client.doc).attendance.length === 2)
  const gone = readConference(client.doc).attendance.find((entry) => entry.name === 'Ms Reid')
  expect(gone).toMatchObject({ present: false, joinedAt: 1_700_000_000_000, leftAt: expect.any(Number) })
  expect(entryOf(client.doc, chair)?.present).toBe(true)
})
