// Erasure on request (decision 0042, contract: DELETE /api/maps/<id>): with the admin token, a map's live data
// goes from every store in one transaction, every socket of it is closed first, and afterwards no byte of its text
// is left in the database files (main, -wal, -shm); its links answer 410; another map in the same file is whole.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { addNote, readMap } from '@mapboard/map-model'
import { CloseCode, roomNameOf } from '@mapboard/protocol'
import type { CreateMapResponse, JoinResponse } from '@mapboard/protocol'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import { connectClient, connectRawSocket, joinAs, noteAuthor, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { DATABASE_FILE_NAME } from '../src/plugins/storage.ts'
import { api, expectError } from './support/api.ts'
import { captureLogs } from './support/captureLogs.ts'

const ADMIN_TOKEN = `admin-${randomBytes(24).toString('hex')}`

let server: TestServer | undefined
const clients: TestClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
  server = undefined
})

/** A marker no other map, test or run has: found in the files only if this map's text is there. */
const marker = (what: string): string => `${what}-${randomBytes(6).toString('hex')}`

/** Every byte of the database's files as one buffer. */
function databaseBytes(s: TestServer): Buffer {
  const path = join(s.dataDir, DATABASE_FILE_NAME)
  const files = [path, `${path}-wal`, `${path}-shm`].filter((file) => existsSync(file))
  return Buffer.concat(files.map((file) => readFileSync(file)))
}

function connect(s: TestServer, room: string, who: JoinResponse): TestClient {
  const client = connectClient(s, room, who)
  clients.push(client)
  return client
}

interface FilledMap {
  map: CreateMapResponse
  chair: JoinResponse
  professional: JoinResponse
  /** Texts that are this map's alone, everywhere it keeps them. */
  texts: string[]
  /** The professionals' live clients, still connected. */
  live: TestClient[]
}

/** A map with unique texts in its title, both documents, participant names, a scaling reason and an export. */
async function fillMap(s: TestServer): Promise<FilledMap> {
  const title = marker('Title')
  const chairName = marker('Chair')
  const proName = marker('Professional')
  const familyName = marker('Parent')
  const sharedText = marker('SharedNote')
  const restrictedText = marker('RestrictedNote')
  const reason = marker('ScalingReason')
  const map = await s.createMap(title)
  const chair = await joinAs(s, map.links.chair, { name: chairName, agency: 'Reviewing' })
  const professional = await joinAs(s, map.links.professional, { name: proName, agency: 'Social care' })
  const family = await joinAs(s, map.links.family, { name: familyName })

  const shared = connect(s, map.id, professional)
  const restricted = connect(s, roomNameOf(map.id, 'professionals'), professional)
  const parent = connect(s, map.id, family)
  await Promise.all([shared.synced, restricted.synced, parent.synced])
  addNote(shared.doc, { zone: 'past-harm', text: sharedText, ...noteAuthor(professional) })
  addNote(restricted.doc, {
    zone: 'complicating-factors',
    text: restrictedText,
    audience: 'professionals',
    ...noteAuthor(professional),
  })
  await waitFor(() => readMap(parent.doc).notes.some((note) => note.text === sharedText))
  await waitFor(() => s.app.rooms.getLoaded(roomNameOf(map.id, 'professionals')) !== undefined)
  await s.app.rooms.getLoaded(roomNameOf(map.id, 'professionals'))?.settle()

  const round = await api(s.url, 'POST', `/api/maps/${map.id}/scaling`, chair.token, {
    subject: 'overall',
    chairScales: false,
  })
  expect(round.status).toBe(201)
  const { roundId } = round.body as { roundId: string }
  const answer = await api(
    s.url,
    'PUT',
    `/api/maps/${map.id}/scaling/${roundId}/submission`,
    professional.token,
    {
      score: 4,
      reason,
    },
  )
  expect(answer.status).toBe(200)
  const record = await fetch(`${s.url}/api/maps/${map.id}/export.pdf`, {
    headers: { authorization: `Bearer ${chair.token}` },
  })
  expect(record.status).toBe(200)
  return {
    map,
    chair,
    professional,
    texts: [title, chairName, proName, familyName, sharedText, restrictedText, reason],
    live: [shared, restricted, parent],
  }
}

/** With the admin token unless another (or none, null) is given. */
const erase = (s: TestServer, mapId: string, body: unknown, token: string | null = ADMIN_TOKEN) =>
  api(s.url, 'DELETE', `/api/maps/${mapId}`, token ?? undefined, body)

describe('DELETE /api/maps/<id>: erasure', () => {
  it('leaves no byte of the map’s text in the database files, closes its sockets, and spares another map', async () => {
    const logs = captureLogs()
    server = await startServer({ adminToken: ADMIN_TOKEN, logger: { level: 'trace', stream: logs.stream } })
    const s = server
    const erased = await fillMap(s)
    const other = await fillMap(s)
    // Let the rooms store and compact what they hold, as they do when everyone leaves.
    for (const room of [erased.map.id, roomNameOf(erased.map.id, 'professionals')]) {
      await s.app.rooms.getLoaded(room)?.settle()
    }
    const before = databaseBytes(s)
    for (const text of [...erased.texts, ...other.texts]) expect(before.includes(text), text).toBe(true)

    const answer = await erase(s, erased.map.id, { reason: 'The family asked for it', keepRecords: false })
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    expect(answer.body).toEqual({
      mapId: erased.map.id,
      erasedAt: expect.any(Number),
      removed: expect.objectContaining({
        documents: 2,
        participants: 3,
        links: 4,
        scalingSubmissions: 1,
        exports: 1,
        title: 1,
      }),
      // The audit keeps one entry: who, when and why, nothing of the content (the greps below check that).
      kept: { auditEntries: 1 },
    })
    // Every socket of the erased map was closed for good, before anything was removed.
    for (const client of erased.live) {
      await waitFor(() => client.closes.length > 0)
      expect(client.closes[0]?.code).toBe(CloseCode.MapErased)
    }

    const after = databaseBytes(s)
    for (const text of erased.texts) expect(after.includes(text), `${text} is still in the files`).toBe(false)
    for (const text of other.texts) expect(after.includes(text), `${text} went too`).toBe(true)

    const audit = await s.app.store.readAudit(erased.map.id)
    expect(audit.entries.map((entry) => [entry.action, entry.summary])).toEqual([
      ['map.erased', 'Erased (records removed): The family asked for it'],
    ])

    // Its links answer 410: the page, the API and the sync upgrade.
    const page = await fetch(`${s.url}/m/${erased.map.id}`, { headers: { accept: 'text/html' } })
    expect(page.status).toBe(410)
    expect(await page.text()).toContain('This map has been erased')
    expectError(
      await api(s.url, 'POST', `/api/maps/${erased.map.id}/join`, erased.chair.token, { name: 'x' }),
      410,
      'MAP_ERASED',
    )
    expectError(
      await api(s.url, 'GET', `/api/maps/${erased.map.id}/exports`, erased.chair.token),
      410,
      'MAP_ERASED',
    )
    expectError(await erase(s, erased.map.id, { reason: 'again', keepRecords: false }), 410, 'MAP_ERASED')
    for (const room of [erased.map.id, roomNameOf(erased.map.id, 'professionals')]) {
      const socket = connectRawSocket(s, room, erased.professional.token)
      const upgrade = await socket.upgrade
      expect(upgrade.status, room).toBe(410)
    }

    // The other map still opens, live and after a restart; its sockets never closed.
    for (const client of other.live) expect(client.closes).toEqual([])
    await s.restart()
    const reader = connect(s, other.map.id, other.chair)
    await reader.synced
    expect(readMap(reader.doc).notes.map((note) => note.text)).toEqual([other.texts[4]])
    expect(readMap(reader.doc).title).toBe(other.texts[0])
    expect((await fetch(`${s.url}/m/${erased.map.id}`)).status).toBe(410)
    // The admin token never reached the log, nor did the reason.
    expect(logs.text()).not.toContain(ADMIN_TOKEN)
    expect(logs.text()).not.toContain('The family asked for it')
    expect(logs.text()).toContain('map erased')
  })

  it('keepRecords keeps the exports, byte for byte', async () => {
    server = await startServer({ adminToken: ADMIN_TOKEN })
    const s = server
    const map = await fillMap(s)
    const [summary] = await s.app.store.listExports(map.map.id)
    if (summary === undefined) throw new Error('no export')
    const kept = await s.app.store.getExport(map.map.id, summary.id)
    const answer = await erase(s, map.map.id, { reason: 'Retention policy', keepRecords: true })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ kept: { exports: 1 }, removed: { participants: 3 } })
    expect((answer.body as { removed: Record<string, number> }).removed.exports).toBeUndefined()
    expect(await s.app.store.getExport(map.map.id, summary.id)).toEqual(kept)
    // The live data went all the same.
    const bytes = databaseBytes(s)
    for (const text of [map.texts[0], map.texts[3], map.texts[4], map.texts[5], map.texts[6]]) {
      expect(bytes.includes(text ?? ''), text).toBe(false)
    }
  })

  it('refuses without the admin token (401), and when none is configured (403); the map stays', async () => {
    const logs = captureLogs()
    server = await startServer({ adminToken: ADMIN_TOKEN, logger: { level: 'trace', stream: logs.stream } })
    const s = server
    const map = await fillMap(s)
    const body = { reason: 'No reason', keepRecords: false }
    expectError(await erase(s, map.map.id, body, null), 401, 'UNAUTHORIZED')
    expectError(await erase(s, map.map.id, body, `${ADMIN_TOKEN}x`), 401, 'UNAUTHORIZED')
    // A chair's own token is not the admin's.
    expectError(await erase(s, map.map.id, body, map.chair.token), 401, 'UNAUTHORIZED')
    expectError(await erase(s, map.map.id, { reason: '   ', keepRecords: false }), 400, 'INVALID_REQUEST')
    expectError(await erase(s, map.map.id, { reason: 'x' }), 400, 'INVALID_REQUEST')
    expectError(await erase(s, map.map.id, { ...body, extra: 1 }), 400, 'INVALID_REQUEST')
    expectError(await erase(s, 'no-such-map', body), 404, 'MAP_NOT_FOUND')
    expect(await s.app.store.getMap(map.map.id)).toBeDefined()
    for (const client of map.live) expect(client.closes).toEqual([])
    expect(logs.text()).not.toContain(ADMIN_TOKEN)
    await s.close()

    server = await startServer()
    const open = server
    const another = await open.createMap('Without an admin token')
    expectError(await erase(open, another.id, body, ADMIN_TOKEN), 403, 'ERASURE_DISABLED')
    expect(await open.app.store.getMap(another.id)).toBeDefined()
  })
})
