// Stored before broadcast, proved the hard way: the server runs as its own process under continuous edits and is
// killed with SIGKILL at random moments, then restarted on the same data directory. An observer per map (a viewer:
// the server never takes anything from it) keeps everything it was ever sent. Writers are new after each kill, so
// no client can put back what a crash lost: whatever the observers saw must be in what the last server loads.
import { afterEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readMap } from '@mapboard/map-model'
import type { CreateMapResponse } from '@mapboard/protocol'
import { connectClient, createRng, tokenFromLink, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import Database from 'better-sqlite3'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startNoteWriter } from '../support/noteWriter.ts'
import type { NoteWriter } from '../support/noteWriter.ts'
import { createMapOn, spawnServerProcess, startServerProcess } from '../support/serverProcess.ts'
import type { HeldServerProcess, ServerProcess } from '../support/serverProcess.ts'

const KILLS = 52
const MAPS = 3
/** Compaction (snapshot + deleting the folded updates) happens often, so kills land in it too. */
const ENV = { MAPBOARD_COMPACTION_THRESHOLD: '40' }

let server: ServerProcess | undefined
/** Servers loading their modules ahead of the restarts that will start them. */
const spares: HeldServerProcess[] = []
const SPARES = 1
const writers: NoteWriter[] = []
const clients: TestClient[] = []
let dir: string | undefined

afterEach(async () => {
  for (const writer of writers.splice(0)) writer.stop()
  for (const client of clients.splice(0)) client.destroy()
  await server?.kill('SIGKILL')
  for (const spare of spares.splice(0)) await spare.discard()
  if (dir !== undefined) await rm(dir, { recursive: true, force: true })
})

interface Observer {
  client: TestClient
  /** Sync rounds completed (one per server it connected to). */
  syncs: number
  /** Updates the server sent it. */
  updates: number
}

function observe(target: ServerProcess, map: CreateMapResponse): Observer {
  const client = connectClient(target, map.id, tokenFromLink(map.links.viewer), { maxBackoffTime: 50 })
  clients.push(client)
  const observer: Observer = { client, syncs: 0, updates: 0 }
  client.provider.on('sync', (synced: boolean) => {
    if (synced) observer.syncs++
  })
  client.doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin === client.provider) observer.updates++
  })
  return observer
}

/** Structs and notes `seen` has that `stored` lacks. */
function missing(seen: Y.Doc, stored: Y.Doc): { structs: number; notes: string[]; deletions: boolean } {
  const have = Y.decodeStateVector(Y.encodeStateVector(stored))
  let structs = 0
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(seen)))
    structs += Math.max(0, clock - (have.get(client) ?? 0))
  const storedIds = new Set(readMap(stored).notes.map((note) => note.id))
  const notes = readMap(seen)
    .notes.filter((note) => !storedIds.has(note.id))
    .map((note) => note.text)
  // Everything seen, deletions included, applied to a copy of the stored state changes nothing in it.
  const merged = new Y.Doc()
  Y.applyUpdate(merged, Y.encodeStateAsUpdate(stored))
  Y.applyUpdate(merged, Y.encodeStateAsUpdate(seen))
  const deletions = !Y.equalSnapshots(Y.snapshot(merged), Y.snapshot(stored))
  merged.destroy()
  return { structs, notes, deletions }
}

it(`a server killed ${KILLS} times at random moments under continuous edits loses nothing another client saw`, async () => {
  const rng = createRng(Number(process.env.CRASH_SEED ?? Date.now() % 100_000))
  const started = Date.now()
  dir = await mkdtemp(join(tmpdir(), 'mapboard-crash-'))
  const dataDir = join(dir, 'data')
  server = await startServerProcess({ dataDir, env: ENV })
  const port = server.port
  const first = server
  const maps = await Promise.all(Array.from({ length: MAPS }, (_, i) => createMapOn(first, `Crash ${i + 1}`)))
  const observers = maps.map((map) => observe(first, map))
  let notesWritten = 0

  for (let kill = 1; kill <= KILLS; kill++) {
    const current: ServerProcess = server
    // The next servers load their modules meanwhile, so a restart is main.ts's own work.
    while (spares.length < Math.min(SPARES, KILLS - kill + 1))
      spares.push(spawnServerProcess({ dataDir, port, env: ENV }))
    // Every restart loaded every map: each observer synced with this server before it dies.
    await waitFor(() => observers.every((observer) => observer.syncs >= kill), 15_000, {
      message: `restart ${kill - 1} (seed ${rng.seed}): not every map loaded`,
    })
    for (const [index, map] of maps.entries()) {
      for (const role of ['chair', 'professional'] as const) {
        writers.push(
          startNoteWriter(current, map.id, tokenFromLink(map.links[role]), {
            label: `${index}-${role}-${kill}`,
            intervalMs: rng.int(5, 25),
            editChance: 0.3,
            random: () => rng.next(),
          }),
        )
      }
    }
    // Anywhere from while the writers join to well into their edits (and compactions).
    await new Promise((resolve) => setTimeout(resolve, rng.int(0, 500)))
    await current.kill('SIGKILL')
    for (const writer of writers.splice(0)) {
      notesWritten += writer.added
      writer.stop()
    }
    const spare = spares.shift()
    if (spare === undefined) throw new Error('no server to restart')
    await spare.loaded
    server = await spare.start()
  }

  await waitFor(() => observers.every((observer) => observer.syncs > KILLS), 15_000, {
    message: 'the last restart did not load every map',
  })
  const last: ServerProcess = server
  let lost = 0
  let seen = 0
  let updates = 0
  for (const [index, map] of maps.entries()) {
    const reader = connectClient(last, map.id, tokenFromLink(map.links.viewer))
    clients.push(reader)
    await reader.synced
    const observer = observers[index]
    if (observer === undefined) throw new Error('no observer')
    const gap = missing(observer.client.doc, reader.doc)
    lost += gap.structs
    seen += readMap(observer.client.doc).notes.length
    updates += observer.updates
    expect(gap, `map ${index + 1} (seed ${rng.seed})`).toEqual({ structs: 0, notes: [], deletions: false })
  }
  await last.kill('SIGKILL')
  server = undefined
  // Nothing was set aside as unloadable on the way (rooms/loadStoredDocument.ts quarantines what will not load).
  const db = new Database(join(dataDir, 'mapboard.sqlite'), { readonly: true })
  const quarantined = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM quarantine').get()?.n
  db.close()
  expect(quarantined).toBe(0)
  console.log(
    `crash proof (seed ${rng.seed}): ${KILLS} kills in ${((Date.now() - started) / 1000).toFixed(1)} s, ` +
      `${notesWritten} notes written, ${updates} updates and ${seen} notes seen by observers, ${lost} lost`,
  )
  expect(seen).toBeGreaterThan(KILLS * 5)
})
