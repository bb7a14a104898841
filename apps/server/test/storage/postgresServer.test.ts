// The server on PostgreSQL (MAPBOARD_DATABASE_URL) over real sockets: a join, an edit that is there after a restart
// and after the process is killed, the audit trail verified, and the SQLite-only commands refusing.
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addNote, readMap } from '@mapboard/map-model'
import type { JoinResponse } from '@mapboard/protocol'
import { connectClient, joinAs, noteAuthor, tokenFromLink, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import { ConfigError, configFromEnv } from '../../src/config.ts'
import { DATABASE_FILE_NAME } from '../../src/plugins/storage.ts'
import { api } from '../support/api.ts'
import { freshPostgresDatabase, postgresAvailable } from '../support/postgresDatabase.ts'
import type { PostgresTestDatabase } from '../support/postgresDatabase.ts'
import { createMapOn, runServerCommand, startServerProcess } from '../support/serverProcess.ts'
import type { ServerProcess } from '../support/serverProcess.ts'

describe('MAPBOARD_DATABASE_URL', () => {
  it('selects PostgreSQL; unset, the server stays on SQLite', () => {
    const url = 'postgres://mapboard:s3cret@db.example.org:5432/mapboard'
    expect(configFromEnv({ MAPBOARD_DATABASE_URL: ` ${url} ` }, '/srv').databaseUrl).toBe(url)
    expect(configFromEnv({ MAPBOARD_DATABASE_URL: 'postgresql://db/maps' }, '/srv').databaseUrl).toBe(
      'postgresql://db/maps',
    )
    expect(configFromEnv({}, '/srv').databaseUrl).toBeUndefined()
  })

  it('refuses what is not a PostgreSQL URL, without repeating it (it may hold a password)', () => {
    for (const value of ['mysql://u:hunter2@db/maps', 'hunter2', 'postgres:///hunter2']) {
      const read = () => configFromEnv({ MAPBOARD_DATABASE_URL: value }, '/srv')
      expect(read, value).toThrow(ConfigError)
      expect(read, value).toThrow(/^(?!.*hunter2).*MAPBOARD_DATABASE_URL/)
    }
  })
})

describe.runIf(await postgresAvailable())('the server on PostgreSQL', () => {
  let database: PostgresTestDatabase
  let dir: string
  let server: TestServer | undefined
  let process_: ServerProcess | undefined
  const clients: TestClient[] = []

  beforeEach(async () => {
    database = await freshPostgresDatabase()
    dir = await mkdtemp(join(tmpdir(), 'mapboard-pg-'))
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server?.close()
    server = undefined
    await process_?.kill('SIGKILL')
    process_ = undefined
    await database.drop()
    await rm(dir, { recursive: true, force: true })
  })

  const connect = async (s: { wsUrl: string }, who: JoinResponse) => {
    const client = connectClient(s, who.map.id, who)
    clients.push(client)
    await client.synced
    return client
  }
  const notes = (client: TestClient) => readMap(client.doc).notes.map((note) => note.text)
  const mapsInDatabase = async () => {
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    try {
      return (await client.query<{ id: string }>("SELECT id FROM maps WHERE strpos(id, '/') = 0")).rows
    } finally {
      await client.end()
    }
  }

  it('joins, edits, and after a restart the edit is there and the audit trail verifies', async () => {
    server = await startServer({ dataDir: dir, databaseUrl: database.url })
    const s = server
    const map = await s.createMap('Review conference')
    const chair = await joinAs(s, map.links.chair, { name: 'Ann Chair', agency: 'Independent reviewing' })
    const mum = await joinAs(s, map.links.family, { name: 'Mum' })
    const chairClient = await connect(s, chair)
    const mumClient = await connect(s, mum)
    addNote(chairClient.doc, { zone: 'past-harm', text: 'Missed school twice', ...noteAuthor(chair) })
    await waitFor(() => notes(mumClient).includes('Missed school twice'))

    // Everything is in PostgreSQL: no SQLite file was made.
    expect(existsSync(join(dir, DATABASE_FILE_NAME))).toBe(false)
    expect(await mapsInDatabase()).toEqual([{ id: map.id }])

    for (const client of clients.splice(0)) client.destroy()
    await s.restart()
    const again = await connect(s, chair)
    expect(notes(again)).toEqual(['Missed school twice'])
    const verified = await api(s.url, 'GET', `/api/maps/${map.id}/audit/verify`, chair.token)
    expect(verified.status).toBe(200)
    expect(verified.body).toMatchObject({ ok: true })
    expect((verified.body as { entries: number }).entries).toBeGreaterThanOrEqual(3)
    const trail = await api(s.url, 'GET', `/api/maps/${map.id}/audit`, chair.token)
    expect(JSON.stringify(trail.body)).toContain('Missed school twice')
  })

  it('pnpm start on MAPBOARD_DATABASE_URL: an edit a client saw survives SIGKILL of the process', async () => {
    const env = { MAPBOARD_DATABASE_URL: database.url }
    process_ = await startServerProcess({ dataDir: dir, env })
    const map = await createMapOn(process_, 'Killed mid-conference')
    const chairToken = tokenFromLink(map.links.chair)
    const writer = connectClient(process_, map.id, chairToken)
    const watcher = connectClient(process_, map.id, tokenFromLink(map.links.viewer))
    clients.push(writer, watcher)
    await Promise.all([writer.synced, watcher.synced])
    addNote(writer.doc, { zone: 'future-danger', text: 'Seen before the crash', ...noteAuthor(chairToken) })
    // The server broadcasts an update only after its COMMIT: what the watcher has, PostgreSQL has.
    await waitFor(() => notes(watcher).includes('Seen before the crash'))
    await process_.kill('SIGKILL')
    for (const client of clients.splice(0)) client.destroy()

    process_ = await startServerProcess({ dataDir: dir, env })
    const reader = connectClient(process_, map.id, tokenFromLink(map.links.viewer))
    clients.push(reader)
    await reader.synced
    expect(notes(reader)).toEqual(['Seen before the crash'])
  })

  it('pnpm backup and pnpm restore refuse, pointing to PostgreSQL’s own tools', async () => {
    const env = { MAPBOARD_DATABASE_URL: database.url, MAPBOARD_DATA_DIR: dir }
    const backup = await runServerCommand('backup', [join(dir, 'copy.sqlite')], env, dir)
    expect(backup.code).toBe(1)
    expect(backup.stderr).toMatch(/MAPBOARD_DATABASE_URL is set.*pg_dump/)
    expect(existsSync(join(dir, 'copy.sqlite'))).toBe(false)
    const restore = await runServerCommand('restore', [join(dir, 'copy.sqlite')], env, dir)
    expect(restore.code).toBe(1)
    expect(restore.stderr).toMatch(/pg_restore/)
  })
})
