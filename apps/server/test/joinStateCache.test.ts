// A fresh joiner's SyncStep2 (the whole map) is encoded once per version of the document and shared.
import { afterEach, expect, it } from 'vitest'
import { addNote, readMap } from '@mapboard/map-model'
import { connectRawSocket, noteAuthor, startServer, tokenFromLink, waitFor } from '@mapboard/test-kit'
import type { RawSocket, TestServer } from '@mapboard/test-kit'
import * as Y from 'yjs'
import { makeUpdate, syncStep1Frame, syncStep2Payload, updateFrame } from './support/frames.ts'

let server: TestServer | undefined
const sockets: RawSocket[] = []

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.socket.close()
  await server?.close()
  server = undefined
})

/** Joins as a fresh client (empty state vector) and returns the SyncStep2 payload the server answers with. */
async function freshJoin(s: TestServer, mapId: string, token: string): Promise<Uint8Array> {
  const socket = connectRawSocket(s, mapId, token)
  sockets.push(socket)
  await socket.send(syncStep1Frame())
  return waitFor(() => socket.messages.map(syncStep2Payload).find((payload) => payload !== undefined), 5000, {
    message: 'no SyncStep2 from the server',
  })
}

const texts = (update: Uint8Array): string[] => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return readMap(doc).notes.map((note) => note.text)
}

it('gives fresh joiners the same full state until the document changes', async () => {
  server = await startServer()
  const map = await server.createMap('Shared answer')
  const chair = tokenFromLink(map.links.chair)
  const viewer = tokenFromLink(map.links.viewer)
  const writer = connectRawSocket(server, map.id, chair)
  sockets.push(writer)
  await writer.send(
    updateFrame(
      makeUpdate((doc) => addNote(doc, { zone: 'past-harm', text: 'first', ...noteAuthor(chair) })),
    ),
  )
  await waitFor(() => server?.app.rooms.getLoaded(map.id)?.doc.getMap('notes').size === 1)

  const first = await freshJoin(server, map.id, viewer)
  const second = await freshJoin(server, map.id, viewer)
  expect(second).toEqual(first)
  expect(texts(first)).toEqual(['first'])

  // An edit between two joins: the next fresh joiner gets it.
  await writer.send(
    updateFrame(
      makeUpdate((doc) => addNote(doc, { zone: 'past-harm', text: 'second', ...noteAuthor(chair) })),
    ),
  )
  await waitFor(() => server?.app.rooms.getLoaded(map.id)?.doc.getMap('notes').size === 2)
  const third = await freshJoin(server, map.id, viewer)
  expect(third).not.toEqual(first)
  expect(texts(third).sort()).toEqual(['first', 'second'])
})
