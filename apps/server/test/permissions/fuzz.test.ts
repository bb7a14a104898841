// Seeded fuzz: a chair, two professionals and a family member, each a real y-websocket client, make thousands of
// random edits — ordinary commands on anyone's notes and hand-made hostile writes — while the chair locks and
// unlocks sections; a viewer sends edits over a raw socket. Afterwards every client reads what the server holds,
// and the server's document keeps every rule.
//
// The check does not trust the document to judge itself. Every text or source anyone writes says who wrote it
// ("<participant id>#<n>"), so the final text of a note shows whose edit survived; and two sections stay locked
// from start to end, with the chair the only one whose commands are modelled for them. A rule that lets a
// forbidden edit through shows up as a text by the wrong person, a note by an unknown author, or a locked
// section that differs from the chair's model. A failure prints its seed: set FUZZ_SEED to replay it.
//
// The same run is made in the professionals' document, by the chair and the two professionals (no family device
// opens it), where the meeting's details are nobody's to write (AUD-2).
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  AUDIENCES,
  NOTE_COLOURS,
  NOTE_KINDS,
  ROOT_TYPE_NAMES,
  ZONE_IDS,
  addNote,
  deleteNote,
  moveNote,
  noteProblem,
  readMap,
  setLock,
  updateNote,
} from '@mapboard/map-model'
import type { Audience, ZoneId } from '@mapboard/map-model'
import type { JoinResponse } from '@mapboard/protocol'
import { createRng, noteAuthor, waitFor } from '@mapboard/test-kit'
import type { Rng, TestClient } from '@mapboard/test-kit'
import { startConference, synced } from './conference.ts'
import type { Conference, ConferenceRoom } from './conference.ts'

const SEED = Number(process.env.FUZZ_SEED ?? 20_251_126)
const ROUNDS = 300
/** Locked before the first edit and never unlocked: only the chair may change what is in them. */
const LOCKED_THROUGHOUT: readonly ZoneId[] = ['past-harm', 'safety-goals']
const TOGGLED = ZONE_IDS.filter((zone) => !LOCKED_THROUGHOUT.includes(zone))

interface Writer {
  join: JoinResponse
  doc: Y.Doc
  client: TestClient
  reconnects: number
}

interface Stats {
  commands: number
  hostile: number
  reconnects: number
  viewerEdits: number
  /** Refusals the writers' clients were told of (permission-denied messages). */
  refusals: number
}

let conference: Conference | undefined
afterEach(async () => {
  await conference?.close()
  conference = undefined
})

describe.each(AUDIENCES)('in the %s room', (audience) => {
  it(`seed ${SEED}: thousands of random and hostile edits leave every client equal and every rule kept`, async () => {
    const rng = createRng(SEED)
    conference = await startConference()
    const c = conference
    const room = await c.room(audience)
    const shared = audience === 'shared'
    const initial = readMap(room.serverDoc())
    const stats: Stats = { commands: 0, hostile: 0, reconnects: 0, viewerEdits: 0, refusals: 0 }
    let counter = 0
    const stamp = (who: JoinResponse): string => `${who.participant.id}#${++counter}`

    const joins = shared ? [c.chair, c.professional, c.police, c.family] : [c.chair, c.professional, c.police]
    const writers: Writer[] = joins.map((join) => {
      const doc = new Y.Doc()
      return { join, doc, client: room.connect(join, doc), reconnects: 0 }
    })
    const [chair] = writers as [Writer]
    await Promise.all(writers.map((w) => w.client.synced))
    // Someone who only reads: a viewer in the shared room (and one sending edits anyway), the police officer's
    // other tab in the professionals'.
    const watcher = shared ? c.connect(c.viewer) : room.observers[1]
    const viewer = shared ? await c.hostile(c.viewer) : undefined
    await watcher.synced

    // Seed every unlocked section with a note by each non-chair writer, then lock two sections for good.
    const unlocked = ZONE_IDS.filter((zone) => !readMap(chair.doc).locks.includes(zone))
    for (const writer of writers.slice(1)) {
      for (const zone of unlocked)
        addNote(writer.doc, { zone, text: stamp(writer.join), audience, ...noteAuthor(writer.join) })
    }
    await waitFor(
      () => readMap(chair.doc).notes.length === initial.notes.length + (writers.length - 1) * unlocked.length,
      10_000,
    )
    for (const zone of LOCKED_THROUGHOUT) setLock(chair.doc, zone, true)
    await waitFor(() => LOCKED_THROUGHOUT.every((zone) => readMap(room.serverDoc()).locks.includes(zone)))
    await waitFor(() => writers.every((w) => synced(w.doc, room.serverDoc())))

    // The chair's model of the locked sections: id → text. Only the chair's commands change it.
    const lockedModel = new Map<string, string>()
    for (const note of readMap(chair.doc).notes) {
      if (LOCKED_THROUGHOUT.includes(note.zone)) lockedModel.set(note.id, note.text)
    }
    const lockModel = new Set<ZoneId>(readMap(chair.doc).locks)
    // The conference's first notes were written before stamping: a text still as it was then is its author's.
    const firstTexts = new Map(readMap(chair.doc).notes.map((note) => [note.id, note.text]))

    for (let round = 0; round < ROUNDS; round++) {
      for (const writer of rng.shuffle(writers)) {
        reconnectIfClosed(room, writer, stats)
        const count = rng.int(1, 4)
        for (let i = 0; i < count; i++) {
          stats.commands++
          if (writer === chair) chairCommand(rng, chair, stamp, lockedModel, lockModel, stats, audience)
          else otherCommand(rng, writer, writers, stamp, stats, audience)
        }
      }
      if (viewer !== undefined && rng.chance(0.1) && viewer.open) {
        stats.viewerEdits++
        await viewer.edit((doc) =>
          addNote(doc, { zone: rng.pick(ZONE_IDS), text: stamp(c.viewer), ...noteAuthor(c.viewer) }),
        )
      }
      // Let messages cross in varied orders: sometimes none are delivered between rounds, sometimes some.
      if (rng.chance(0.7)) await new Promise((resolve) => setTimeout(resolve, rng.int(0, 3)))
    }

    // Settle: everyone reconnected and caught up with the server.
    const server = room.serverDoc()
    const converged = () => [...writers.map((w) => w.doc), watcher.doc].every((doc) => synced(doc, server))
    await waitFor(
      () => {
        for (const writer of writers) reconnectIfClosed(room, writer, stats)
        return converged()
      },
      15_000,
      { message: `clients did not converge (seed ${SEED})` },
    ).catch((error: unknown) => {
      // What each client was doing, to tell a lost message from a refused connection.
      const state = writers.map((w) => ({
        who: w.join.participant.name,
        closes: w.client.closes.map((close) => close.code),
        connected: w.client.provider.wsconnected,
        synced: synced(w.doc, server),
        reconnects: w.reconnects,
      }))
      throw new Error(`${String(error)}\n${JSON.stringify(state)}`)
    })
    await c.server.app.rooms.getLoaded(room.name)?.settle()

    const final = readMap(server)
    for (const writer of writers)
      expect(readMap(writer.doc), `${writer.join.participant.name}, seed ${SEED}`).toEqual(final)
    expect(readMap(watcher.doc), `watcher, seed ${SEED}`).toEqual(final)
    const newcomer = shared ? c.connect(c.viewer) : room.connect(c.police)
    await newcomer.synced
    await waitFor(() => synced(newcomer.doc, server))
    expect(readMap(newcomer.doc)).toEqual(final)

    // Every rule, checked from what people wrote rather than from the document's own say-so.
    const people = new Map(joins.map((j) => [j.participant.id, j.participant]))
    const chairId = c.chair.participant.id
    const whoWrote = (text: string): string => text.slice(0, text.lastIndexOf('#'))
    const notes = server.getMap('notes')
    for (const note of final.notes) {
      const author = people.get(note.authorId)
      expect(author, `[OWN-1] author of ${note.id} (seed ${SEED})`).toBeDefined()
      expect({ author: note.author, agency: note.agency }, `[OWN-1] ${note.id}`).toEqual({
        author: author?.name,
        agency: author?.agency,
      })
      if (firstTexts.get(note.id) !== note.text) {
        expect([note.authorId, chairId], `[OWN-2] text of ${note.id}: ${note.text} (seed ${SEED})`).toContain(
          whoWrote(note.text),
        )
      }
      if (note.source !== '')
        expect([note.authorId, chairId], `[OWN-2] source of ${note.id}`).toContain(whoWrote(note.source))
      expect(
        noteProblem(note.id, notes.get(note.id) as Y.Map<unknown>),
        `[SHAPE-1] ${note.id}`,
      ).toBeUndefined()
    }
    expect(final.locks, `[CHAIR-1] locks (seed ${SEED})`).toEqual(
      ZONE_IDS.filter((zone) => lockModel.has(zone)),
    )
    if (shared) {
      expect(
        final.title === 'Initial child protection conference' || whoWrote(final.title) === chairId,
        '[CHAIR-2]',
      ).toBe(true)
    } else {
      expect(final.title, '[AUD-2]').toBe(initial.title)
    }
    const inLocked = new Map(
      final.notes.filter((n) => LOCKED_THROUGHOUT.includes(n.zone)).map((n) => [n.id, n.text]),
    )
    expect(inLocked, `[LOCK-1..4] sections locked throughout (seed ${SEED})`).toEqual(lockedModel)
    const roots = new Set<string>(ROOT_TYPE_NAMES)
    expect(
      [...server.share.keys()].filter((name) => !roots.has(name)),
      '[SHAPE-2]',
    ).toEqual([])

    // The run did what it says: many commands, many refused, reconnects after too many refusals (bounds per writer:
    // the professionals' room has no family member writing).
    expect(stats.commands).toBeGreaterThan(500 * writers.length)
    expect(stats.hostile).toBeGreaterThan(100 * (writers.length - 1))
    stats.refusals += writers.reduce((sum, w) => sum + w.client.refusals.length, 0)
    expect(stats.refusals).toBeGreaterThan(100 * (writers.length - 1))
    expect(stats.reconnects).toBeGreaterThan(0)
    expect(final.notes.length).toBeGreaterThan(50)
    if (viewer !== undefined) {
      expect(stats.viewerEdits).toBeGreaterThan(10)
      expect(viewer.refusals.map((r) => r.rule)).toEqual(['VIEW-1'])
    }
  }, 60_000)
})

/** A writer closed for too many refusals (4429) comes back with the same document, as a person reloading would. */
function reconnectIfClosed(room: ConferenceRoom, writer: Writer, stats: Stats): void {
  if (writer.client.provider.shouldConnect) return
  stats.refusals += writer.client.refusals.length
  writer.client.destroy()
  writer.client = room.connect(writer.join, writer.doc)
  writer.reconnects++
  stats.reconnects++
}

function textFields(
  rng: Rng,
  text: string,
): { text: string; kind?: (typeof NOTE_KINDS)[number]; colour?: (typeof NOTE_COLOURS)[number] } {
  return {
    text,
    ...(rng.chance(0.3) ? { kind: rng.pick(NOTE_KINDS) } : {}),
    ...(rng.chance(0.2) ? { colour: rng.pick(NOTE_COLOURS) } : {}),
  }
}

function chairCommand(
  rng: Rng,
  chair: Writer,
  stamp: (who: JoinResponse) => string,
  lockedModel: Map<string, string>,
  lockModel: Set<ZoneId>,
  stats: Stats,
  audience: Audience,
): void {
  const doc = chair.doc
  const notes = readMap(doc).notes
  const roll = rng.next()
  if (roll < 0.25 || notes.length === 0) {
    const zone = rng.pick(ZONE_IDS)
    const text = stamp(chair.join)
    const id = addNote(doc, { zone, ...textFields(rng, text), audience, ...noteAuthor(chair.join) })
    if (LOCKED_THROUGHOUT.includes(zone)) lockedModel.set(id, text)
  } else if (roll < 0.5) {
    const note = rng.pick(notes)
    const text = stamp(chair.join)
    updateNote(doc, note.id, {
      ...textFields(rng, text),
      ...(rng.chance(0.3) ? { source: stamp(chair.join) } : {}),
    })
    if (lockedModel.has(note.id)) lockedModel.set(note.id, text)
  } else if (roll < 0.65) {
    // Within a section locked throughout, or between the others: the model of those sections stays exact.
    const note = rng.pick(notes)
    const zone = LOCKED_THROUGHOUT.includes(note.zone) ? note.zone : rng.pick(TOGGLED)
    moveNote(doc, note.id, { zone, index: rng.int(0, 8) })
  } else if (roll < 0.72) {
    const note = rng.pick(notes)
    deleteNote(doc, note.id)
    lockedModel.delete(note.id)
  } else if (roll < 0.9) {
    const zone = rng.pick(TOGGLED)
    const locked = rng.chance(0.5)
    // A command that finds the section already as asked writes nothing; only a write is the chair's say. (The
    // chair's view can differ from its last write for a moment: when another's refused unlock is reverted while
    // the chair's own unlock is on its way, the chair sees the restored lock until its unlock is passed on.)
    const was = readMap(doc).locks.includes(zone)
    setLock(doc, zone, locked)
    if (was !== locked && locked) lockModel.add(zone)
    if (was !== locked && !locked) lockModel.delete(zone)
  } else if (roll < 0.95) {
    // The meeting's details are the chair's to write in the shared document only (AUD-2 in the professionals'):
    // there, the chair renames nothing. Refused renames would close the chair for too many refusals, and the edits
    // it resends on reconnecting arrive merged with a refused rename and are reverted with it, which the chair's
    // model of the locks cannot follow.
    if (audience === 'shared') doc.getMap('meta').set('title', stamp(chair.join))
  } else {
    // Even the chair may not sign a note with someone else's name (OWN-1): refused and reverted.
    stats.hostile++
    const someone = rng.pick(notes)
    addNote(doc, {
      zone: rng.pick(TOGGLED),
      text: stamp(chair.join),
      audience,
      authorId: someone.authorId,
      author: someone.author,
      agency: someone.agency,
    })
  }
}

function otherCommand(
  rng: Rng,
  writer: Writer,
  writers: readonly Writer[],
  stamp: (who: JoinResponse) => string,
  stats: Stats,
  audience: Audience,
): void {
  const doc = writer.doc
  const me = writer.join
  const notes = readMap(doc).notes
  const roll = rng.next()
  if (roll < 0.3 || notes.length === 0) {
    addNote(doc, { zone: rng.pick(ZONE_IDS), ...textFields(rng, stamp(me)), audience, ...noteAuthor(me) })
    return
  }
  // Ordinary commands, on anyone's note: the rules sort out which are theirs to make.
  const mine = notes.filter((n) => n.authorId === me.participant.id)
  const note = rng.chance(0.6) && mine.length > 0 ? rng.pick(mine) : rng.pick(notes)
  if (roll < 0.5) {
    updateNote(doc, note.id, {
      ...textFields(rng, stamp(me)),
      ...(rng.chance(0.3) ? { source: stamp(me) } : {}),
    })
    return
  }
  if (roll < 0.65) {
    moveNote(doc, note.id, { zone: rng.pick(ZONE_IDS), index: rng.int(0, 8) })
    return
  }
  if (roll < 0.73) {
    deleteNote(doc, note.id)
    return
  }
  // Hand-made writes no command makes.
  stats.hostile++
  const notesMap = doc.getMap('notes')
  const target = notesMap.get(note.id) as Y.Map<unknown>
  const other = rng.pick(writers.filter((w) => w !== writer)).join
  switch (rng.int(0, 8)) {
    case 0:
      setLock(doc, rng.pick(ZONE_IDS), rng.chance(0.5))
      break
    case 1:
      doc.getMap('meta').set('title', stamp(me))
      break
    case 2:
      addNote(doc, { zone: rng.pick(ZONE_IDS), text: stamp(me), audience, ...noteAuthor(other) })
      break
    case 3:
      doc.transact(() => {
        target.set('authorId', me.participant.id)
        target.set('author', me.participant.name)
        target.set('agency', me.participant.agency)
      })
      break
    case 4:
      target.set(rng.pick(['kind', 'colour', 'zone']), 'nonsense')
      break
    case 5:
      target.set('secret', stamp(me))
      break
    case 6:
      // The same note under the same key, rewritten as a new map (a delete and an add in one).
      doc.transact(() => {
        const fields = [...target.entries()]
        const replacement = new Y.Map<unknown>()
        notesMap.set(note.id, replacement)
        for (const [key, value] of fields) replacement.set(key, value)
        replacement.set('text', stamp(me))
      })
      break
    case 7:
      target.set('order', 'V')
      break
    default:
      target.delete('text')
  }
}
