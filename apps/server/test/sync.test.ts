import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { addNote, readMap, setLock } from '@mapboard/map-model'
import { CloseCode } from '@mapboard/protocol'
import type { CreateMapResponse } from '@mapboard/protocol'
import { connectClient, connectRawSocket, noteAuthor, tokenFromLink, waitFor } from '@mapboard/test-kit'
import type { RawSocket, TestClient } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { StartServerOptions, TestServer } from '@mapboard/server/testing'
import type { UpdateRules } from '../src/index.ts'
import { fetchDocument, makeUpdate, updateFrame } from './support/frames.ts'

let server: TestServer
const clients: TestClient[] = []
const raws: RawSocket[] = []

async function start(options: StartServerOptions = {}): Promise<void> {
  server = await startServer(options)
}

function connect(map: CreateMapResponse, role: keyof CreateMapResponse['links']): TestClient {
  const client = connectClient(server, map.id, tokenFromLink(map.links[role]))
  clients.push(client)
  return client
}

function raw(mapId: string, token: string | undefined): RawSocket {
  const socket = connectRawSocket(server, mapId, token)
  raws.push(socket)
  return socket
}

/** The author fields of a note added with that role's link (rule OWN-1). */
const by = (map: CreateMapResponse, role: keyof CreateMapResponse['links']) =>
  noteAuthor(tokenFromLink(map.links[role]))

const texts = (doc: Y.Doc): string[] =>
  readMap(doc)
    .notes.map((note) => note.text)
    .sort()

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  for (const socket of raws.splice(0)) socket.socket.terminate()
  await server.close()
})

describe('sync between clients', () => {
  beforeEach(() => start())

  it('two clients see each other’s notes', async () => {
    const map = await server.createMap('Review conference')
    const a = connect(map, 'chair')
    const b = connect(map, 'family')
    await Promise.all([a.synced, b.synced])
    expect(readMap(a.doc).title).toBe('Review conference')

    addNote(a.doc, { zone: 'past-harm', text: 'Missed school 12 days this term', ...by(map, 'chair') })
    addNote(b.doc, {
      zone: 'existing-strengths',
      text: 'Gran collects the children every Friday',
      ...by(map, 'family'),
    })

    const expected = ['Gran collects the children every Friday', 'Missed school 12 days this term']
    await waitFor(() => texts(a.doc).length === 2 && texts(b.doc).length === 2, 5000, {
      message: 'notes did not arrive',
    })
    expect(texts(a.doc)).toEqual(expected)
    expect(texts(b.doc)).toEqual(expected)
  })

  it('a client joining later gets the whole map', async () => {
    const map = await server.createMap('Initial conference')
    const a = connect(map, 'chair')
    await a.synced
    for (let i = 0; i < 20; i++)
      addNote(a.doc, { zone: 'next-steps', text: `Step ${i}`, ...by(map, 'chair') })
    setLock(a.doc, 'past-harm', true)
    // Wait until the server has all of it, then join.
    const probe = raw(map.id, tokenFromLink(map.links.viewer))
    await waitFor(async () => texts(await fetchDocument(probe)).length === 20)

    const late = connect(map, 'viewer')
    await late.synced
    expect(readMap(late.doc)).toEqual(readMap(a.doc))
    expect(readMap(late.doc).locks).toEqual(['past-harm'])
  })

  it('a viewer’s update is not applied, and the viewer stays connected', async () => {
    const map = await server.createMap('Review')
    const viewer = raw(map.id, tokenFromLink(map.links.viewer))
    await viewer.send(
      updateFrame(makeUpdate((doc) => addNote(doc, { zone: 'past-harm', text: 'from a viewer' }))),
    )
    const seen = await fetchDocument(viewer)
    expect(texts(seen)).toEqual([])

    // The same update from a writer is applied (so the check above can fail).
    const writer = raw(map.id, tokenFromLink(map.links.family))
    await writer.send(
      updateFrame(
        makeUpdate((doc) => addNote(doc, { zone: 'past-harm', text: 'from family', ...by(map, 'family') })),
      ),
    )
    expect(texts(await fetchDocument(writer))).toEqual(['from family'])
    expect(texts(await fetchDocument(viewer))).toEqual(['from family'])
  })

  it('a viewer client watches live but its local edits reach nobody', async () => {
    const map = await server.createMap('Review')
    const chair = connect(map, 'chair')
    const viewer = connect(map, 'viewer')
    await Promise.all([chair.synced, viewer.synced])
    addNote(viewer.doc, { zone: 'past-harm', text: 'viewer wrote this' })
    addNote(chair.doc, { zone: 'past-harm', text: 'chair wrote this', ...by(map, 'chair') })
    await waitFor(() => texts(viewer.doc).includes('chair wrote this'))
    const probe = raw(map.id, tokenFromLink(map.links.chair))
    expect(texts(await fetchDocument(probe))).toEqual(['chair wrote this'])
    expect(texts(chair.doc)).toEqual(['chair wrote this'])
    expect(viewer.closes).toEqual([])
  })
})

describe('refused connections', () => {
  beforeEach(() => start())

  it('an unknown map id is refused with 404 before the upgrade', async () => {
    const map = await server.createMap('Real')
    const result = await raw('NoSuchMap123', tokenFromLink(map.links.chair)).upgrade
    expect(result.status).toBe(404)
    expect('body' in result && JSON.parse(result.body)).toMatchObject({
      statusCode: 404,
      code: 'MAP_NOT_FOUND',
    })
  })

  it('a bad, missing, tampered or foreign token is refused with 401 before the upgrade', async () => {
    const map = await server.createMap('Real')
    const other = await server.createMap('Other')
    const token = tokenFromLink(map.links.chair)
    const [payload = '', signature = ''] = token.split('.')
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>
    const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'chair', exp: claims.exp })).toString(
      'base64url',
    )
    const viewerToken = tokenFromLink(map.links.viewer)
    const [viewerPayload = ''] = viewerToken.split('.')
    const cases: Array<[string, string | undefined]> = [
      ['missing', undefined],
      ['garbage', 'not-a-token'],
      ['bad signature', `${payload}.${signature.slice(0, -2)}AA`],
      ['viewer claims with the chair signature', `${viewerPayload}.${signature}`],
      ['re-encoded claims', `${promoted}x.${signature}`],
      ['another map’s token', tokenFromLink(other.links.chair)],
    ]
    for (const [name, candidate] of cases) {
      const result = await raw(map.id, candidate).upgrade
      expect(result.status, name).toBe(401)
    }
    // The genuine token works (so the refusals above are about the tokens).
    expect((await raw(map.id, token).upgrade).status).toBe(101)
  })

  it('a revoked link is refused', async () => {
    const map = await server.createMap('Real')
    const token = tokenFromLink(map.links.family)
    const links = await server.app.store.listLinks(map.id)
    const family = links.find((link) => link.role === 'family')
    expect(family).toBeDefined()
    await server.app.store.revokeLink(family?.id ?? '', Date.now())
    const result = await raw(map.id, token).upgrade
    expect(result.status).toBe(401)
    expect('body' in result && JSON.parse(result.body)).toMatchObject({ code: 'TOKEN_REVOKED' })
    expect((await raw(map.id, tokenFromLink(map.links.chair)).upgrade).status).toBe(101)
  })

  it('an expired link is refused', async () => {
    await server.close()
    await start({ linkTtlMs: 1500 })
    const map = await server.createMap('Short-lived')
    const token = tokenFromLink(map.links.chair)
    expect((await raw(map.id, token).upgrade).status).toBe(101)
    await waitFor(async () => (await connectRawSocket(server, map.id, token).upgrade).status === 401, 5000)
  })

  it('a refused y-websocket client never syncs', async () => {
    const map = await server.createMap('Real')
    const client = connectClient(server, map.id, 'forged.token', { timeoutMs: 500 })
    clients.push(client)
    await expect(client.synced).rejects.toThrow(/did not sync/)
  })
})

describe('persistence', () => {
  it('a map survives a server restart', async () => {
    await start()
    const map = await server.createMap('Before the restart')
    const a = connect(map, 'chair')
    await a.synced
    addNote(a.doc, { zone: 'future-danger', text: 'kept across restarts', ...by(map, 'chair') })
    setLock(a.doc, 'future-danger', true)
    const probe = raw(map.id, tokenFromLink(map.links.viewer))
    await waitFor(async () => readMap(await fetchDocument(probe)).locks.length === 1)
    a.destroy()

    await server.restart()
    const b = connect(map, 'viewer')
    await b.synced
    expect(readMap(b.doc).title).toBe('Before the restart')
    expect(texts(b.doc)).toEqual(['kept across restarts'])
    expect(readMap(b.doc).locks).toEqual(['future-danger'])
  })

  it('a connected client reconnects after a restart and its offline edits reach the others', async () => {
    await start()
    const map = await server.createMap('Wifi drops')
    const a = connect(map, 'professional')
    await a.synced
    addNote(a.doc, { zone: 'past-harm', text: 'before', ...by(map, 'professional') })
    await waitFor(
      async () => texts(await fetchDocument(raw(map.id, tokenFromLink(map.links.viewer)))).length === 1,
    )
    const restarting = server.restart()
    addNote(a.doc, { zone: 'past-harm', text: 'while the server was away', ...by(map, 'professional') })
    await restarting
    await waitFor(() => a.closes.some((close) => close.code === CloseCode.ServerShutdown))
    const b = connect(map, 'viewer')
    await b.synced
    await waitFor(() => texts(b.doc).length === 2, 10_000, { message: 'offline edit did not arrive' })
    expect(texts(b.doc)).toEqual(['before', 'while the server was away'])
  })

  it('compacts the update log into a snapshot and loads it back', async () => {
    await start({ compactionThreshold: 5 })
    const map = await server.createMap('Many edits')
    const a = connect(map, 'chair')
    await a.synced
    for (let i = 0; i < 12; i++) {
      addNote(a.doc, { zone: 'next-steps', text: `step ${i}`, ...by(map, 'chair') })
      // One update per tick, so the log really grows note by note.
      await new Promise((resolve) => setImmediate(resolve))
    }
    const probe = raw(map.id, tokenFromLink(map.links.viewer))
    await waitFor(async () => texts(await fetchDocument(probe)).length === 12)
    const stored = await server.app.store.load(map.id)
    expect(stored.lastSeq).toBeGreaterThanOrEqual(5)
    expect(stored.updates.length).toBeLessThan(5)
    a.destroy()

    await server.restart()
    const b = connect(map, 'viewer')
    await b.synced
    expect(texts(b.doc)).toHaveLength(12)
  })

  it('unloads a room once its last client has been gone for the grace period, and reloads it', async () => {
    await start({ unloadGraceMs: 100 })
    const map = await server.createMap('Quiet map')
    const a = connect(map, 'chair')
    await a.synced
    expect(server.app.rooms.isLoaded(map.id)).toBe(true)
    addNote(a.doc, { zone: 'existing-safety', text: 'survives an unload', ...by(map, 'chair') })
    await waitFor(
      async () => texts(await fetchDocument(raw(map.id, tokenFromLink(map.links.viewer)))).length === 1,
    )
    for (const socket of raws.splice(0)) socket.socket.close()
    a.destroy()

    await waitFor(() => !server.app.rooms.isLoaded(map.id), 5000, { message: 'room was not unloaded' })
    // Unloading folded the log into the snapshot.
    expect((await server.app.store.load(map.id)).updates).toEqual([])

    const b = connect(map, 'family')
    await b.synced
    expect(server.app.rooms.isLoaded(map.id)).toBe(true)
    expect(texts(b.doc)).toEqual(['survives an unload'])
  })

  it('keeps a room loaded while a client comes back within the grace period', async () => {
    await start({ unloadGraceMs: 400 })
    const map = await server.createMap('Flaky wifi')
    const a = connect(map, 'chair')
    await a.synced
    const room = server.app.rooms.getLoaded(map.id)
    a.destroy()
    const b = connect(map, 'chair')
    await b.synced
    // Longer than the grace period: the room would have been unloaded had b not kept it.
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(server.app.rooms.getLoaded(map.id)).toBe(room)
  })
})

describe('update gate seam', () => {
  it('reverts a change a rule refuses, and the author’s view snaps back', async () => {
    const noFamilyLocks: UpdateRules = {
      inspect(transaction, author) {
        const locks: unknown = transaction.doc.getMap('locks')
        const touchesLocks = [...transaction.changed.keys()].some((type) => type === locks)
        return author.identity.role === 'family' && touchesLocks
          ? { allowed: false, rule: 'TEST-1', message: 'Family cannot lock sections.' }
          : { allowed: true }
      },
    }
    await start({ rules: () => noFamilyLocks })
    const map = await server.createMap('Gated')
    const family = connect(map, 'family')
    const chair = connect(map, 'chair')
    await Promise.all([family.synced, chair.synced])

    setLock(family.doc, 'past-harm', true)
    addNote(family.doc, { zone: 'existing-strengths', text: 'allowed note', ...by(map, 'family') })
    expect(readMap(family.doc).locks).toEqual(['past-harm'])
    await waitFor(() => readMap(family.doc).locks.length === 0, 5000, {
      message: 'the lock was not reverted',
    })
    await waitFor(() => texts(chair.doc).length === 1)
    expect(readMap(chair.doc).locks).toEqual([])
    expect(texts(family.doc)).toEqual(['allowed note'])

    setLock(chair.doc, 'next-steps', true)
    await waitFor(() => readMap(family.doc).locks.includes('next-steps'))
    expect(readMap(chair.doc).locks).toEqual(['next-steps'])
  })
})
