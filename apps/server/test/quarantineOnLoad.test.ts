// Decision 0021: a map is never lost to one bad stored update. Each test writes something poisoned straight into
// the store of a real server (SQLite file), restarts it, and checks what real clients, the export and the chair see.
import type { Writable } from 'node:stream'
import { afterEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addNote, readMap } from '@mapboard/map-model'
import { connectClient, joinAs, noteAuthor, tokenFromLink, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { CreateMapResponse, JoinResponse, MapRestoration } from '@mapboard/protocol'
import { documentAt } from '../src/index.ts'
import { MAX_TYPE_DEPTH, rebuildDocument, snapshotLoads } from '../src/rooms/loadStoredDocument.ts'
import { api } from './support/api.ts'
import { captureLogs } from './support/captureLogs.ts'

let server: TestServer | undefined
const clients: TestClient[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
  server = undefined
})

function connect(s: TestServer, mapId: string, token: string | JoinResponse): TestClient {
  const client = connectClient(s, mapId, token)
  clients.push(client)
  return client
}

const texts = (doc: Y.Doc): string[] =>
  readMap(doc)
    .notes.map((note) => note.text)
    .sort()

/** The stored document of a map as a Y.Doc (what a participant's client would hold). */
async function storedDoc(s: TestServer, mapId: string): Promise<Y.Doc> {
  return rebuildDocument(await s.app.store.load(mapId)).doc
}

/** Building the poisoned updates takes seconds (the undo recurses 20,000 deep); on a busy machine, more. */
const POISON_TIMEOUT_MS = 60_000

let poison: { nested: Uint8Array; revert: Uint8Array } | undefined

/**
 * What a participant once sent and the server stored: a Y.Map nested 20,000 deep under `notes`, and the server's
 * revert of it — whose apply overflows the stack, as Yjs deletes nested types recursively. Built with real Yjs
 * (once: the undo takes seconds). Both are written by a client of their own and build on nothing else, so they
 * fit any map.
 */
function nestedMapAndRevert(): { nested: Uint8Array; revert: Uint8Array } {
  poison ??= buildNestedMapAndRevert()
  return poison
}

function buildNestedMapAndRevert(): { nested: Uint8Array; revert: Uint8Array } {
  const doc = new Y.Doc()
  // As the server's gate reverts a refused change: an undo manager that tracks the participant's origin only.
  const participant = { participant: true }
  const undo = new Y.UndoManager(doc.getMap('notes'), {
    captureTimeout: 0,
    trackedOrigins: new Set([participant]),
  })
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  doc.transact(() => {
    let parent = doc.getMap<unknown>('notes')
    for (let level = 0; level < 20_000; level++) {
      const child = new Y.Map<unknown>()
      parent.set('deep', child)
      parent = child
    }
  }, participant)
  try {
    undo.undo()
  } catch (error) {
    // The revert overflows the stack here too, once its update has been made: that update is what was stored.
    expect(String(error)).toMatch(/call stack/)
  }
  const [nested, revert] = updates
  if (nested === undefined || revert === undefined) throw new Error('expected an update and its revert')
  return { nested, revert }
}

/** A note added on a copy of `base`, as the update a client would have sent. */
function noteUpdate(base: Y.Doc, text: string, author: JoinResponse): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  const before = Y.encodeStateVector(doc)
  addNote(doc, { zone: 'complicating-factors', text, ...noteAuthor(author) })
  return Y.encodeStateAsUpdate(doc, before)
}

interface Setup {
  server: TestServer
  map: CreateMapResponse
  chair: JoinResponse
  family: JoinResponse
  professional: JoinResponse
}

/** A real server on a SQLite file with a map whose chair has written two notes, stored and compacted. */
async function mapWithNotes(logs?: Writable): Promise<Setup> {
  server = await startServer(logs === undefined ? {} : { logger: { level: 'info', stream: logs } })
  const map = await server.createMap('Review conference')
  const chair = await joinAs(server, map.links.chair, { name: 'Priya Chair', agency: 'Safeguarding' })
  const family = await joinAs(server, map.links.family, { name: 'Sam Family' })
  const professional = await joinAs(server, map.links.professional, { name: 'Dr Lee', agency: 'GP' })
  const writer = connect(server, map.id, chair)
  await writer.synced
  addNote(writer.doc, { zone: 'past-harm', text: 'Bruise seen in June', ...noteAuthor(chair) })
  addNote(writer.doc, { zone: 'existing-strengths', text: 'Grandmother visits daily', ...noteAuthor(chair) })
  const s = server
  await waitFor(async () => texts(await storedDoc(s, map.id)).length === 2)
  writer.destroy()
  // Unloads the room (which compacts), so the poisoned updates below land in a log nobody has loaded.
  await server.restart()
  return { server, map, chair, family, professional }
}

async function restorationsFor(
  s: TestServer,
  mapId: string,
  token: string,
): Promise<{ status: number; body: unknown }> {
  return api(s.url, 'GET', `/api/maps/${mapId}/restorations`, token)
}

async function exportStatus(
  s: TestServer,
  mapId: string,
  format: 'pdf' | 'png',
  token: string,
): Promise<number> {
  const response = await fetch(`${s.url}/api/maps/${mapId}/export.${format}`, {
    headers: { authorization: `Bearer ${token}` },
  })
  await response.arrayBuffer()
  return response.status
}

it(
  'a map nested 20,000 deep and its revert in the store: the map loads, the two are quarantined, the chair is told',
  async () => {
    const logs = captureLogs()
    const { server: s, map, chair, family, professional } = await mapWithNotes(logs.stream)
    const base = await storedDoc(s, map.id)
    const { nested, revert } = nestedMapAndRevert()
    // A later update that builds only on what was there before: it applies cleanly and is kept.
    const later = noteUpdate(base, 'Dad started a parenting course', chair)
    const lastSeq = await s.app.store.appendUpdates(map.id, [nested, revert, later])
    const poisoned = [lastSeq - 2, lastSeq - 1]
    // As it was before this fix, the stored document does not load.
    const stored = await s.app.store.load(map.id)
    expect(() => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, Y.mergeUpdates([stored.snapshot ?? new Uint8Array([0, 0]), ...stored.updates]))
    }).toThrow(/call stack/)
    await s.restart()

    // A real client gets every note stored before the poisoned updates, and the one stored after them.
    const reader = connect(s, map.id, family)
    await reader.synced
    expect(texts(reader.doc)).toEqual([
      'Bruise seen in June',
      'Dad started a parenting course',
      'Grandmother visits daily',
    ])
    expect(reader.doc.getMap('notes').has('deep')).toBe(false)

    // The poisoned updates are in quarantine, byte for byte; the log is folded into a snapshot that loads as it is.
    const quarantine = await s.app.store.listQuarantine(map.id)
    expect(quarantine.map((entry) => [entry.seq, entry.kind])).toEqual([
      [poisoned[0], 'update'],
      [poisoned[1], 'update'],
    ])
    expect(quarantine[0]?.data).toEqual(nested)
    expect(quarantine[1]?.data).toEqual(revert)
    expect(quarantine[0]?.reason).toMatch(`more than ${MAX_TYPE_DEPTH} deep`)
    expect(quarantine.every((entry) => entry.restoredVersion === lastSeq)).toBe(true)
    const after = await s.app.store.load(map.id)
    expect(after.updates).toEqual([])
    expect(after.lastSeq).toBe(lastSeq)
    expect(after.snapshot !== null && snapshotLoads(after.snapshot)).toBe(true)

    // The error names the map and the seqs.
    const logged = logs.lines().find((line) => line.mapId === map.id && line.level === 50)
    expect(logged).toMatchObject({ seqs: poisoned })

    // Only the chair is told which version the map was restored to.
    const told = await restorationsFor(s, map.id, chair.token)
    expect(told.status).toBe(200)
    expect(told.body).toEqual([
      { restoredAt: expect.any(Number), version: lastSeq, setAside: 2, versions: poisoned },
    ] satisfies MapRestoration[])
    for (const other of [family.token, professional.token, tokenFromLink(map.links.viewer)]) {
      expect((await restorationsFor(s, map.id, other)).status).toBe(403)
    }

    // The record can be exported.
    expect(await exportStatus(s, map.id, 'pdf', chair.token)).toBe(200)
    expect(await exportStatus(s, map.id, 'png', chair.token)).toBe(200)

    // New edits are accepted, and survive another restart; nothing more is set aside.
    const writer = connect(s, map.id, chair)
    await writer.synced
    addNote(writer.doc, { zone: 'next-steps', text: 'Review in six weeks', ...noteAuthor(chair) })
    await waitFor(() => texts(reader.doc).includes('Review in six weeks'))
    writer.destroy()
    reader.destroy()
    await s.restart()
    const again = connect(s, map.id, professional)
    await again.synced
    expect(texts(again.doc)).toEqual([
      'Bruise seen in June',
      'Dad started a parenting course',
      'Grandmother visits daily',
      'Review in six weeks',
    ])
    expect(await s.app.store.listQuarantine(map.id)).toHaveLength(2)
    expect((await restorationsFor(s, map.id, chair.token)).body).toHaveLength(1)
  },
  POISON_TIMEOUT_MS,
)

it('an undecodable byte string in the store is quarantined and the map loads without it', async () => {
  const { server: s, map, chair, family } = await mapWithNotes()
  const garbage = new Uint8Array([200, 1, 2, 3, 4, 5, 6, 7])
  const seq = await s.app.store.appendUpdate(map.id, garbage)
  await s.restart()

  const reader = connect(s, map.id, family)
  await reader.synced
  expect(texts(reader.doc)).toEqual(['Bruise seen in June', 'Grandmother visits daily'])
  const quarantine = await s.app.store.listQuarantine(map.id)
  expect(quarantine).toMatchObject([{ seq, kind: 'update', data: garbage, reason: 'undecodable update' }])
  expect((await restorationsFor(s, map.id, chair.token)).body).toEqual([
    { restoredAt: expect.any(Number), version: seq, setAside: 1, versions: [seq] },
  ])
  expect((await restorationsFor(s, map.id, family.token)).status).toBe(403)
  expect(await exportStatus(s, map.id, 'pdf', chair.token)).toBe(200)

  const writer = connect(s, map.id, chair)
  await writer.synced
  addNote(writer.doc, { zone: 'complicating-factors', text: 'School attendance', ...noteAuthor(chair) })
  await waitFor(() => texts(reader.doc).includes('School attendance'))
  writer.destroy()
  reader.destroy()
  await s.restart()
  const again = connect(s, map.id, chair)
  await again.synced
  expect(texts(again.doc)).toEqual(['Bruise seen in June', 'Grandmother visits daily', 'School attendance'])
})

it('a map that loads as it is has no restorations and nothing in quarantine', async () => {
  const { server: s, map, chair } = await mapWithNotes()
  expect((await restorationsFor(s, map.id, chair.token)).body).toEqual([])
  expect(await s.app.store.listQuarantine(map.id)).toEqual([])
})

// The rebuild itself, on stored documents made by hand.

function storedOf(snapshot: Uint8Array | null, updates: Uint8Array[]) {
  return { snapshot, updates, lastSeq: 10 + updates.length }
}

function docWithNote(text: string): { doc: Y.Doc; update: Uint8Array } {
  const doc = new Y.Doc()
  const update = noteUpdate(doc, text, {
    token: '',
    participant: { id: 'p1', name: 'A', role: 'chair', agency: 'X' },
    map: { id: 'm', title: 't' },
  })
  Y.applyUpdate(doc, update)
  return { doc, update }
}

it('an unreadable snapshot is set aside and the updates that do not need it are kept', () => {
  const independent = docWithNote('Stands on its own').update
  const rebuilt = rebuildDocument(storedOf(new Uint8Array([7, 7, 7]), [independent]))
  expect(rebuilt.setAside).toMatchObject([{ seq: 10, kind: 'snapshot', reason: 'undecodable update' }])
  expect(texts(rebuilt.doc)).toEqual(['Stands on its own'])
})

it(
  'an update that builds on a set-aside one is set aside too, without applying it',
  () => {
    const { update: first } = docWithNote('First')
    const { nested, revert } = nestedMapAndRevert()
    const rebuilt = rebuildDocument(storedOf(null, [first, nested, revert]))
    expect(rebuilt.setAside.map((entry) => [entry.seq, entry.reason])).toEqual([
      [12, `nests shared types more than ${MAX_TYPE_DEPTH} deep`],
      [13, 'deletes content the map does not have'],
    ])
    expect(texts(rebuilt.doc)).toEqual(['First'])
  },
  POISON_TIMEOUT_MS,
)

it(
  'the export rebuilds a stored document that does not load the same way',
  () => {
    const { update: first } = docWithNote('Kept in the record')
    const { nested, revert } = nestedMapAndRevert()
    const document = documentAt(storedOf(null, [first, nested, revert, new Uint8Array([1, 2, 3])]))
    expect(texts(document.doc)).toEqual(['Kept in the record'])
    expect(document.version).toBe(14)
  },
  POISON_TIMEOUT_MS,
)

it(
  'a snapshot that would not load is never written by compaction',
  () => {
    const { doc } = docWithNote('Fine')
    expect(snapshotLoads(Y.encodeStateAsUpdate(doc))).toBe(true)
    const { nested } = nestedMapAndRevert()
    Y.applyUpdate(doc, nested)
    expect(snapshotLoads(Y.encodeStateAsUpdate(doc))).toBe(false)
    expect(snapshotLoads(new Uint8Array([9, 9]))).toBe(false)
  },
  POISON_TIMEOUT_MS,
)
