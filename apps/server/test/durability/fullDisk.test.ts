// A disk that refuses writes, for real: the server runs as its own process and the kernel is told to refuse it
// any file write (RLIMIT_FSIZE set to 0 with prlimit; each write fails with EFBIG, as one fails with ENOSPC on a
// full disk, and SQLite reports the failed write to the store). No store double: the SQLite store, its WAL and the
// room's failure path are the ones that run in production.
import { afterEach, expect, it } from 'vitest'
import { addNote, readMap } from '@mapboard/map-model'
import { CloseCode } from '@mapboard/protocol'
import { connectClient, noteAuthor, tokenFromLink, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createMapOn, limitFileSize, startServerProcess } from '../support/serverProcess.ts'
import type { ServerProcess } from '../support/serverProcess.ts'

const servers: ServerProcess[] = []
const clients: TestClient[] = []
let dir: string | undefined

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  for (const server of servers.splice(0)) await server.kill('SIGKILL')
  if (dir !== undefined) await rm(dir, { recursive: true, force: true })
})

function connect(server: ServerProcess, mapId: string, link: string): TestClient {
  const client = connectClient(server, mapId, tokenFromLink(link), { maxBackoffTime: 200 })
  clients.push(client)
  return client
}

const texts = (client: TestClient): string[] => readMap(client.doc).notes.map((note) => note.text)

// With the SQLite writer on its own thread (the default) and on the event loop: the store's error (SQLITE_FULL,
// SQLITE_IOERR) reaches the room either way.
it.each(['thread', 'inline'] as const)(
  'SQLite writer %s: when the disk refuses writes, clients are told and nobody is sent what was not stored; once it takes them again, the edit is stored and seen',
  async (writer) => {
    dir = await mkdtemp(join(tmpdir(), 'mapboard-full-disk-'))
    const dataDir = join(dir, 'data')
    const env = { MAPBOARD_SQLITE_WRITER: writer }
    const server = await startServerProcess({ dataDir, env })
    servers.push(server)
    const map = await createMapOn(server, 'Full disk')
    const author = connect(server, map.id, map.links.chair)
    const family = connect(server, map.id, map.links.family)
    await Promise.all([author.synced, family.synced])
    const chair = noteAuthor(tokenFromLink(map.links.chair))
    addNote(author.doc, { zone: 'past-harm', text: 'stored before the disk filled', ...chair })
    await waitFor(() => texts(family).includes('stored before the disk filled'))

    // From now on every update the family's device is sent is checked for the unstored note.
    let sentUnstored = false
    let diskTakesWrites = false
    family.doc.on('update', () => {
      if (texts(family).includes('written while the disk is full')) sentUnstored = !diskTakesWrites
    })
    limitFileSize(server.pid, 0)
    addNote(author.doc, { zone: 'past-harm', text: 'written while the disk is full', ...chair })

    // Everyone is told: the room closes its connections with 4502 ("server error"), which the board shows as
    // reconnecting with the author's change not saved yet.
    await waitFor(() => family.closes.some((close) => close.code === CloseCode.ServerError), 10_000)
    await waitFor(() => author.closes.some((close) => close.code === CloseCode.ServerError), 10_000)
    // They reconnect; while the disk stays full each try is refused again, and someone joining meanwhile is not
    // given the note either. There is no event for "nothing arrives": give it time for several reconnections.
    const joiner = connect(server, map.id, map.links.viewer)
    await waitFor(
      () => family.closes.filter((close) => close.code === CloseCode.ServerError).length >= 3,
      15_000,
    )
    expect(texts(family)).toEqual(['stored before the disk filled'])
    expect(texts(joiner)).not.toContain('written while the disk is full')
    expect(sentUnstored).toBe(false)
    // It was the store that refused (SQLite's failed write, logged by the room), and the server is still up.
    expect(server.output()).toMatch(/SQLITE_IOERR|SQLITE_FULL/)
    // …on the writer thread or on the event loop, as asked: the logged error's stack says which.
    if (writer === 'thread') expect(server.output()).toContain('sqliteWriter.js')
    else expect(server.output()).not.toContain('sqliteWriter.js')
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)

    diskTakesWrites = true
    limitFileSize(server.pid, undefined)
    // The author still has its edit and sends it again on reconnecting; now it is stored and reaches the others.
    await waitFor(() => texts(family).includes('written while the disk is full'), 15_000, {
      message: 'the edit was not stored once the disk took writes again',
    })
    await waitFor(() => texts(joiner).includes('written while the disk is full'), 10_000)
    expect(sentUnstored).toBe(false)

    // And it is on disk: a server started after a crash has both notes.
    await server.kill('SIGKILL')
    const restarted = await startServerProcess({ dataDir, env })
    servers.push(restarted)
    const reader = connect(restarted, map.id, map.links.viewer)
    await reader.synced
    expect(texts(reader).sort()).toEqual(['stored before the disk filled', 'written while the disk is full'])
  },
)
