// The room's own decisions, without a server or a socket: what it asks and answers, what it stores before it
// broadcasts, what it reverts and tells, whom it closes and why — and that everyone else is still served after.
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { addNote, readConference, readMap, setLock, updateNote } from '@mapboard/map-model'
import { CloseCode } from '@mapboard/protocol'
import { RoomUnavailableError } from '../../src/rooms/Room.ts'
import { MemoryMapStore } from '../../src/storage/MemoryMapStore.ts'
import {
  syncStep1Frame,
  syncStep1Payload,
  syncStep2Payload,
  updateFrame,
  updatePayload,
} from '../support/frames.ts'
import { Connection } from '../../src/rooms/Connection.ts'
import { Client, FakeSocket, MAP_ID, loadRoom, settled } from './roomHarness.ts'

/** The notes' texts in a document, sorted. */
const texts = (doc: Y.Doc): string[] =>
  readMap(doc)
    .notes.map((note) => note.text)
    .sort()

/** A room where the chair has locked "Past harm" and a family member, caught up, is about to write there. */
async function pastHarmLockedByTheChair() {
  const { room } = await loadRoom()
  const chair = new Client(room, 'chair')
  const family = new Client(room, 'family')
  chair.edit((doc) => setLock(doc, 'past-harm', true))
  await settled(room)
  family.catchUp()
  return { room, chair, family }
}

describe('Room', () => {
  it('asks a writer what it has, and never a viewer', async () => {
    const { room } = await loadRoom()
    const writer = new Client(room, 'professional')
    const viewer = new Client(room, 'viewer')
    expect(writer.socket.sent.some((frame) => syncStep1Payload(frame) !== undefined)).toBe(true)
    expect(viewer.socket.sent.some((frame) => syncStep1Payload(frame) !== undefined)).toBe(false)
    await room.close()
  })

  it("answers a fresh joiner's SyncStep1 with the stored map", async () => {
    const { room } = await loadRoom()
    const joiner = new Client(room, 'family')
    joiner.send(syncStep1Frame())
    await settled(room)
    const answer = joiner.socket.sent.map(syncStep2Payload).find((payload) => payload !== undefined)
    expect(answer).toBeDefined()
    const doc = new Y.Doc()
    Y.applyUpdate(doc, answer!)
    expect(readMap(doc).title).toBe('Review conference')
    await room.close()
  })

  it('stores an accepted edit before anyone else receives it, and does not echo it to its author', async () => {
    // (A new note comes back to its author once, with the server's receivedAt; an edit of it does not come back.)
    const { room, store } = await loadRoom()
    const author = new Client(room, 'professional')
    const other = new Client(room, 'family')
    const events: string[] = []
    const append = store.appendUpdates.bind(store)
    store.appendUpdates = async (mapId, updates) => {
      const seq = await append(mapId, updates)
      events.push('stored')
      return seq
    }
    const send = other.socket.send.bind(other.socket)
    other.socket.send = (data) => {
      if (updatePayload(data) !== undefined) events.push('sent')
      send(data)
    }
    author.edit((doc) => addNote(doc, { zone: 'past-harm', text: 'Sam misses school', ...author.author }))
    await settled(room)

    const stored = await store.load(MAP_ID)
    const fromStore = new Y.Doc()
    for (const update of [stored.snapshot, ...stored.updates].filter((u) => u !== null))
      Y.applyUpdate(fromStore, update as Uint8Array)
    expect(texts(fromStore)).toEqual(['Sam misses school'])
    expect(other.catchUp()).toBe(1)
    expect(texts(other.doc)).toEqual(['Sam misses school'])
    expect(author.catchUp()).toBe(1)
    const [id] = readMap(author.doc).notes.map((note) => note.id)
    expect(author.doc.getMap('notes').get(id ?? '')).toBeInstanceOf(Y.Map)
    expect((author.doc.getMap('notes').get(id ?? '') as Y.Map<unknown>).get('receivedAt')).toEqual(
      expect.any(Number),
    )
    expect(events).toEqual(['stored', 'sent'])

    author.edit((doc) => updateNote(doc, id ?? '', { text: 'Sam misses school on Mondays' }))
    await settled(room)
    expect(other.catchUp()).toBe(1)
    expect(texts(other.doc)).toEqual(['Sam misses school on Mondays'])
    expect(author.catchUp()).toBe(0)
    expect(events).toEqual(['stored', 'sent', 'stored', 'sent'])
    await room.close()
  })

  it('reverts what the rules refuse, tells its author which rule, and everyone converges without it', async () => {
    const { room, chair, family } = await pastHarmLockedByTheChair()

    family.edit((doc) => addNote(doc, { zone: 'past-harm', text: 'We disagree', ...family.author }))
    await settled(room)

    expect(family.refusals().map((refusal) => refusal.rule)).toEqual(['LOCK-1'])
    expect(texts(room.read((doc) => doc))).toEqual([])
    family.catchUp()
    chair.catchUp()
    expect(texts(family.doc)).toEqual([])
    expect(texts(chair.doc)).toEqual([])
    expect(Y.encodeStateVector(family.doc)).toEqual(room.read((doc) => Y.encodeStateVector(doc)))
    await room.close()
  })

  it('drops what a viewer sends unread, and tells it once', async () => {
    const { room } = await loadRoom()
    const viewer = new Client(room, 'viewer')
    const before = room.read((doc) => Y.encodeStateVector(doc))
    viewer.edit((doc) => addNote(doc, { zone: 'past-harm', text: 'One', ...viewer.author }))
    viewer.edit((doc) => addNote(doc, { zone: 'past-harm', text: 'Two', ...viewer.author }))
    await settled(room)
    expect(room.read((doc) => Y.encodeStateVector(doc))).toEqual(before)
    expect(viewer.refusals()).toEqual([
      { rule: 'VIEW-1', message: 'Viewers can follow the map but not change it.' },
    ])
    expect(viewer.socket.closedWith).toBeUndefined()
    await room.close()
  })

  it('closes a connection that sends a malformed frame and keeps serving the others', async () => {
    const { room, logger } = await loadRoom()
    const hostile = new Client(room, 'professional')
    const honest = new Client(room, 'professional')
    hostile.send(new Uint8Array([0, 2, 200, 1, 7]))
    await settled(room)
    expect(hostile.socket.closedWith?.code).toBe(CloseCode.BadMessage)
    expect(logger.lines.some((line) => line.level === 'warn')).toBe(true)

    honest.edit((doc) => addNote(doc, { zone: 'past-harm', text: 'Still here', ...honest.author }))
    await settled(room)
    expect(texts(room.read((doc) => doc))).toEqual(['Still here'])
    expect(honest.socket.closedWith).toBeUndefined()
    await room.close()
  })

  it('closes an update that does not fit the map document, applying none of it', async () => {
    const { room } = await loadRoom()
    const hostile = new Client(room, 'chair')
    hostile.edit((doc) => doc.getArray('not-a-root').push(['x']))
    await settled(room)
    expect(hostile.socket.closedWith?.code).toBe(CloseCode.BadMessage)
    expect(room.read((doc) => doc.share.has('not-a-root'))).toBe(false)
    await room.close()
  })

  it("closes a connection that writes under someone else's client id", async () => {
    const { room } = await loadRoom()
    const first = new Client(room, 'professional')
    first.edit((doc) => addNote(doc, { zone: 'past-harm', text: 'Mine', ...first.author }))
    await settled(room)

    const impostor = new Client(room, 'professional')
    const forged = new Y.Doc()
    Y.applyUpdate(
      forged,
      room.read((doc) => Y.encodeStateAsUpdate(doc)),
    )
    // Set after the sync: Yjs itself picks a new id when it sees its own in what it applies.
    forged.clientID = first.doc.clientID
    const before = Y.encodeStateVector(forged)
    addNote(forged, { zone: 'past-harm', text: 'Not mine', ...impostor.author })
    impostor.send(updateFrame(Y.encodeStateAsUpdate(forged, before)))
    await settled(room)

    expect(impostor.socket.closedWith?.code).toBe(CloseCode.ClientIdTaken)
    expect(texts(room.read((doc) => doc))).toEqual(['Mine'])
    expect(first.socket.closedWith).toBeUndefined()
    await room.close()
  })

  it('closes a connection that keeps sending refused edits', async () => {
    const { room, chair, family } = await pastHarmLockedByTheChair()
    for (let i = 0; i < 100 && family.socket.closedWith === undefined; i++) {
      family.edit((doc) => addNote(doc, { zone: 'past-harm', text: `Try ${i}`, ...family.author }))
      await settled(room)
      family.catchUp()
    }
    expect(family.socket.closedWith?.code).toBe(CloseCode.TooManyRefusals)
    expect(chair.socket.closedWith).toBeUndefined()
    expect(texts(room.read((doc) => doc))).toEqual([])
    await room.close()
  })

  it('records attendance as people come and go, and says when the last one has left', async () => {
    const { room } = await loadRoom()
    let emptied = 0
    room.onEmpty = () => emptied++
    const social = new Client(room, 'professional', 'Ms Patel')
    const mum = new Client(room, 'family', 'Jo Smith')
    await settled(room)
    social.connection.close(CloseCode.ServerShutdown)
    expect(emptied).toBe(0)
    mum.connection.close(CloseCode.ServerShutdown)
    expect(emptied).toBe(1)
    await settled(room)
    const attendance = room.read(readConference).attendance
    expect(attendance.map((entry) => entry.name).sort()).toEqual(['Jo Smith', 'Ms Patel'])
    expect(attendance.every((entry) => !entry.present && entry.leftAt !== null)).toBe(true)
    await room.close()
  })

  it("stores and broadcasts the server's own writes, and refuses them once the room is closing", async () => {
    const { room } = await loadRoom()
    const watcher = new Client(room, 'family')
    const id = await room.writeAsServer((doc, origin) =>
      addNote(doc, { zone: 'past-harm', text: 'From the server' }, origin),
    )
    expect(typeof id).toBe('string')
    await settled(room)
    watcher.catchUp()
    expect(texts(watcher.doc)).toEqual(['From the server'])
    await room.close()
    await expect(room.writeAsServer(() => undefined)).rejects.toBeInstanceOf(RoomUnavailableError)
  })

  it('closes everyone and reports itself broken when the store refuses a write', async () => {
    class FailingStore extends MemoryMapStore {
      failing = false
      override appendUpdates(mapId: string, updates: readonly Uint8Array[]): Promise<number> {
        if (this.failing) return Promise.reject(new Error('disk full'))
        return super.appendUpdates(mapId, updates)
      }
    }
    const store = new FailingStore()
    const seed = await loadRoom()
    const stored = await seed.store.load(MAP_ID)
    await seed.room.close()
    await store.createMap({ id: MAP_ID, title: 'Review conference', createdAt: 1 }, stored.snapshot!)
    const { room } = await loadRoom({ store })
    let broken = 0
    room.onBroken = () => broken++
    const author = new Client(room, 'professional')
    const other = new Client(room, 'family')
    store.failing = true
    author.edit((doc) => addNote(doc, { zone: 'past-harm', text: 'Lost?', ...author.author }))
    await settled(room)
    expect(broken).toBe(1)
    expect(author.socket.closedWith?.code).toBe(CloseCode.ServerError)
    expect(other.socket.closedWith?.code).toBe(CloseCode.ServerError)
    // Nobody was sent what was not stored.
    expect(other.catchUp()).toBe(0)
    await room.close()
  })
})

describe("the professionals' room", () => {
  it('closes a family or viewer connection before sending it a byte, and serves professionals', async () => {
    const { room } = await loadRoom({ audience: 'professionals' })
    const professional = new Client(room, 'professional')
    professional.edit((doc) =>
      addNote(doc, {
        zone: 'past-harm',
        text: 'Restricted',
        audience: 'professionals',
        ...professional.author,
      }),
    )
    await settled(room)
    for (const role of ['family', 'viewer'] as const) {
      const outsider = new Client(room, role)
      expect(outsider.socket.closedWith?.code).toBe(CloseCode.Forbidden)
      expect(outsider.socket.sent).toEqual([])
    }
    expect(professional.socket.closedWith).toBeUndefined()
    expect(room.read((doc) => texts(doc))).toEqual(['Restricted'])
    expect(room.size).toBe(1)
    await room.close()
  })

  it('closes a connection meant for the shared document, and records no attendance', async () => {
    const { room } = await loadRoom({ audience: 'professionals' })
    const chair = new Client(room, 'chair')
    const misrouted = new Connection(new FakeSocket(), {
      mapId: MAP_ID,
      audience: 'shared',
      role: 'professional',
      linkId: 'link-professional',
      participant: { id: 'p-misrouted', name: 'Misrouted', agency: 'School' },
    })
    room.join(misrouted)
    expect(misrouted.closed).toBe(true)
    await settled(room)
    expect(chair.socket.closedWith).toBeUndefined()
    expect(room.read((doc) => readConference(doc).attendance)).toEqual([])
    await room.close()
  })
})
