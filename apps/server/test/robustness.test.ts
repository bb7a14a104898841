import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { AUDIENCES, addNote, readMap } from '@mapboard/map-model'
import { CloseCode, MAX_MESSAGE_BYTES, roomNameOf } from '@mapboard/protocol'
import type { CreateMapResponse, DocumentAudience } from '@mapboard/protocol'
import { connectClient, connectRawSocket, noteAuthor, tokenFromLink, waitFor } from '@mapboard/test-kit'
import type { RawSocket, TestClient } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import {
  awarenessFrame,
  fetchDocument,
  makeUpdate,
  syncStep1Frame,
  syncStep1Payload,
  syncStep2Frame,
  updateFrame,
} from './support/frames.ts'
import { DEFAULT_UPDATE_LIMITS } from '../src/rooms/checkUpdate.ts'

const { maxStringLength, maxContentBytes } = DEFAULT_UPDATE_LIMITS

let server: TestServer
let map: CreateMapResponse
const clients: TestClient[] = []
const raws: RawSocket[] = []

function raw(
  target: CreateMapResponse,
  role: keyof CreateMapResponse['links'] = 'professional',
  audience: DocumentAudience = 'shared',
): RawSocket {
  const socket = connectRawSocket(server, roomNameOf(target.id, audience), tokenFromLink(target.links[role]))
  raws.push(socket)
  return socket
}

function connect(
  target: CreateMapResponse,
  role: keyof CreateMapResponse['links'],
  audience: DocumentAudience = 'shared',
): TestClient {
  const client = connectClient(server, roomNameOf(target.id, audience), tokenFromLink(target.links[role]))
  clients.push(client)
  return client
}

const texts = (doc: Y.Doc): string[] =>
  readMap(doc)
    .notes.map((note) => note.text)
    .sort()

/** Sends `frame` on a fresh socket (a professional's) and resolves with the close code the server answers with. */
async function closeCodeFor(
  frame: Uint8Array | string,
  audience: DocumentAudience = 'shared',
): Promise<number> {
  const socket = raw(map, 'professional', audience)
  await socket.send(frame)
  return closeCode(socket)
}

/** The close code the socket gets, or a failure after 5 s (instead of the test's own, longer timeout). */
async function closeCode(socket: RawSocket): Promise<number> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('the server did not close the socket')), 5000)
  })
  try {
    return (await Promise.race([socket.closed, timeout])).code
  } finally {
    clearTimeout(timer)
  }
}

beforeEach(async () => {
  server = await startServer()
  map = await server.createMap('Robustness')
})

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  for (const socket of raws.splice(0)) socket.socket.terminate()
  await server.close()
})

describe.each(AUDIENCES)('malformed frames in the %s room', (audience) => {
  it('close only the sender’s socket; clients of both rooms of the same map, and of another map, carry on', async () => {
    const otherMap = await server.createMap('Another map')
    const sameRoomClient = connect(map, 'chair', audience)
    const sameRoomPeer = connect(map, 'professional', audience)
    const otherAudience = audience === 'shared' ? 'professionals' : 'shared'
    const otherRoomClient = connect(map, 'chair', otherAudience)
    const otherRoomPeer = connect(map, 'professional', otherAudience)
    const family = connect(map, 'family')
    const otherMapClient = connect(otherMap, 'chair')
    const everyone = [sameRoomClient, sameRoomPeer, otherRoomClient, otherRoomPeer, family, otherMapClient]
    await Promise.all(everyone.map((client) => client.synced))

    const bad = raw(map, 'professional', audience)
    await bad.send(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))
    expect(await closeCode(bad)).toBe(CloseCode.BadMessage)

    const chairToken = tokenFromLink(map.links.chair)
    addNote(sameRoomClient.doc, {
      zone: 'past-harm',
      text: 'after the bad frame',
      audience,
      ...noteAuthor(chairToken),
    })
    addNote(otherRoomClient.doc, {
      zone: 'past-harm',
      text: 'other room, after the bad frame',
      audience: otherAudience,
      ...noteAuthor(chairToken),
    })
    addNote(otherMapClient.doc, {
      zone: 'past-harm',
      text: 'other map, after the bad frame',
      ...noteAuthor(tokenFromLink(otherMap.links.chair)),
    })
    await waitFor(() => texts(sameRoomPeer.doc).includes('after the bad frame'))
    await waitFor(() => texts(otherRoomPeer.doc).includes('other room, after the bad frame'))
    const shared = audience === 'shared' ? sameRoomPeer : otherRoomPeer
    await waitFor(() => texts(family.doc).length === texts(shared.doc).length)
    // The family's device has the shared map only, and nothing of the professionals' document.
    expect(texts(family.doc)).toEqual(texts(shared.doc))
    const probe = raw(otherMap, 'viewer')
    expect(texts(await fetchDocument(probe))).toEqual(['other map, after the bad frame'])
    expect(everyone.flatMap((client) => client.closes)).toEqual([])
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })

  it.each([
    ['an unknown message type', new Uint8Array([9])],
    ['an unknown sync step', new Uint8Array([0, 7, 0])],
    ['a truncated update', new Uint8Array([0, 2, 50, 1, 2])],
    ['trailing bytes', new Uint8Array([0, 0, 1, 0, 42])],
    ['an empty frame', new Uint8Array([])],
    ['an update that is not Yjs', updateFrame(new Uint8Array([200, 1, 2, 3, 4, 5, 6, 7]))],
    ['an unreadable state vector', syncStep1Frame(new Uint8Array([5, 1]))],
    ['awareness that is not JSON', new Uint8Array([1, 5, 1, 1, 1, 1, 0x7b])],
  ])('%s closes with 4400', async (_name, frame) => {
    expect(await closeCodeFor(frame, audience)).toBe(CloseCode.BadMessage)
  })

  it('a text frame closes with 4400', async () => {
    expect(await closeCodeFor('hello', audience)).toBe(CloseCode.BadMessage)
  })

  it('an oversized frame closes with 4413', async () => {
    expect(await closeCodeFor(new Uint8Array(MAX_MESSAGE_BYTES + 1), audience)).toBe(
      CloseCode.MessageTooLarge,
    )
    // A frame of exactly the limit is read (and then refused as malformed, being zeros).
    expect(await closeCodeFor(new Uint8Array(MAX_MESSAGE_BYTES).fill(9), audience)).toBe(CloseCode.BadMessage)
  })
})

describe('updates that do not fit the map document', () => {
  it.each([
    ['an unknown root type', (doc: Y.Doc) => doc.getMap('secrets').set('x', 1)],
    ['a list root', (doc: Y.Doc) => doc.getArray('notes').push(['x'])],
    ['a sub-document', (doc: Y.Doc) => doc.getMap('meta').set('doc', new Y.Doc())],
    ['a Y.Text', (doc: Y.Doc) => doc.getMap('notes').set('n', new Y.Text('hello'))],
    ['binary content', (doc: Y.Doc) => doc.getMap('meta').set('blob', new Uint8Array(10))],
    [
      'a string over the length limit',
      (doc: Y.Doc) => doc.getMap('meta').set('title', 'x'.repeat(maxStringLength + 1)),
    ],
    [
      'a value over the size limit',
      (doc: Y.Doc) =>
        doc.getMap('meta').set(
          'big',
          Array.from({ length: Math.ceil(maxContentBytes / 500) + 1 }, () => 'y'.repeat(500)),
        ),
    ],
  ])('%s is refused with 4400 and not applied', async (_name, edit) => {
    const socket = raw(map)
    await socket.send(updateFrame(makeUpdate(edit)))
    expect(await closeCode(socket)).toBe(CloseCode.BadMessage)
    const doc = await fetchDocument(raw(map, 'viewer'))
    // Besides the roster, which the server writes as sockets come and go.
    expect([...doc.share.keys()].filter((name) => name !== 'attendance')).toEqual(['meta'])
    expect(doc.getMap('meta').toJSON()).toEqual({ title: 'Robustness', createdAt: expect.any(Number) })
  })

  it('a note of exactly 1000 characters is accepted', async () => {
    const socket = raw(map)
    const text = 'z'.repeat(1000)
    const author = noteAuthor(tokenFromLink(map.links.professional))
    await socket.send(updateFrame(makeUpdate((doc) => addNote(doc, { zone: 'past-harm', text, ...author }))))
    expect(texts(await fetchDocument(socket))).toEqual([text])
  })

  describe('an update that builds on content the server lacks', () => {
    /** A client's doc and its edits, each returned as the update it made. */
    function author(): { doc: Y.Doc; edit(text: string): Uint8Array } {
      const doc = new Y.Doc()
      return {
        doc,
        edit(text) {
          const before = Y.encodeStateVector(doc)
          doc.getMap('meta').set('subtitle', text)
          return Y.encodeStateAsUpdate(doc, before)
        },
      }
    }

    /** The state vectors of the SyncStep1 frames `socket` has received so far. */
    const asks = (socket: RawSocket): Uint8Array[] =>
      socket.messages.map(syncStep1Payload).filter((payload) => payload !== undefined)

    it('is dropped, and the sender asked again; its answer brings everything and it stays open', async () => {
      const client = author()
      const first = client.edit('first')
      const second = client.edit('second')
      expect(first.length).toBeGreaterThan(0)
      // `first` is never sent, so `second` refers to a clock the server has not seen.
      const socket = raw(map, 'chair')
      await socket.send(updateFrame(second))
      const ask = await waitFor(() => asks(socket)[1], 5000, { message: 'the server did not ask again' })
      const room = server.app.rooms.getLoaded(map.id)
      expect(room?.read((doc) => doc).store.pendingStructs).toBeNull()
      expect(room?.read((doc) => doc).store.pendingDs).toBeNull()
      expect(
        room
          ?.read((doc) => doc)
          .getMap('meta')
          .get('subtitle'),
      ).toBeUndefined()

      // What a y-websocket client answers: everything it has beyond the server's state vector.
      await socket.send(syncStep2Frame(Y.encodeStateAsUpdate(client.doc, ask)))
      expect((await fetchDocument(socket)).getMap('meta').get('subtitle')).toBe('second')
      expect(socket.socket.readyState).toBe(socket.socket.OPEN)
    })

    it('closes with 4501 when the answer leaves content missing; nothing pending reaches anyone', async () => {
      const client = author()
      const first = client.edit('first')
      const second = client.edit('second')
      const socket = raw(map, 'chair')
      await socket.send(updateFrame(second))
      await waitFor(() => asks(socket)[1], 5000, { message: 'the server did not ask again' })
      // An answer that brings nothing.
      await socket.send(syncStep2Frame(Y.encodeStateAsUpdate(new Y.Doc())))
      expect(await closeCode(socket)).toBe(CloseCode.Resync)

      const room = server.app.rooms.getLoaded(map.id)
      expect(room?.read((doc) => doc).store.pendingStructs).toBeNull()
      expect(room?.read((doc) => doc).store.pendingDs).toBeNull()
      // Nobody else receives the pending content, now or once `first` arrives.
      const writer = raw(map, 'chair')
      await writer.send(updateFrame(first))
      expect((await fetchDocument(writer)).getMap('meta').get('subtitle')).toBe('first')
    })

    it('closes with 4501 a connection that needs asking again more than three times a minute', async () => {
      const client = author()
      const socket = raw(map, 'chair')
      for (let i = 0; i < 4; i++) {
        client.edit(`hidden ${i}`)
        await socket.send(updateFrame(client.edit(`shown ${i}`)))
        if (i === 3) break
        const ask = await waitFor(() => asks(socket)[i + 1], 5000, { message: `ask ${i + 1} missing` })
        await socket.send(syncStep2Frame(Y.encodeStateAsUpdate(client.doc, ask)))
        expect((await fetchDocument(socket)).getMap('meta').get('subtitle')).toBe(`shown ${i}`)
      }
      expect(await closeCode(socket)).toBe(CloseCode.Resync)
      expect(asks(socket)).toHaveLength(4)
    })
  })
})

describe('awareness', () => {
  // The server stamps `user` itself (see permissions/awareness.test.ts); `cursor` here is the client's own.
  it('a connection cannot set another client’s awareness', async () => {
    const a = connect(map, 'chair')
    await a.synced
    a.provider.awareness.setLocalStateField('cursor', 'Chair')
    const room = server.app.rooms.getLoaded(map.id)
    await waitFor(() => room?.presence().get(a.doc.clientID)?.cursor === 'Chair')

    const spoofer = raw(map, 'family')
    await spoofer.send(
      awarenessFrame([{ clientId: a.doc.clientID, clock: 1000, state: { cursor: 'Spoof' } }]),
    )
    await spoofer.send(awarenessFrame([{ clientId: 424242, clock: 1, state: { cursor: 'Family' } }]))
    await fetchDocument(spoofer) // both frames handled
    expect(room?.presence().get(a.doc.clientID)?.cursor).toBe('Chair')
    expect(room?.presence().get(424242)).toMatchObject({
      cursor: 'Family',
      user: { role: 'family' },
    })
    await waitFor(() => a.provider.awareness.getStates().get(424242) !== undefined)

    // Its own id it may keep updating; a second id it may not claim.
    await spoofer.send(awarenessFrame([{ clientId: 434343, clock: 1, state: { cursor: 'Second' } }]))
    await fetchDocument(spoofer)
    expect(room?.presence().has(434343)).toBe(false)

    spoofer.socket.close()
    await waitFor(() => !room?.presence().has(424242), 5000, {
      message: 'state not removed on close',
    })
    await waitFor(() => !a.provider.awareness.getStates().has(424242))
  })
})

describe('keepalive', () => {
  it('writes to idle clients and drops sockets that stop answering pings', async () => {
    await server.close()
    server = await startServer({ keepaliveIntervalMs: 50 })
    map = await server.createMap('Idle')
    const idle = raw(map)
    const keepalive = [1, 1, 0]
    await waitFor(() =>
      idle.messages.some((m) => m.length === 3 && m.every((byte, i) => byte === keepalive[i])),
    )

    // A peer that never answers a ping, as one whose network vanished.
    const dead = connectRawSocket(server, map.id, tokenFromLink(map.links.family), { autoPong: false })
    raws.push(dead)
    await dead.upgrade
    expect(await closeCode(dead)).toBe(1006)
    expect(idle.socket.readyState).toBe(idle.socket.OPEN)
  })

  it('writes to an idle client at least every 1.5 rounds, so the client can treat longer silence as a lost link', async () => {
    await server.close()
    const intervalMs = 100
    server = await startServer({ keepaliveIntervalMs: intervalMs })
    map = await server.createMap('Quiet')
    const idle = raw(map)
    await idle.upgrade
    const arrivals: number[] = []
    idle.socket.on('message', () => arrivals.push(Date.now()))
    await new Promise((resolve) => setTimeout(resolve, 20 * intervalMs))
    const gaps = arrivals.slice(1).map((at, i) => at - (arrivals[i] ?? at))
    expect(arrivals.length).toBeGreaterThanOrEqual(10)
    // 1.5 rounds, with room for timer jitter on a busy machine.
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1.5 * intervalMs + 40)
  })
})
