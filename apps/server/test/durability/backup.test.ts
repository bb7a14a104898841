import { afterEach, expect, it } from 'vitest'
import { readMap } from '@mapboard/map-model'
import type { CreateMapResponse } from '@mapboard/protocol'
import { connectClient, tokenFromLink, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import Database from 'better-sqlite3'
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseNoteText, startNoteWriter } from '../support/noteWriter.ts'
import type { NoteWriter } from '../support/noteWriter.ts'
import { createMapOn, runServerCommand, startServerProcess } from '../support/serverProcess.ts'
import type { ServerProcess } from '../support/serverProcess.ts'
import { restoreDatabase } from '../../src/storage/sqlite/restoreDatabase.ts'
import { backupDatabase } from '../../src/storage/sqlite/backupDatabase.ts'

const servers: ServerProcess[] = []
const writers: NoteWriter[] = []
const clients: TestClient[] = []
let dir: string

afterEach(async () => {
  for (const writer of writers.splice(0)) writer.stop()
  for (const client of clients.splice(0)) client.destroy()
  for (const server of servers.splice(0)) await server.kill('SIGKILL')
  await rm(dir, { recursive: true, force: true })
})

async function start(dataDir: string, port = 0): Promise<ServerProcess> {
  const server = await startServerProcess({ dataDir, port })
  servers.push(server)
  return server
}

function watch(server: ServerProcess, map: CreateMapResponse): TestClient {
  const client = connectClient(server, map.id, tokenFromLink(map.links.viewer), { maxBackoffTime: 100 })
  clients.push(client)
  return client
}

const texts = (client: TestClient): Set<string> => new Set(readMap(client.doc).notes.map((note) => note.text))

it('a backup taken while clients write restores into a new data directory: every map opens, holding every note seen before it began and a prefix of each writer', async () => {
  dir = await mkdtemp(join(tmpdir(), 'mapboard-backup-'))
  const live = await start(join(dir, 'live'))
  const maps = await Promise.all(['First', 'Second', 'Third'].map((title) => createMapOn(live, title)))
  const observers = maps.map((map) => watch(live, map))
  for (const [index, map] of maps.entries()) {
    for (const role of ['chair', 'professional'] as const) {
      const token = tokenFromLink(map.links[role])
      writers.push(startNoteWriter(live, map.id, token, { label: `${index}-${role}`, intervalMs: 10 }))
    }
  }
  await waitFor(() => observers.every((observer) => texts(observer).size >= 30), 10_000)

  const seenBefore = observers.map(texts)
  const backupFile = join(dir, 'backups', 'mapboard-backup.sqlite')
  const backup = await runServerCommand(
    'backup',
    [join('backups', 'mapboard-backup.sqlite')],
    { MAPBOARD_DATA_DIR: join(dir, 'live') },
    dir,
  )
  const seenAfter = observers.map(texts)
  expect(backup, backup.stderr).toMatchObject({ code: 0 })
  expect(backup.stdout).toContain(`Backed up 3 maps`)
  expect(statSync(backupFile).mode & 0o777).toBe(0o600)
  // Nothing else is left beside it: the backup is one file.
  expect(readdirSync(join(dir, 'backups'))).toEqual(['mapboard-backup.sqlite'])
  // The writers kept on while the backup ran.
  seenAfter.forEach((after, index) => expect(after.size).toBeGreaterThan(seenBefore[index]?.size ?? 0))
  for (const writer of writers.splice(0)) writer.stop()
  const liveNotes = await Promise.all(
    observers.map(async (observer) => {
      await waitFor(() => observer.provider.synced)
      return texts(observer)
    }),
  )

  const restored = join(dir, 'restored')
  const restore = await runServerCommand('restore', [backupFile], { MAPBOARD_DATA_DIR: restored }, dir)
  expect(restore, restore.stderr).toMatchObject({ code: 0 })
  expect(restore.stdout).toContain('Restored 3 maps')
  const server = await start(restored)
  for (const [index, map] of maps.entries()) {
    // The links made on the live server open the restored map (same signing secret).
    const reader = connectClient(server, map.id, tokenFromLink(map.links.viewer))
    clients.push(reader)
    await reader.synced
    const notes = texts(reader)
    for (const text of seenBefore[index] ?? []) expect(notes).toContain(text)
    for (const text of notes) expect(liveNotes[index]).toContain(text)
    // A consistent copy holds each writer's first k notes, none missing in between.
    const numbers = new Map<string, number[]>()
    for (const text of notes) {
      const parsed = parseNoteText(text)
      if (parsed === undefined) throw new Error(`unexpected note ${text}`)
      numbers.set(parsed.label, [...(numbers.get(parsed.label) ?? []), parsed.n])
    }
    expect(numbers.size).toBe(2)
    for (const ns of numbers.values()) {
      ns.sort((a, b) => a - b)
      expect(ns).toEqual(ns.map((_, i) => i + 1))
    }
  }
}, 60_000)

it('restore refuses while a server has the database open, and keeps the database it replaces', async () => {
  dir = await mkdtemp(join(tmpdir(), 'mapboard-backup-'))
  const dataDir = join(dir, 'data')
  const running = await start(dataDir)
  const map = await createMapOn(running, 'Kept')
  const backupFile = join(dir, 'copy.sqlite')
  await backupDatabase(join(dataDir, 'mapboard.sqlite'), backupFile)
  const before = readFileSync(join(dataDir, 'mapboard.sqlite'))

  const refused = await runServerCommand('restore', [backupFile], { MAPBOARD_DATA_DIR: dataDir }, dir)
  expect(refused.code).toBe(1)
  expect(refused.stderr).toContain('stop it before restoring')
  expect(readdirSync(dataDir).filter((name) => name.includes('before-restore'))).toEqual([])
  expect(readFileSync(join(dataDir, 'mapboard.sqlite')).equals(before)).toBe(true)

  await running.kill('SIGTERM')
  const done = await runServerCommand('restore', [backupFile], { MAPBOARD_DATA_DIR: dataDir }, dir)
  expect(done, done.stderr).toMatchObject({ code: 0 })
  const aside = readdirSync(dataDir).filter((name) => name.startsWith('mapboard.sqlite.before-restore-'))
  expect(aside).toHaveLength(1)
  expect(done.stdout).toContain(join(dataDir, aside[0] ?? ''))
  const server = await start(dataDir)
  const reader = connectClient(server, map.id, tokenFromLink(map.links.viewer))
  clients.push(reader)
  await reader.synced
}, 30_000)

it('backup never overwrites a file, and restore refuses a file that is not a whole Mapboard database of this version', async () => {
  dir = await mkdtemp(join(tmpdir(), 'mapboard-backup-'))
  const dataDir = join(dir, 'data')
  const running = await start(dataDir)
  await createMapOn(running, 'Original')
  await running.kill('SIGTERM')
  const good = join(dir, 'good.sqlite')
  await backupDatabase(join(dataDir, 'mapboard.sqlite'), good)
  await expect(backupDatabase(join(dataDir, 'mapboard.sqlite'), good)).rejects.toThrow('already exists')

  const variant = (name: string, change: (db: Database.Database) => void): string => {
    const path = join(dir, name)
    copyFileSync(good, path)
    const db = new Database(path)
    change(db)
    db.close()
    return path
  }
  const target = join(dataDir, 'mapboard.sqlite')
  const original = readFileSync(target)
  const truncated = join(dir, 'truncated.sqlite')
  writeFileSync(truncated, readFileSync(good).subarray(0, 8192))
  const notSqlite = join(dir, 'notes.txt')
  writeFileSync(notSqlite, 'Past harm: this is not a database\n'.repeat(200))
  const hostile: Array<[string, string]> = [
    [join(dir, 'missing.sqlite'), 'cannot be opened'],
    [notSqlite, 'not a SQLite database'],
    [truncated, 'damaged'],
    [variant('newer.sqlite', (db) => db.pragma('user_version = 99')), 'newer Mapboard'],
    [
      variant('trigger.sqlite', (db) =>
        db.exec('CREATE TRIGGER leak AFTER INSERT ON updates BEGIN DELETE FROM maps; END'),
      ),
      'trigger leak',
    ],
    [
      variant('view.sqlite', (db) => db.exec('CREATE VIEW everything AS SELECT * FROM maps')),
      'view everything',
    ],
    [variant('altered.sqlite', (db) => db.exec('ALTER TABLE maps ADD COLUMN extra TEXT')), 'differently'],
    [
      variant('empty.sqlite', (db) =>
        db.exec(
          'DROP TABLE updates; DROP TABLE quarantine; DROP TABLE client_ids; DROP TABLE scaling_submissions; DROP TABLE export_professionals_documents; DROP TABLE exports; DROP TABLE participants; DROP TABLE links; DROP TABLE maps',
        ),
      ),
      'not a Mapboard database',
    ],
  ]
  for (const [file, reason] of hostile) {
    expect(() => restoreDatabase(file, target), file).toThrow(reason)
    expect(readFileSync(target).equals(original)).toBe(true)
    expect(existsSync(`${target}.partial`)).toBe(false)
  }
  expect(readdirSync(dataDir).filter((name) => name.includes('before-restore'))).toEqual([])
})
