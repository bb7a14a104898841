// A fresh joiner is answered at once from the stored document, encoded once and shared; batches stored since are
// folded in at the next fresh join, not encoded again per joiner.
import { afterEach, expect, it } from 'vitest'
import { addNote, readMap } from '@mapboard/map-model'
import { connectRawSocket, noteAuthor, tokenFromLink, waitFor } from '@mapboard/test-kit'
import type { RawSocket } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import * as Y from 'yjs'
import { makeUpdate, syncStep1Frame, syncStep2Payload, updateFrame, updatePayload } from './support/frames.ts'

let server: TestServer | undefined
const sockets: RawSocket[] = []

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.socket.close()
  await server?.close()
  server = undefined
})

/** Joins as a fresh client (empty state vector); the SyncStep2 it is answered with, and a doc of all it got. */
async function freshJoin(
  s: TestServer,
  mapId: string,
  token: string,
  notes: number,
): Promise<{ state: Uint8Array; doc: Y.Doc }> {
  const socket = connectRawSocket(s, mapId, token)
  sockets.push(socket)
  await socket.send(syncStep1Frame())
  const doc = new Y.Doc()
  const state = await waitFor(
    () => socket.messages.map(syncStep2Payload).find((payload) => payload !== undefined),
    5000,
    { message: 'no SyncStep2 from the server' },
  )
  await waitFor(
    () => {
      for (const update of socket.messages.map(updatePayload)) if (update) Y.applyUpdate(doc, update)
      Y.applyUpdate(doc, state)
      return doc.getMap('notes').size === notes
    },
    5000,
    { message: `the joiner did not get ${notes} notes` },
  )
  return { state, doc }
}

const texts = (doc: Y.Doc): string[] => readMap(doc).notes.map((note) => note.text)

it('answers fresh joiners with one shared encoding of the stored map, with what was stored since folded in', async () => {
  server = await startServer()
  const map = await server.createMap('Shared answer')
  const chair = tokenFromLink(map.links.chair)
  const viewer = tokenFromLink(map.links.viewer)
  const writer = connectRawSocket(server, map.id, chair)
  sockets.push(writer)
  const room = () => server?.app.rooms.getLoaded(map.id)
  const add = async (text: string) => {
    await writer.send(
      updateFrame(makeUpdate((doc) => addNote(doc, { zone: 'past-harm', text, ...noteAuthor(chair) }))),
    )
    await waitFor(() =>
      readMap(room()?.read((doc) => doc) ?? new Y.Doc()).notes.some((note) => note.text === text),
    )
    await room()?.settle()
  }
  await add('first')
  // The first joins are recorded in attendance a moment later, as a stored batch of their own; once both are,
  // the same participants joining again change nothing, so the answers below can be compared byte for byte.
  await freshJoin(server, map.id, viewer, 1)
  await waitFor(() => room()?.read((doc) => doc.getMap('attendance').size) === 2)
  await room()?.settle()

  const one = await freshJoin(server, map.id, viewer, 1)
  const two = await freshJoin(server, map.id, viewer, 1)
  expect(two.state).toEqual(one.state)
  expect(texts(one.doc)).toEqual(['first'])

  // Stored after the shared encoding: the next joiner's answer has it folded in, and is shared again.
  await add('second')
  const three = await freshJoin(server, map.id, viewer, 2)
  expect(texts(three.doc).sort()).toEqual(['first', 'second'])
  const four = await freshJoin(server, map.id, viewer, 2)
  expect(four.state).toEqual(three.state)
})
