import { describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import {
  addDangerStatement,
  addNextStep,
  addNote,
  deleteNote,
  initMap,
  moveNote,
  recordDecision,
  removeDangerStatement,
  removeNextStep,
  setApologies,
  setFamilyMayExport,
  setFamilyView,
  setLock,
  setSafetyGoal,
  setStep,
  updateDangerStatement,
  updateNextStep,
  updateNote,
  writeAttendance,
  writeScalingRound,
} from '@mapboard/map-model'
import { DEFAULT_UPDATE_LIMITS, checkUpdate } from '../src/rooms/checkUpdate.ts'
import type { UpdateLimits } from '../src/rooms/checkUpdate.ts'
import { nestedMapsUpdate } from './support/nestedMaps.ts'

const { maxStringLength, maxContentBytes, maxKeyLength, maxStructs, maxSharedTypes } = DEFAULT_UPDATE_LIMITS
const by = { participantId: 'pro-1', name: 'Ms Patel', agency: 'School' }

/** What `edit` writes on a replica of `server` (a fresh one by default), as that replica would send it. */
function update(edit: (doc: Y.Doc) => void, server?: Y.Doc): Uint8Array {
  const doc = new Y.Doc()
  if (server !== undefined) Y.applyUpdate(doc, Y.encodeStateAsUpdate(server))
  const before = Y.encodeStateVector(doc)
  edit(doc)
  return Y.encodeStateAsUpdate(doc, before)
}

/** Checks what `edit` writes against `server`, and applies it there if it passes (as the room would). */
function sent(server: Y.Doc, edit: (doc: Y.Doc) => void): ReturnType<typeof checkUpdate> {
  const bytes = update(edit, server)
  const result = checkUpdate(bytes, server)
  if (result.ok) Y.applyUpdate(server, bytes)
  return result
}

function refusal(bytes: Uint8Array, server: Y.Doc = new Y.Doc(), limits?: UpdateLimits): string {
  const result = checkUpdate(bytes, server, limits)
  expect(result.ok, 'the update should be refused').toBe(false)
  return result.ok ? '' : result.reason
}

/** A server document holding one note, and the note's id. */
function serverWithNote(): { server: Y.Doc; id: string } {
  const server = new Y.Doc()
  initMap(server, { title: 'Review' })
  const id = addNote(server, { zone: 'past-harm', text: 'Bruise seen at nursery', authorId: 'p1' })
  return { server, id }
}

const note = (doc: Y.Doc, id: string) => doc.getMap('notes').get(id) as Y.Map<unknown>

describe('checkUpdate: what the map-model commands write passes', () => {
  it('notes: add, edit, move, delete, and a delete undone', () => {
    const server = new Y.Doc()
    expect(sent(server, (d) => initMap(d, { title: 'Review' }))).toEqual({ ok: true })
    let id = ''
    expect(
      sent(server, (d) => (id = addNote(d, { zone: 'past-harm', text: 'x'.repeat(1000), source: 'GP' }))),
    ).toEqual({ ok: true })
    expect(sent(server, (d) => updateNote(d, id, { text: 'shorter', kind: 'fact', colour: 'blue' }))).toEqual(
      {
        ok: true,
      },
    )
    const other = addNote(server, { zone: 'past-harm', text: 'another' })
    expect(sent(server, (d) => moveNote(d, id, { zone: 'past-harm', index: 1 }))).toEqual({ ok: true })
    expect(sent(server, (d) => moveNote(d, other, { zone: 'next-steps' }))).toEqual({ ok: true })
    expect(sent(server, (d) => deleteNote(d, other))).toEqual({ ok: true })
    // Undoing a delete writes a new note map under the same key: it inherits `notes` from the old one, which the
    // server holds (deleted).
    expect(
      sent(server, (d) => {
        const undo = new Y.UndoManager(d.getMap('notes'))
        deleteNote(d, id)
        undo.stopCapturing()
        undo.undo()
      }),
    ).toEqual({ ok: true })
    expect(note(server, id).get('text')).toBe('shorter')
  })

  it('locks and the conference parts', () => {
    const { server } = serverWithNote()
    expect(sent(server, (d) => setLock(d, 'past-harm', true))).toEqual({ ok: true })
    expect(sent(server, (d) => setLock(d, 'past-harm', false))).toEqual({ ok: true })
    expect(sent(server, (d) => setStep(d, 'analysis'))).toEqual({ ok: true })
    expect(sent(server, (d) => setStep(d, 'close'))).toEqual({ ok: true })
    let danger = ''
    const parts = { who: 'The school', worry: 'Sam misses school', outcome: 'Sam will fall behind' }
    expect(sent(server, (d) => (danger = addDangerStatement(d, parts, by)))).toEqual({ ok: true })
    expect(sent(server, (d) => updateDangerStatement(d, danger, { who: 'The police' }, by))).toEqual({
      ok: true,
    })
    const goal = { parents: 'Take Sam to school', child: 'Sam goes', professionals: 'We check' }
    expect(sent(server, (d) => setSafetyGoal(d, danger, goal, by))).toEqual({ ok: true })
    expect(sent(server, (d) => setFamilyView(d, danger, 'We agree', by))).toEqual({ ok: true })
    let step = ''
    const next = { what: 'Visit', who: 'Ms Patel', agency: 'School', due: '2027-01-10' }
    expect(sent(server, (d) => (step = addNextStep(d, next, by)))).toEqual({ ok: true })
    expect(sent(server, (d) => updateNextStep(d, step, { done: true }, by))).toEqual({ ok: true })
    expect(sent(server, (d) => removeNextStep(d, step))).toEqual({ ok: true })
    expect(sent(server, (d) => removeDangerStatement(d, danger))).toEqual({ ok: true })
    const decision = {
      outcome: 'cin-plan' as const,
      category: null,
      reasons: 'Things are better.',
      agencyViews: [{ agency: 'School', view: 'Agrees' }],
      dissent: [{ name: 'PC Jones', agency: 'Police', view: 'Wants a plan' }],
    }
    expect(sent(server, (d) => recordDecision(d, decision, 42))).toEqual({ ok: true })
    expect(
      sent(server, (d) => setApologies(d, [{ name: 'Dr Lee', role: 'professional', agency: 'GP' }])),
    ).toEqual({ ok: true })
    expect(sent(server, (d) => setFamilyMayExport(d, true))).toEqual({ ok: true })
    // The server writes these itself; a client's SyncStep2 may still echo them back.
    expect(
      sent(server, (d) => {
        writeAttendance(d, {
          participantId: 'p1',
          name: 'Mum',
          role: 'family',
          agency: '',
          joinedAt: 1,
          present: true,
          leftAt: null,
        })
        writeScalingRound(d, {
          id: 'round-1',
          subject: { kind: 'overall' },
          chairScales: false,
          status: 'open',
          openedAt: 1,
          count: 0,
          revealedAt: null,
          results: [],
        })
      }),
    ).toEqual({ ok: true })
    expect(checkUpdate(Y.encodeStateAsUpdate(server), new Y.Doc())).toEqual({ ok: true })
    expect(checkUpdate(Y.encodeStateAsUpdate(server), server)).toEqual({ ok: true })
  })

  it('an edit of a note that someone else has just deleted (Yjs collects it)', () => {
    const { server, id } = serverWithNote()
    const edit = update((d) => updateNote(d, id, { text: 'late' }), server)
    deleteNote(server, id)
    expect(checkUpdate(edit, server)).toEqual({ ok: true })
  })

  it('an edit that builds on content the server lacks goes on to be kept pending (and dropped by the room)', () => {
    const offline = new Y.Doc()
    const id = addNote(offline, { zone: 'past-harm', text: 'written offline' })
    const edit = update((d) => updateNote(d, id, { text: 'edited before the SyncStep2 arrived' }), offline)
    expect(checkUpdate(edit, new Y.Doc())).toEqual({ ok: true })
  })
})

describe('checkUpdate: nothing nests but a note map directly under notes', () => {
  it('refuses a map nested under a note field (the parent named by id, the note in the document)', () => {
    const { server, id } = serverWithNote()
    expect(
      refusal(
        update((d) => note(d, id).set('extra', new Y.Map()), server),
        server,
      ),
    ).toMatch(/nested in a note/)
  })

  it('refuses a map nested under a note field, inheriting its parent from an origin in the document', () => {
    const { server, id } = serverWithNote()
    const bytes = update((d) => note(d, id).set('text', new Y.Map()), server)
    const item = Y.decodeUpdate(bytes).structs[0] as Y.Item
    expect(item.parent).toBeNull() // nothing names the note: its left origin, the old text, is in the document
    expect(item.origin).not.toBeNull()
    expect(refusal(bytes, server)).toMatch(/nested in a note/)
  })

  it('refuses a map nested in a note written in the same update (by id, and through an origin there)', () => {
    const byId = update((d) => {
      const id = addNote(d, { zone: 'past-harm', text: 'new' })
      note(d, id).set('extra', new Y.Map())
    })
    expect(refusal(byId)).toMatch(/nested in a note/)
    const byOrigin = update((d) => {
      const id = addNote(d, { zone: 'past-harm', text: 'new' })
      note(d, id).set('text', new Y.Map())
    })
    const item = Y.decodeUpdate(byOrigin)
      .structs.filter((s): s is Y.Item => s instanceof Y.Item)
      .find((s) => s.content instanceof Y.ContentType && s.parent === null)
    expect(item?.origin).not.toBeNull()
    expect(refusal(byOrigin)).toMatch(/nested in a note/)
  })

  it('refuses maps nested level under level through plain values (each level inherits its parent)', () => {
    // Under each map a plain value, then a map written over it: the map names no parent, it takes the value's.
    const bytes = update((d) => {
      let map = new Y.Map<unknown>()
      d.getMap('notes').set('n', map)
      for (let level = 0; level < 50; level++) {
        map.set('a', 1)
        const inner = new Y.Map<unknown>()
        map.set('a', inner)
        map = inner
      }
    })
    expect(refusal(bytes)).toMatch(/nested in a note|nested below the notes/)
  })

  it('refuses a plain value whose parent is a nested map or holds no type', () => {
    const { server, id } = serverWithNote()
    // The nested map already in the document (from before this check), and a value written into it.
    const legacy = note(server, id)
    legacy.set('inner', new Y.Map())
    const inner = legacy.get('inner') as Y.Map<unknown>
    expect(
      refusal(
        update((d) => (note(d, id).get('inner') as Y.Map<unknown>).set('x', 1), server),
        server,
      ),
    ).toMatch(/inside a nested type/)
    expect(inner.size).toBe(0)
    // A value naming as its parent an item that holds a plain value.
    const textItem = (note(server, id) as unknown as { _map: Map<string, Y.Item> })._map.get('text') as Y.Item
    expect(refusal(handMadeItem({ parent: textItem.id, key: 'x' }), server)).toMatch(/not a map/)
  })

  it('refuses maps in roots other than notes, and maps deep below notes at any depth', () => {
    expect(refusal(update((d) => d.getMap('meta').set('m', new Y.Map())))).toMatch(/a map in meta/)
    expect(refusal(update((d) => d.getMap('dangers').set('m', new Y.Map())))).toMatch(/a map in dangers/)
    const wide: UpdateLimits = { ...DEFAULT_UPDATE_LIMITS, maxStructs: 1e6, maxSharedTypes: 1e6 }
    for (const depth of [2, 2000, 20_000]) {
      expect(refusal(nestedMapsUpdate({ client: 7, depth }), new Y.Doc(), wide)).toMatch(/nested in a note/)
    }
    expect(checkUpdate(nestedMapsUpdate({ client: 7, depth: 1 }), new Y.Doc())).toEqual({ ok: true })
  })

  it('refuses a map whose parent the server does not have', () => {
    expect(refusal(handMadeItem({ origin: Y.createID(99, 5), map: true }))).toMatch(/does not have/)
  })

  it('refuses structs that refer ahead, in a circle, or list a client twice', () => {
    expect(refusal(handMadeItem({ origin: Y.createID(1, 0) }))).toMatch(/refers ahead/)
    const circle = encoding.createEncoder()
    encoding.writeVarUint(circle, 2)
    for (const [client, other] of [
      [1, 2],
      [2, 1],
    ] as const) {
      encoding.writeVarUint(circle, 1)
      encoding.writeVarUint(circle, client)
      encoding.writeVarUint(circle, 0)
      writeItem(circle, { origin: Y.createID(other, 0) })
    }
    encoding.writeVarUint(circle, 0)
    expect(refusal(encoding.toUint8Array(circle))).toMatch(/circle/)
    const twice = encoding.createEncoder()
    encoding.writeVarUint(twice, 2)
    for (const clock of [0, 0]) {
      encoding.writeVarUint(twice, 1)
      encoding.writeVarUint(twice, 1)
      encoding.writeVarUint(twice, clock)
      writeItem(twice, { root: 'meta', key: 'k' })
    }
    encoding.writeVarUint(twice, 0)
    expect(refusal(encoding.toUint8Array(twice))).toMatch(/listed twice/)
  })
})

describe('checkUpdate: content and bounds', () => {
  it.each([
    ['an unknown root', (d: Y.Doc) => d.getMap('other').set('a', 1), /unknown root/],
    ['an array root', (d: Y.Doc) => d.getArray('notes').insert(0, [1]), /list content/],
    ['a text root', (d: Y.Doc) => d.getText('meta').insert(0, 'hi'), /ContentString/],
    ['a sub-document', (d: Y.Doc) => d.getMap('notes').set('n', new Y.Doc()), /sub-document/],
    ['a nested array', (d: Y.Doc) => d.getMap('notes').set('n', new Y.Array()), /YArray \(only Y.Map\)/],
    ['a nested text', (d: Y.Doc) => d.getMap('notes').set('n', new Y.Text()), /YText \(only Y.Map\)/],
    ['a nested XML fragment', (d: Y.Doc) => d.getMap('notes').set('n', new Y.XmlFragment()), /only Y.Map/],
    ['a binary value', (d: Y.Doc) => d.getMap('meta').set('b', new Uint8Array([1])), /ContentBinary/],
    [
      'a long string',
      (d: Y.Doc) => d.getMap('meta').set('title', 'x'.repeat(maxStringLength + 1)),
      /string too long/,
    ],
    ['a long key', (d: Y.Doc) => d.getMap('meta').set('k'.repeat(maxKeyLength + 1), 1), /key too long/],
    [
      'a long key inside an object',
      (d: Y.Doc) => d.getMap('meta').set('o', { ['k'.repeat(maxKeyLength + 1)]: 1 }),
      /object key too long/,
    ],
    [
      'a long string inside an object',
      (d: Y.Doc) => d.getMap('meta').set('o', { a: ['x'.repeat(maxStringLength + 1)] }),
      /string/,
    ],
    ['a deep value', (d: Y.Doc) => d.getMap('meta').set('o', [[[[[[[[[[1]]]]]]]]]]), /deeply/],
    [
      'a big value',
      (d: Y.Doc) =>
        d.getMap('meta').set(
          'o',
          Array.from({ length: Math.ceil(maxContentBytes / 1000) + 1 }, () => 'y'.repeat(1000)),
        ),
      /large/,
    ],
  ])('refuses %s', (_name, edit, reason) => {
    expect(refusal(update(edit))).toMatch(reason)
  })

  it('accepts strings and keys exactly at their bounds', () => {
    const server = new Y.Doc()
    expect(
      sent(server, (d) => {
        d.getMap('meta').set('k'.repeat(maxKeyLength), 'x'.repeat(maxStringLength))
        d.getMap('meta').set('o', { ['k'.repeat(maxKeyLength)]: ['x'.repeat(maxStringLength)] })
      }),
    ).toEqual({ ok: true })
  })

  it(`refuses more than ${maxStructs} structs, or more than ${maxSharedTypes} note maps, in one update`, () => {
    const values = (count: number) =>
      update((d) => {
        const meta = d.getMap('meta')
        for (let i = 0; i < count; i++) meta.set(`k${i}`, i) // one struct each
      })
    expect(Y.decodeUpdate(values(maxStructs)).structs).toHaveLength(maxStructs)
    expect(checkUpdate(values(maxStructs), new Y.Doc())).toEqual({ ok: true })
    expect(refusal(values(maxStructs + 1))).toMatch(/more than 30000 structs/)
    const maps = (count: number) =>
      update((d) => {
        const notes = d.getMap('notes')
        for (let i = 0; i < count; i++) notes.set(`n${i}`, new Y.Map())
      })
    expect(checkUpdate(maps(maxSharedTypes), new Y.Doc())).toEqual({ ok: true })
    expect(refusal(maps(maxSharedTypes + 1))).toMatch(/more than 3000 shared types/)
  })

  it('refuses bytes that are not an update, before and after the first pass', () => {
    expect(checkUpdate(new Uint8Array([1, 2, 3, 4, 5]), new Y.Doc())).toEqual({
      ok: false,
      reason: 'undecodable update',
    })
    const truncated = update((d) => d.getMap('meta').set('title', 'A title'))
    expect(refusal(truncated.slice(0, truncated.length - 4))).toBe('undecodable update')
  })

  it('refuses a hostile 2 MiB frame of nested maps quickly', () => {
    const bytes = nestedMapsUpdate({ client: 7, depth: 200_000 })
    const start = performance.now()
    expect(refusal(bytes)).toMatch(/more than 3000 shared types/)
    expect(performance.now() - start).toBeLessThan(50)
  })
})

/** One hand-encoded item (client 1, clock 0) with a plain value, or an empty Y.Map. */
function handMadeItem(spec: ItemSpec): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, 0)
  writeItem(encoder, spec)
  encoding.writeVarUint(encoder, 0)
  return encoding.toUint8Array(encoder)
}

interface ItemSpec {
  origin?: Y.ID
  root?: string
  parent?: Y.ID
  key?: string
  map?: boolean
}

function writeItem(encoder: encoding.Encoder, spec: ItemSpec): void {
  const content = spec.map === true ? 7 : 8
  const hasKey = spec.origin === undefined && spec.key !== undefined
  encoding.writeUint8(encoder, content | (spec.origin === undefined ? 0 : 0x80) | (hasKey ? 0x20 : 0))
  if (spec.origin !== undefined) {
    encoding.writeVarUint(encoder, spec.origin.client)
    encoding.writeVarUint(encoder, spec.origin.clock)
  } else if (spec.parent !== undefined) {
    encoding.writeVarUint(encoder, 0)
    encoding.writeVarUint(encoder, spec.parent.client)
    encoding.writeVarUint(encoder, spec.parent.clock)
  } else {
    encoding.writeVarUint(encoder, 1)
    encoding.writeVarString(encoder, spec.root ?? 'meta')
  }
  if (hasKey) encoding.writeVarString(encoder, spec.key as string)
  if (spec.map === true) encoding.writeVarUint(encoder, 1)
  else {
    encoding.writeVarUint(encoder, 1)
    encoding.writeAny(encoder, 1)
  }
}
