// A y-websocket client that reconnects with offline edits sends them in its SyncStep2, which answers the server's
// SyncStep1 — a round trip after the socket opens. An edit made in between reaches the server first, and builds on
// offline content the server does not have yet. The server drops the pending part and asks again; the client's
// SyncStep2 brings everything. Nobody is closed, and everyone ends with the client's edits.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addNote, deleteNote, readMap, updateNote } from '@mapboard/map-model'
import { CloseCode, MessageType } from '@mapboard/protocol'
import type { CreateMapResponse, JoinResponse } from '@mapboard/protocol'
import { connectClient, joinAs, noteAuthor, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'

let server: TestServer
let map: CreateMapResponse
const clients: TestClient[] = []

beforeEach(async () => {
  server = await startServer()
  map = await server.createMap('Review conference')
})

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server.close()
})

function connect(who: JoinResponse): TestClient {
  const client = connectClient(server, map.id, who)
  clients.push(client)
  return client
}

/** Counts the SyncStep1 frames the server sends the client (its join, and every time it asks again). */
function countAsks(client: TestClient): { readonly count: number } {
  const counter = { count: 0 }
  const handle = client.provider.messageHandlers[MessageType.Sync]
  if (handle === undefined) throw new Error('the provider has no sync handler')
  client.provider.messageHandlers[MessageType.Sync] = (encoder, decoder, provider, emitSynced, type) => {
    // The sync step is the varuint after the message type; 0 is SyncStep1.
    if (decoder.arr[decoder.pos] === 0) counter.count++
    handle(encoder, decoder, provider, emitSynced, type)
  }
  return counter
}

/** Whether both docs hold exactly the same structs. */
function sameState(a: Y.Doc, b: Y.Doc): boolean {
  const left = Y.decodeStateVector(Y.encodeStateVector(a))
  const right = Y.decodeStateVector(Y.encodeStateVector(b))
  return left.size === right.size && [...left].every(([client, clock]) => right.get(client) === clock)
}

const textOf = (doc: Y.Doc, id: string): string | undefined =>
  readMap(doc).notes.find((note) => note.id === id)?.text

describe('a client that edits right after reconnecting, before its SyncStep2 has arrived', () => {
  it('is asked again instead of closed, every time, and the server and others converge on its edits', async () => {
    const mum = await joinAs(server, map.links.family, { name: 'Mum' })
    const chair = await joinAs(server, map.links.chair, { name: 'Ann Chair', agency: 'Reviewing' })
    const a = connect(mum)
    const b = connect(chair)
    await Promise.all([a.synced, b.synced])
    const asks = countAsks(a)
    const room = server.app.rooms.getLoaded(map.id)
    if (room === undefined) throw new Error('the room is not loaded')

    // Three rounds: before, the third resync of a participant closed it for good (4429).
    for (let round = 1; round <= 3; round++) {
      const asksBefore = asks.count
      a.provider.disconnect()
      expect(a.provider.wsconnected).toBe(false)
      // Offline: a new note, edited, and another deleted — nothing of it reaches the server.
      const id = addNote(a.doc, { zone: 'existing-strengths', text: `Offline ${round}`, ...noteAuthor(mum) })
      updateNote(a.doc, id, { text: `Offline ${round}, edited` })
      const gone = addNote(a.doc, { zone: 'existing-strengths', text: `Gone ${round}`, ...noteAuthor(mum) })
      deleteNote(a.doc, gone)
      const later = addNote(a.doc, { zone: 'existing-strengths', text: `Later ${round}`, ...noteAuthor(mum) })

      // Back online: two edits as the socket opens, so their Updates go out before the SyncStep2. Both build on
      // offline content: one writes to an offline note (pending structs), one deletes one (pending deletes).
      const onStatus = ({ status }: { status: string }) => {
        if (status !== 'connected') return
        a.provider.off('status', onStatus)
        updateNote(a.doc, id, { text: `Edited as soon as the socket opened ${round}` })
        deleteNote(a.doc, later)
      }
      a.provider.on('status', onStatus)
      a.provider.connect()

      const expected = `Edited as soon as the socket opened ${round}`
      await waitFor(() => textOf(b.doc, id) === expected, 5000, { message: `round ${round}: B never saw it` })
      await room.settle()
      await waitFor(
        () =>
          sameState(
            a.doc,
            room.read((doc) => doc),
          ) &&
          sameState(
            b.doc,
            room.read((doc) => doc),
          ),
        5000,
        {
          message: `round ${round}: the docs did not converge`,
        },
      )
      expect(
        textOf(
          room.read((doc) => doc),
          id,
        ),
      ).toBe(expected)
      expect(readMap(b.doc)).toEqual(readMap(a.doc))
      expect(room.read(readMap)).toEqual(readMap(a.doc))
      expect(readMap(b.doc).notes.some((note) => note.id === gone || note.id === later)).toBe(false)
      // The race happened: the server asked once at the join and once more for the missing content.
      expect(asks.count - asksBefore).toBe(2)
      expect(room.read((doc) => doc).store.pendingStructs).toBeNull()
      expect(room.read((doc) => doc).store.pendingDs).toBeNull()
    }
    expect(a.closes).toEqual([])
    expect(a.provider.wsconnected).toBe(true)
  })

  it('also when the server was down: after a restart, nobody is closed and everyone converges', async () => {
    const mum = await joinAs(server, map.links.family, { name: 'Mum' })
    const chair = await joinAs(server, map.links.chair, { name: 'Ann Chair', agency: 'Reviewing' })
    const a = connect(mum)
    const b = connect(chair)
    await Promise.all([a.synced, b.synced])
    const id = addNote(a.doc, { zone: 'existing-strengths', text: 'Online', ...noteAuthor(mum) })
    await waitFor(() => textOf(b.doc, id) === 'Online')

    let edited = false
    const onStatus = ({ status }: { status: string }) => {
      if (status !== 'connected') return
      a.provider.off('status', onStatus)
      updateNote(a.doc, id, { text: 'Edited as soon as the server was back' })
      edited = true
    }
    await server.app.close()
    await waitFor(() => !a.provider.wsconnected && !b.provider.wsconnected)
    // While the server is down: a new note, and an edit of it.
    const offline = addNote(a.doc, { zone: 'existing-strengths', text: 'Offline', ...noteAuthor(mum) })
    updateNote(a.doc, offline, { text: 'Offline, edited' })
    updateNote(a.doc, id, { text: 'Edited offline' })
    a.provider.on('status', onStatus)
    await server.restart()

    await waitFor(() => edited, 10_000, { message: 'A did not reconnect' })
    await waitFor(
      () =>
        textOf(b.doc, id) === 'Edited as soon as the server was back' &&
        textOf(b.doc, offline) === 'Offline, edited',
      10_000,
      { message: 'B never saw A’s edits' },
    )
    const room = server.app.rooms.getLoaded(map.id)
    if (room === undefined) throw new Error('the room is not loaded')
    await room.settle()
    await waitFor(
      () =>
        sameState(
          a.doc,
          room.read((doc) => doc),
        ) &&
        sameState(
          b.doc,
          room.read((doc) => doc),
        ),
    )
    expect(room.read(readMap)).toEqual(readMap(a.doc))
    expect(readMap(b.doc)).toEqual(readMap(a.doc))
    // Only the restart's own close (4500), nothing else from the server. Attempts to reconnect while it was down
    // end in 1006 (no server to answer); how many depends on how long the restart took.
    const ABNORMAL_CLOSURE = 1006
    expect(a.closes.map((close) => close.code).filter((code) => code !== ABNORMAL_CLOSURE)).toEqual([
      CloseCode.ServerShutdown,
    ])
  })
})
