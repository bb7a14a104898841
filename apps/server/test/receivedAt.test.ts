// receivedAt (SERVER-2): the server's clock when it first stored a note, written by the server in the turn it
// accepts the note, in both of a map's documents; no client writes, changes or deletes it; a restart or a
// compaction leaves it as it was; and with the conference's schedule (SCHEDULE-1) every client derives the same
// information status from it.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addNote,
  deleteNote,
  fromLondonTime,
  informationStatus,
  readConference,
  readMap,
  setSchedule,
} from '@mapboard/map-model'
import type { MapSnapshot, ReportsPolicy } from '@mapboard/map-model'
import { roomNameOf } from '@mapboard/protocol'
import type { JoinResponse } from '@mapboard/protocol'
import { connectClient, noteAuthor, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { download } from './support/download.ts'
import { HostileClient } from './support/hostileClient.ts'
import {
  NOTES,
  expectEveryoneReads,
  expectStillServing,
  startConference,
  synced,
} from './permissions/conference.ts'
import type { Conference } from './permissions/conference.ts'

const HOUR = 3_600_000
// The conference: Thursday 10 December 2026, 10:00 in London. The server's clock starts two days before.
const START = fromLondonTime(2026, 12, 10, 10, 0)
let clock = START - 48 * HOUR
const now = (): number => clock

let conference: Conference | undefined
const extra: TestClient[] = []

afterEach(async () => {
  for (const client of extra.splice(0)) client.destroy()
  await conference?.close()
  conference = undefined
  clock = START - 48 * HOUR
})

async function start(
  options: { compactionThreshold?: number; reportsPolicy?: ReportsPolicy } = {},
): Promise<Conference> {
  conference = await startConference({ now, ...options })
  return conference
}

function connect(c: Conference, who: JoinResponse, room = c.map.id): TestClient {
  const client = connectClient(c.server, room, who)
  extra.push(client)
  return client
}

const receivedAtOf = (doc: Y.Doc, id: string): number | undefined =>
  readMap(doc).notes.find((note) => note.id === id)?.receivedAt
const rawReceivedAt = (doc: Y.Doc, id: string): unknown =>
  (doc.getMap('notes').get(id) as Y.Map<unknown> | undefined)?.get('receivedAt')

describe('[SERVER-2] the server stamps every note it accepts', () => {
  it('[SERVER-2] a note gets the server’s clock, not the device’s, and every client reads the same value', async () => {
    const c = await start()
    expect(rawReceivedAt(c.serverDoc(), NOTES.pro)).toBe(START - 48 * HOUR)

    clock = START - 30 * HOUR
    const author = connect(c, c.professional)
    await author.synced
    // The device's clock is a year out; the note says so in createdAt, and the server's receipt is its own.
    const id = addNote(author.doc, {
      zone: 'past-harm',
      text: 'Missed two health visits',
      createdAt: START - 365 * 24 * HOUR,
      ...noteAuthor(c.professional),
    })
    for (const doc of [c.serverDoc(), author.doc, ...c.observers.map((client) => client.doc)]) {
      await waitFor(() => rawReceivedAt(doc, id) === START - 30 * HOUR, 5000, {
        message: 'the server’s receipt did not reach every client',
      })
    }
    const note = readMap(c.observers[0]!.doc).notes.find((n) => n.id === id)
    expect(note).toMatchObject({ createdAt: START - 365 * 24 * HOUR, receivedAt: START - 30 * HOUR })
  })

  it("[SERVER-2] notes of the professionals' document are stamped too", async () => {
    const c = await start()
    clock = START - 2 * HOUR
    const room = roomNameOf(c.map.id, 'professionals')
    const author = connect(c, c.professional, room)
    const chair = connect(c, c.chair, room)
    await Promise.all([author.synced, chair.synced])
    const id = addNote(author.doc, {
      zone: 'complicating-factors',
      text: 'Police information not yet disclosable',
      audience: 'professionals',
      ...noteAuthor(c.professional),
    })
    await waitFor(
      () => receivedAtOf(chair.doc, id) === START - 2 * HOUR && rawReceivedAt(chair.doc, id) !== undefined,
    )
    const loaded = c.server.app.rooms.getLoaded(room)
    expect(loaded?.read((doc) => rawReceivedAt(doc, id))).toBe(START - 2 * HOUR)
  })
})

describe('[SERVER-2] no client writes, changes or deletes receivedAt', () => {
  /** The offender is refused under SERVER-2 and everyone, the offender included, reads the map as it was. */
  async function expectRefused(c: Conference, offender: HostileClient, before: MapSnapshot): Promise<void> {
    await waitFor(() => offender.refusals.length > 0, 5000, { message: 'no refusal reached the offender' })
    expect(offender.refusals).toEqual([
      { rule: 'SERVER-2', message: 'Only the server records when a note was received.' },
    ])
    await expectEveryoneReads(c, [...c.observers.map((client) => client.doc), offender.doc], before)
    expect(offender.open).toBe(true)
    await expectStillServing(c)
  }

  it('[SERVER-2] a client adding a note that carries its own receivedAt is refused; the others carry on', async () => {
    const c = await start()
    const before = readMap(c.serverDoc())
    const pro = await HostileClient.connect(c.server, c.map.id, c.professional.token)
    await pro.edit((doc) =>
      doc.transact(() => {
        const id = addNote(doc, {
          zone: 'past-harm',
          text: 'Shared days ago, honestly',
          ...noteAuthor(c.professional),
        })
        ;(doc.getMap('notes').get(id) as Y.Map<unknown>).set('receivedAt', START - 10 * 24 * HOUR)
      }),
    )
    await expectRefused(c, pro, before)

    // The others carry on: the same note without the field is accepted and stamped by the server.
    clock = START - 3 * HOUR
    const other = connect(c, c.police)
    await other.synced
    const id = addNote(other.doc, {
      zone: 'past-harm',
      text: 'Call-out on Saturday',
      ...noteAuthor(c.police),
    })
    await waitFor(() => rawReceivedAt(c.observers[0]!.doc, id) === START - 3 * HOUR)
  })

  it('[SERVER-2] changing the receivedAt of an existing note is refused, the chair’s attempt too', async () => {
    const c = await start()
    const before = readMap(c.serverDoc())
    for (const who of [c.professional, c.chair]) {
      const offender = await HostileClient.connect(c.server, c.map.id, who.token)
      await offender.edit((doc) =>
        (doc.getMap('notes').get(NOTES.pro) as Y.Map<unknown>).set('receivedAt', START - 99 * HOUR),
      )
      await expectRefused(c, offender, before)
      offender.close()
    }
    expect(rawReceivedAt(c.serverDoc(), NOTES.pro)).toBe(START - 48 * HOUR)
  })

  it('[SERVER-2] deleting the receivedAt of a note is refused (it would be stamped anew)', async () => {
    const c = await start()
    const before = readMap(c.serverDoc())
    const pro = await HostileClient.connect(c.server, c.map.id, c.professional.token)
    clock = START + HOUR
    await pro.edit(
      (doc) => (doc.getMap('notes').get(NOTES.pro) as Y.Map<unknown>).delete('receivedAt'),
      'sync-step-2',
    )
    await expectRefused(c, pro, before)
    expect(rawReceivedAt(c.serverDoc(), NOTES.pro)).toBe(START - 48 * HOUR)
  })

  it('[SERVER-2] a note deleted and brought back keeps the time it was first received', async () => {
    const c = await start()
    const author = connect(c, c.professional)
    await author.synced
    const undo = new Y.UndoManager(author.doc.getMap('notes'), { captureTimeout: 0 })
    clock = START + HOUR
    deleteNote(author.doc, NOTES.pro)
    await waitFor(() => !readMap(c.observers[0]!.doc).notes.some((note) => note.id === NOTES.pro))
    undo.undo()
    await waitFor(() => readMap(c.observers[0]!.doc).notes.some((note) => note.id === NOTES.pro))
    await c.server.app.rooms.getLoaded(c.map.id)?.settle()
    expect(rawReceivedAt(c.serverDoc(), NOTES.pro)).toBe(START - 48 * HOUR)
    await waitFor(() => synced(c.observers[0]!.doc, c.serverDoc()))
    expect(receivedAtOf(c.observers[0]!.doc, NOTES.pro)).toBe(START - 48 * HOUR)
  })
})

describe('[SERVER-2] receivedAt is stored once', () => {
  it('[SERVER-2] after a compaction and a restart every note has the time it had; nothing is stamped anew', async () => {
    const c = await start({ compactionThreshold: 2 })
    const before = readMap(c.serverDoc()).notes.map((note) => [
      note.id,
      rawReceivedAt(c.serverDoc(), note.id),
    ])
    expect(before.every(([, at]) => at === START - 48 * HOUR)).toBe(true)
    for (const client of c.observers) client.destroy()
    clock = START + 5 * HOUR
    await c.server.restart()
    const chair = connect(c, c.chair)
    await chair.synced
    await waitFor(() => readMap(chair.doc).notes.length === before.length)
    expect(readMap(chair.doc).notes.map((note) => [note.id, rawReceivedAt(chair.doc, note.id)])).toEqual(
      before,
    )
    // The room loaded from a snapshot: what the server compacted kept the field.
    expect(c.server.app.rooms.getLoaded(c.map.id)?.tailLength).toBeLessThan(2)
    expect(
      readMap(c.serverDoc()).notes.map((note) => [note.id, rawReceivedAt(c.serverDoc(), note.id)]),
    ).toEqual(before)
  })
})

describe('[SCHEDULE-1] what was shared in time, in every client’s snapshot', () => {
  it('[SCHEDULE-1] a note added after the start is new, one after the deadline late, for everyone', async () => {
    const c = await start()
    const chairClient = c.observers[0]!
    setSchedule(chairClient.doc, { startsAt: START, type: 'initial' })
    const family = connect(c, c.family)
    const pro = connect(c, c.professional)
    await Promise.all([family.synced, pro.synced])
    await waitFor(() => readConference(family.doc).schedule !== null)

    clock = START - 2 * HOUR
    const late = addNote(pro.doc, {
      zone: 'past-harm',
      text: 'Report from the GP',
      ...noteAuthor(c.professional),
    })
    await waitFor(() => rawReceivedAt(family.doc, late) !== undefined)
    clock = START + 20 * 60_000
    const fresh = addNote(family.doc, {
      zone: 'existing-strengths',
      text: 'Gran will have the children on Fridays',
      ...noteAuthor(c.family),
    })
    const everyone = [c.serverDoc(), chairClient.doc, c.observers[1]!.doc, family.doc, pro.doc]
    for (const doc of everyone) await waitFor(() => rawReceivedAt(doc, fresh) !== undefined)
    for (const doc of everyone) {
      const schedule = readConference(doc).schedule
      const status = (id: string) => informationStatus(receivedAtOf(doc, id) ?? NaN, schedule)
      expect(schedule).toEqual({ startsAt: START, type: 'initial' })
      expect([status(NOTES.pro), status(late), status(fresh)]).toEqual(['in-time', 'late', 'new'])
    }
  })

  it('[SCHEDULE-1] a family member or professional setting the schedule is refused', async () => {
    const c = await start()
    const before = readMap(c.serverDoc())
    for (const who of [c.family, c.professional]) {
      const offender = await HostileClient.connect(c.server, c.map.id, who.token)
      await offender.edit((doc) => setSchedule(doc, { startsAt: START - 100 * HOUR, type: 'review' }))
      await waitFor(() => offender.refusals.length > 0)
      expect(offender.refusals.map((refusal) => refusal.rule)).toEqual(['SCHEDULE-1'])
      // The revert is a delete, which moves no state vector: wait for the value itself to go.
      await waitFor(() => readConference(offender.doc).schedule === null, 5000, {
        message: 'the offender’s schedule was not taken back',
      })
      offender.close()
    }
    expect(readConference(c.serverDoc()).schedule).toBe(null)
    expect(readMap(c.serverDoc())).toEqual(before)
  })
})

describe('[SCHEDULE-1] the record lists what was shared late and what was new', () => {
  it('[SCHEDULE-1] by the server’s receipts and the deployment’s reports policy', async () => {
    // This deployment wants reports 72 hours before an initial conference: the scene's notes, received 48 hours
    // before, are late.
    const c = await start({ reportsPolicy: { initialHours: 72, reviewWorkingDays: 3, bankHolidays: [] } })
    const chairClient = c.observers[0]!
    setSchedule(chairClient.doc, { startsAt: START, type: 'initial' })
    const pro = connect(c, c.professional)
    await pro.synced
    clock = START + 25 * 60_000
    const fresh = addNote(pro.doc, {
      zone: 'past-harm',
      text: 'Told to me this morning',
      ...noteAuthor(c.professional),
    })
    await waitFor(() => rawReceivedAt(chairClient.doc, fresh) !== undefined)
    await waitFor(() => readConference(c.serverDoc()).schedule !== null)

    const pdf = await download(c.server, `/api/maps/${c.map.id}/export.pdf`, c.chair.token)
    expect(pdf.status).toBe(200)
    const dir = mkdtempSync(join(tmpdir(), 'mapboard-received-'))
    let text: string
    try {
      writeFileSync(join(dir, 'record.pdf'), pdf.bytes)
      text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'record.pdf'), '-'], { encoding: 'utf8' })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    text = text.replace(/\s+/gu, ' ')
    expect(text).toContain('Conference type: Initial child protection conference')
    expect(text).toContain('Reports were due: 7 December 2026 at 10:00 GMT')
    const late = text.indexOf('Shared late (3 items)')
    const fresher = text.indexOf('New at the conference (1 item)')
    expect(late).toBeGreaterThan(0)
    expect(fresher).toBeGreaterThan(late)
    expect(text.slice(late, fresher)).toContain('Received 8 December 2026 at 10:00 GMT')
    expect(text.slice(fresher)).toContain('1. Told to me this morning')
    expect(text.slice(fresher)).toContain('Received 10 December 2026 at 10:25 GMT')
  })
})
