// One test (or a few) per rule id of permissions/rules.ts, each with the allowed case beside the refused one, so
// a rule that refuses everything fails here as surely as one that refuses nothing.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import {
  RULE_IDS,
  addNote,
  deleteNote,
  moveNote,
  readMap,
  setLock,
  updateNote,
  type ZoneId,
} from '../../src/index.ts'
import { Server, by, chair, family, pro, pro2, refusedBy, viewer } from './judge.ts'

const noteMap = (doc: Y.Doc, id: string): Y.Map<unknown> => doc.getMap('notes').get(id) as Y.Map<unknown>

/** A server with one note by each of pro, family and chair in unlocked sections, and one by pro in a locked one. */
function scene(): Server {
  const server = new Server()
  server.note(pro, 'past-harm', 'pro-note')
  server.note(family, 'existing-strengths', 'family-note')
  server.note(chair, 'next-steps', 'chair-note')
  server.note(pro, 'future-danger', 'locked-note')
  setLock(server.doc, 'future-danger', true)
  return server
}

describe('[VIEW-1] viewers never change the document', () => {
  test('[VIEW-1] a viewer adding a note is refused; the same note from a professional is not', () => {
    const server = scene()
    const add = (doc: Y.Doc) => addNote(doc, { zone: 'past-harm', text: 'seen', id: 'v', ...by(viewer) })
    expect(server.judge(viewer, add)).toMatchObject({ allowed: false, rule: 'VIEW-1' })
    expect(
      refusedBy(server.judge(pro, (doc) => addNote(doc, { zone: 'past-harm', text: 'x', ...by(pro) }))),
    ).toBe(undefined)
  })

  test('[VIEW-1] a viewer’s delete of an existing note is refused, even of an item nobody can see', () => {
    const server = scene()
    expect(refusedBy(server.judge(viewer, (doc) => deleteNote(doc, 'pro-note')))).toBe('VIEW-1')
    // An update that only repeats what the server has writes nothing: nothing to refuse.
    expect(server.judgeUpdate(viewer, Y.encodeStateAsUpdate(server.doc))).toEqual({ allowed: true })
  })
})

describe('[CHAIR-1] only the chair changes locks', () => {
  test.each([pro, family])('[CHAIR-1] a $role locking or unlocking a section is refused', (actor) => {
    const server = scene()
    expect(server.judge(actor, (doc) => setLock(doc, 'past-harm', true))).toEqual({
      allowed: false,
      rule: 'CHAIR-1',
      message: 'Only the chair can lock or unlock a section.',
    })
    expect(refusedBy(server.judge(actor, (doc) => setLock(doc, 'future-danger', false)))).toBe('CHAIR-1')
  })

  test('[CHAIR-1] the chair locks and unlocks', () => {
    const server = scene()
    expect(server.judge(chair, (doc) => setLock(doc, 'past-harm', true))).toEqual({ allowed: true })
    expect(server.judge(chair, (doc) => setLock(doc, 'future-danger', false))).toEqual({ allowed: true })
  })

  test('[CHAIR-1] unlocking and editing in one transaction is judged by the lock as it was (refused)', () => {
    const server = scene()
    const verdict = server.judge(pro, (doc) =>
      doc.transact(() => {
        doc.getMap('locks').delete('future-danger')
        noteMap(doc, 'locked-note').set('text', 'changed while unlocked for a moment')
      }),
    )
    expect(refusedBy(verdict)).toBe('CHAIR-1')
  })
})

describe('[CHAIR-2] only the chair changes meeting metadata', () => {
  test('[CHAIR-2] a professional renaming the map is refused; the chair is not', () => {
    const server = scene()
    const rename = (doc: Y.Doc) => doc.getMap('meta').set('title', 'Renamed')
    expect(refusedBy(server.judge(pro, rename))).toBe('CHAIR-2')
    expect(refusedBy(server.judge(family, (doc) => doc.getMap('meta').delete('title')))).toBe('CHAIR-2')
    expect(server.judge(chair, rename)).toEqual({ allowed: true })
  })
})

describe('[OWN-1] author fields are those of whoever adds the note, and never change', () => {
  test('[OWN-1] a note carrying someone else’s id, name or agency is refused', () => {
    const server = scene()
    const add = (fields: object) => (doc: Y.Doc) =>
      addNote(doc, { zone: 'past-harm', text: 'forged', ...by(pro), ...fields })
    expect(server.judge(pro, add({}))).toEqual({ allowed: true })
    expect(refusedBy(server.judge(pro, add({ authorId: pro2.participantId })))).toBe('OWN-1')
    expect(refusedBy(server.judge(pro, add({ author: pro2.name })))).toBe('OWN-1')
    expect(refusedBy(server.judge(pro, add({ agency: 'Police' })))).toBe('OWN-1')
    expect(refusedBy(server.judge(pro, add({ authorId: '' })))).toBe('OWN-1')
    // The chair may change anyone's note, but not sign a new one with someone else's name.
    expect(refusedBy(server.judge(chair, add({})))).toBe('OWN-1')
  })

  test.each([chair, pro])('[OWN-1] nobody ($role) changes the author fields of an existing note', (actor) => {
    const server = scene()
    for (const [field, value] of [
      ['authorId', 'someone-else'],
      ['author', 'Someone Else'],
      ['agency', 'Elsewhere'],
    ]) {
      const verdict = server.judge(actor, (doc) => noteMap(doc, 'pro-note').set(field as string, value))
      expect(verdict, field).toEqual({
        allowed: false,
        rule: 'OWN-1',
        message: 'Nobody can change who wrote a note.',
      })
    }
  })

  test.each([chair, pro])('[OWN-4] nobody ($role) changes when an existing note was added', (actor) => {
    const server = scene()
    const verdict = server.judge(actor, (doc) => noteMap(doc, 'pro-note').set('createdAt', 1_000))
    expect(verdict).toEqual({
      allowed: false,
      rule: 'OWN-4',
      message: 'Nobody can change when a note was added.',
    })
    // Its other fields stay the author's (and the chair's) to change.
    expect(server.judge(actor, (doc) => noteMap(doc, 'pro-note').set('text', 'Reworded'))).toEqual({
      allowed: true,
    })
  })

  test('[OWN-1] undoing a delete restores the note with its author, for the chair and for the author', () => {
    const server = scene()
    const client = server.replica()
    const undo = new Y.UndoManager(client.getMap('notes'), { trackedOrigins: new Set(['me']) })
    deleteNote(client, 'pro-note', 'me')
    Y.applyUpdate(server.doc, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server.doc)))
    expect(readMap(server.doc).notes.some((n) => n.id === 'pro-note')).toBe(false)
    const before = Y.encodeStateVector(client)
    undo.undo()
    const restore = Y.encodeStateAsUpdate(client, before)
    expect(server.judgeUpdate(chair, restore)).toEqual({ allowed: true })
    expect(readMap(server.doc).notes.find((n) => n.id === 'pro-note')?.authorId).toBe(pro.participantId)
  })

  test('[OWN-1] bringing back someone else’s deleted note is refused to a non-chair', () => {
    const server = scene()
    deleteNote(server.doc, 'pro-note')
    const restore = (doc: Y.Doc) =>
      addNote(doc, { zone: 'past-harm', text: 'pro-note', id: 'pro-note', createdAt: 2, ...by(pro) })
    expect(refusedBy(server.judge(pro2, restore))).toBe('OWN-1')
    expect(server.judge(pro, restore)).toEqual({ allowed: true })
  })
})

describe('[OWN-2] professionals and family change only their own notes', () => {
  test.each([
    ['edit', (doc: Y.Doc) => updateNote(doc, 'pro-note', { text: 'not yours' })],
    ['move', (doc: Y.Doc) => moveNote(doc, 'pro-note', { zone: 'existing-strengths' })],
    ['reorder', (doc: Y.Doc) => moveNote(doc, 'pro-note', { zone: 'past-harm', index: 1 })],
    ['delete', (doc: Y.Doc) => deleteNote(doc, 'pro-note')],
    ['overwrite', (doc: Y.Doc) => doc.getMap('notes').set('pro-note', new Y.Map())],
  ])('[OWN-2] family: %s a professional’s note is refused; the author and the chair may', (name, edit) => {
    const withSibling = (): Server => {
      const server = scene()
      server.note(pro2, 'past-harm', 'sibling') // so a reorder has somewhere to go
      return server
    }
    const verdict = withSibling().judge(family, edit)
    expect(refusedBy(verdict)).toBe('OWN-2')
    expect(verdict.allowed ? '' : verdict.message).toMatch(/only (change|remove) your own notes/)
    // An empty map in place of the note is no note at all: refused to anyone, for its shape.
    const others = name === 'overwrite' ? 'SHAPE-1' : undefined
    expect(refusedBy(withSibling().judge(chair, edit))).toBe(others)
    expect(refusedBy(withSibling().judge(pro, edit))).toBe(others)
  })

  test('[OWN-2] a professional edits, moves and deletes their own notes', () => {
    const server = scene()
    expect(
      server.judge(pro, (doc) => updateNote(doc, 'pro-note', { kind: 'fact', source: 'records' })),
    ).toEqual({
      allowed: true,
    })
    expect(server.judge(pro, (doc) => moveNote(doc, 'pro-note', { zone: 'next-steps', index: 0 }))).toEqual({
      allowed: true,
    })
    expect(server.judge(pro, (doc) => deleteNote(doc, 'pro-note'))).toEqual({ allowed: true })
  })

  test('[OWN-2] rewriting the order of a neighbour (the old renumbering) is refused', () => {
    const server = scene()
    server.note(pro2, 'past-harm', 'neighbour')
    const verdict = server.judge(pro, (doc) =>
      doc.transact(() => {
        noteMap(doc, 'pro-note').set('order', 'F')
        noteMap(doc, 'neighbour').set('order', 'G')
      }),
    )
    expect(refusedBy(verdict)).toBe('OWN-2')
  })

  test('[OWN-2] a note without an author (added before authorship was recorded) is the chair’s to change', () => {
    const server = scene()
    addNote(server.doc, { zone: 'past-harm', text: 'old', id: 'legacy' })
    expect(refusedBy(server.judge(pro, (doc) => updateNote(doc, 'legacy', { text: 'mine now' })))).toBe(
      'OWN-2',
    )
    expect(server.judge(chair, (doc) => updateNote(doc, 'legacy', { text: 'tidied' }))).toEqual({
      allowed: true,
    })
  })

  test('[OWN-2] a write to another person’s note key that loses to the note still counts as writing it', () => {
    const server = scene()
    // A replica that never saw the note writes its key; with the smaller client id its write loses, so the note
    // stays as it was — but it was an attempt on someone else's note all the same.
    const attacker = new Y.Doc()
    attacker.clientID = 1
    attacker.getMap('notes').set('pro-note', new Y.Map())
    const update = Y.encodeStateAsUpdate(attacker)
    expect(refusedBy(server.judgeUpdate(family, update))).toBe('OWN-2')
    expect(readMap(server.doc).notes.find((n) => n.id === 'pro-note')?.text).toBe('pro-note')
  })
})

describe('[LOCK-1..4] locked sections are the chair’s', () => {
  test('[LOCK-1] a professional adding to a locked section is refused; to an unlocked one, and the chair, not', () => {
    const server = scene()
    const add = (actor: typeof pro, zone: ZoneId) => (doc: Y.Doc) =>
      addNote(doc, { zone, text: 'new information', ...by(actor) })
    expect(server.judge(pro, add(pro, 'future-danger'))).toEqual({
      allowed: false,
      rule: 'LOCK-1',
      message: 'Future danger is locked by the chair.',
    })
    expect(refusedBy(server.judge(family, add(family, 'future-danger')))).toBe('LOCK-1')
    expect(server.judge(pro, add(pro, 'past-harm'))).toEqual({ allowed: true })
    expect(server.judge(chair, add(chair, 'future-danger'))).toEqual({ allowed: true })
  })

  test('[LOCK-2] editing or reordering one’s own note in a locked section is refused; the chair may', () => {
    const server = scene()
    server.note(pro, 'future-danger', 'locked-2')
    expect(refusedBy(server.judge(pro, (doc) => updateNote(doc, 'locked-note', { text: 'changed' })))).toBe(
      'LOCK-2',
    )
    expect(
      refusedBy(server.judge(pro, (doc) => moveNote(doc, 'locked-2', { zone: 'future-danger', index: 0 }))),
    ).toBe('LOCK-2')
    expect(server.judge(chair, (doc) => updateNote(doc, 'locked-note', { text: 'changed' }))).toEqual({
      allowed: true,
    })
  })

  test('[LOCK-3] moving a note out of or into a locked section is refused; the chair may', () => {
    const server = scene()
    const out = (doc: Y.Doc) => moveNote(doc, 'locked-note', { zone: 'past-harm' })
    const into = (doc: Y.Doc) => moveNote(doc, 'pro-note', { zone: 'future-danger' })
    expect(server.judge(pro, out)).toEqual({
      allowed: false,
      rule: 'LOCK-3',
      message: 'Future danger is locked by the chair.',
    })
    expect(refusedBy(server.judge(pro, into))).toBe('LOCK-3')
    // Between unlocked sections the same move is fine.
    expect(server.judge(pro, (doc) => moveNote(doc, 'pro-note', { zone: 'existing-safety' }))).toEqual({
      allowed: true,
    })
    expect(scene().judge(chair, out)).toEqual({ allowed: true })
    expect(scene().judge(chair, into)).toEqual({ allowed: true })
  })

  test('[LOCK-4] deleting one’s own note in a locked section is refused; the chair may', () => {
    const server = scene()
    expect(refusedBy(server.judge(pro, (doc) => deleteNote(doc, 'locked-note')))).toBe('LOCK-4')
    expect(server.judge(chair, (doc) => deleteNote(doc, 'locked-note'))).toEqual({ allowed: true })
    expect(server.judge(pro, (doc) => deleteNote(doc, 'pro-note'))).toEqual({ allowed: true })
  })

  test('[LOCK-1] the chair locking a section and adding to it in one transaction is fine', () => {
    const server = scene()
    const verdict = server.judge(chair, (doc) =>
      doc.transact(() => {
        setLock(doc, 'safety-goals', true)
        addNote(doc, { zone: 'safety-goals', text: 'Agreed goal', ...by(chair) })
      }),
    )
    expect(verdict).toEqual({ allowed: true })
  })
})

describe('[SHAPE-1] a written note is valid and has only known fields', () => {
  const good = {
    zone: 'past-harm',
    text: 'ok',
    kind: 'fact',
    source: '',
    colour: 'pink',
    createdAt: 3,
    order: 'V',
  }

  function handMade(id: string, fields: Record<string, unknown>, omit: string[] = [], actor = pro) {
    return (doc: Y.Doc) =>
      doc.transact(() => {
        const note = new Y.Map<unknown>()
        doc.getMap('notes').set(id, note)
        for (const [key, value] of Object.entries<unknown>({ id, ...good, ...by(actor), ...fields })) {
          // A Y.Map can live in one document only: each attempt gets its own.
          if (!omit.includes(key)) note.set(key, value instanceof Y.Map ? new Y.Map() : value)
        }
      })
  }

  test('[SHAPE-1] a hand-made note exactly like addNote’s is accepted (so the refusals below are about the field)', () => {
    expect(scene().judge(pro, handMade('hand', {}))).toEqual({ allowed: true })
  })

  test.each<[string, Record<string, unknown>, string[]?]>([
    ['an unknown section', { zone: 'judgement' }],
    ['an unknown kind', { kind: 'hearsay' }],
    ['an unknown colour', { colour: 'red' }],
    ['empty text', { text: '' }],
    ['text over the limit', { text: 'x'.repeat(1001) }],
    ['untrimmed text', { text: ' padded ' }],
    ['a source over the limit', { source: 's'.repeat(201) }],
    ['a bad time', { createdAt: -1 }],
    ['an unusable order key', { order: 'V0' }],
    ['a number as order', { order: 3 }],
    ['an id that is not its key', { id: 'other' }],
    ['an unknown field', { secret: 'x' }],
    ['a nested map as a field', { text: new Y.Map() }],
    ['a missing field', {}, ['kind']],
  ])('[SHAPE-1] a new note with %s is refused, for the chair too', (_name, fields, omit) => {
    const server = scene()
    expect(refusedBy(server.judge(pro, handMade('bad', fields, omit)))).toBe('SHAPE-1')
    expect(refusedBy(server.judge(chair, handMade('bad', fields, omit, chair)))).toBe('SHAPE-1')
  })

  test('[SHAPE-1] an edit writing a bad value, an unknown field or deleting a field is refused', () => {
    const server = scene()
    const edit = (apply: (note: Y.Map<unknown>) => void) => (doc: Y.Doc) => apply(noteMap(doc, 'pro-note'))
    expect(
      refusedBy(
        server.judge(
          pro,
          edit((n) => n.set('kind', 'gossip')),
        ),
      ),
    ).toBe('SHAPE-1')
    expect(
      refusedBy(
        server.judge(
          pro,
          edit((n) => n.set('extra', 1)),
        ),
      ),
    ).toBe('SHAPE-1')
    expect(
      refusedBy(
        server.judge(
          pro,
          edit((n) => n.delete('text')),
        ),
      ),
    ).toBe('SHAPE-1')
    expect(
      refusedBy(
        server.judge(
          pro,
          edit((n) => n.set('zone', 'attic')),
        ),
      ),
    ).toBe('SHAPE-1')
    expect(refusedBy(server.judge(pro, (doc) => doc.getMap('notes').set('pro-note', 'not a map')))).toBe(
      'SHAPE-1',
    )
    expect(
      server.judge(
        pro,
        edit((n) => n.set('kind', 'opinion')),
      ),
    ).toEqual({ allowed: true })
  })

  test('[SHAPE-1] the refusal message says what is wrong, in words for people', () => {
    const verdict = scene().judge(pro, handMade('long', { text: 'x'.repeat(1001) }))
    expect(verdict).toEqual({
      allowed: false,
      rule: 'SHAPE-1',
      message: 'Note text is too long: 1001 characters, the limit is 1000.',
    })
  })
})

describe('[SHAPE-2] nothing outside the root maps and one level of note maps changes', () => {
  test('[SHAPE-2] a change inside a nested map of a note is refused', () => {
    const server = scene()
    // Put a nested map there behind the rules' back, as a document from before the rules could hold.
    const nested = new Y.Map<unknown>()
    noteMap(server.doc, 'chair-note').set('extra', nested)
    nested.set('a', 1)
    expect(
      refusedBy(
        server.judge(chair, (doc) => (noteMap(doc, 'chair-note').get('extra') as Y.Map<unknown>).set('a', 2)),
      ),
    ).toBe('SHAPE-2')
  })

  test('[SHAPE-2] another root type is refused', () => {
    const server = scene()
    expect(refusedBy(server.judge(chair, (doc) => doc.getMap('secrets').set('x', 1)))).toBe('SHAPE-2')
  })

  test('[SHAPE-2] locks hold only section → true; meta only a valid title and plain values', () => {
    const server = scene()
    expect(refusedBy(server.judge(chair, (doc) => doc.getMap('locks').set('attic', true)))).toBe('SHAPE-2')
    expect(refusedBy(server.judge(chair, (doc) => doc.getMap('locks').set('past-harm', 'yes')))).toBe(
      'SHAPE-2',
    )
    expect(refusedBy(server.judge(chair, (doc) => doc.getMap('meta').set('title', '')))).toBe('SHAPE-2')
    expect(refusedBy(server.judge(chair, (doc) => doc.getMap('meta').set('step', new Y.Map())))).toBe(
      'SHAPE-2',
    )
    expect(server.judge(chair, (doc) => doc.getMap('meta').set('title', 'Review conference, 2nd'))).toEqual({
      allowed: true,
    })
    expect(server.judge(chair, (doc) => doc.getMap('meta').set('conferenceType', 'review'))).toEqual({
      allowed: true,
    })
  })
})

describe('rules table', () => {
  test('every rule has tests named after it in this folder', () => {
    const dir = import.meta.dirname
    const source = readdirSync(dir)
      .filter((file) => file.endsWith('.test.ts'))
      .map((file) => readFileSync(join(dir, file), 'utf8'))
      .join('\n')
    for (const id of RULE_IDS) expect(source, id).toMatch(new RegExp(`'\\[${id}\\] `))
  })
})
