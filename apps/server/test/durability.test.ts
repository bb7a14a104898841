import { afterEach, expect, it } from 'vitest'
import { addNote, readMap } from '@mapboard/map-model'
import { CloseCode } from '@mapboard/protocol'
import { connectClient, connectRawSocket, noteAuthor, tokenFromLink, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { MapAppend, MapAppendResult, MapStore } from '../src/index.ts'
import { SqliteMapStore } from '../src/index.ts'
import { fetchDocument, makeUpdate, updateFrame } from './support/frames.ts'

let server: TestServer | undefined
let dir: string | undefined
const clients: TestClient[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
  server = undefined
  if (dir !== undefined) await rm(dir, { recursive: true, force: true })
})

/** A SQLite store whose appends can be held back or made to fail. */
class ControlledStore extends SqliteMapStore {
  appends = 0
  hold: Promise<void> | undefined
  failNext = false
  override async appendUpdates(mapId: string, updates: readonly Uint8Array[]): Promise<number> {
    await this.hold
    if (this.failNext) {
      this.failNext = false
      throw new Error('disk full')
    }
    this.appends++
    return super.appendUpdates(mapId, updates)
  }
  // Rooms append through the group commit; it is held back or fails the same way.
  override async appendToMaps(appends: readonly MapAppend[]): Promise<MapAppendResult[]> {
    await this.hold
    if (this.failNext) {
      this.failNext = false
      throw new Error('disk full')
    }
    this.appends++
    return super.appendToMaps(appends)
  }
}

async function setup(): Promise<{ store: ControlledStore; server: TestServer }> {
  dir = await mkdtemp(join(tmpdir(), 'mapboard-durable-'))
  const store = new ControlledStore(join(dir, 'maps.sqlite'))
  server = await startServer({ store: store satisfies MapStore, dataDir: dir })
  return { store, server }
}

function connect(s: TestServer, mapId: string, link: string): TestClient {
  const client = connectClient(s, mapId, tokenFromLink(link))
  clients.push(client)
  return client
}

it('an update reaches other clients only after it is stored', async () => {
  const { store, server } = await setup()
  const map = await server.createMap('Durable')
  const a = connect(server, map.id, map.links.chair)
  const b = connect(server, map.id, map.links.family)
  await Promise.all([a.synced, b.synced])

  let release: () => void = () => {}
  store.hold = new Promise((resolve) => (release = resolve))
  // The joins above were stored (the server records attendance); count from here.
  store.appends = 0
  let c: TestClient
  try {
    addNote(a.doc, { zone: 'past-harm', text: 'held back', ...noteAuthor(tokenFromLink(map.links.chair)) })
    await waitFor(
      () =>
        server.app.rooms
          .getLoaded(map.id)
          ?.read((doc) => doc)
          .getMap('notes').size === 1,
    )
    // A client that joins now must not be given it either — but is answered at once, from what is stored.
    c = connect(server, map.id, map.links.viewer)
    await c.synced
    // Nothing may arrive while the write is held; there is no event to wait for, so give it time.
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(store.appends).toBe(0)
    expect(readMap(b.doc).notes).toEqual([])
    expect(readMap(c.doc).notes).toEqual([])
  } finally {
    release()
  }
  await waitFor(() => readMap(b.doc).notes.length === 1 && readMap(c.doc).notes.length === 1)
  expect(store.appends).toBeGreaterThan(0)
  expect((await store.load(map.id)).updates.length).toBeGreaterThan(0)
})

it('when the store fails, nobody sees the update and the room reloads from what is stored', async () => {
  const { store, server } = await setup()
  const map = await server.createMap('Failing disk')
  const a = connect(server, map.id, map.links.chair)
  const b = connect(server, map.id, map.links.family)
  await Promise.all([a.synced, b.synced])

  // What b experiences, in order.
  const events: string[] = []
  b.provider.on('connection-close', () => events.push('closed'))
  b.doc.on('update', () => {
    if (readMap(b.doc).notes.length > 0 && !events.includes('note')) events.push('note')
  })

  store.failNext = true
  addNote(a.doc, {
    zone: 'past-harm',
    text: 'written while the disk failed',
    ...noteAuthor(tokenFromLink(map.links.chair)),
  })
  await waitFor(() => b.closes.some((close) => close.code === CloseCode.ServerError))
  // Both reconnect; a still has its edit and sends it again, and this time it is stored and broadcast.
  await waitFor(() => events.includes('note'), 10_000, { message: 'the edit was not resent' })
  expect(events.slice(0, 2)).toEqual(['closed', 'note'])
  expect(readMap(b.doc).notes.map((note) => note.text)).toEqual(['written while the disk failed'])
  const stored = await store.load(map.id)
  expect(stored.updates.length).toBeGreaterThan(0)
})

it('frames sent while the room loads are queued and handled once it has loaded', async () => {
  dir = await mkdtemp(join(tmpdir(), 'mapboard-durable-'))
  let release: () => void = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  let loads = 0
  class SlowLoadStore extends SqliteMapStore {
    override async load(mapId: string) {
      loads++
      await held
      return super.load(mapId)
    }
  }
  server = await startServer({ store: new SlowLoadStore(join(dir, 'maps.sqlite')), dataDir: dir })
  const map = await server.createMap('Slow disk')
  const socket = connectRawSocket(server, map.id, tokenFromLink(map.links.chair))
  try {
    await socket.send(
      updateFrame(
        makeUpdate((doc) =>
          addNote(doc, {
            zone: 'past-harm',
            text: 'early bird',
            ...noteAuthor(tokenFromLink(map.links.chair)),
          }),
        ),
      ),
    )
    await waitFor(() => loads === 1)
    expect(socket.messages).toEqual([])
  } finally {
    release()
  }
  const doc = await fetchDocument(socket)
  expect(readMap(doc).notes.map((note) => note.text)).toEqual(['early bird'])
  socket.socket.close()
})
