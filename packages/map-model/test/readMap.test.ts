import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { ROOT_TYPE_NAMES, addNote, initMap, readConference, readMap, setLock } from '../src/index.ts'

// Other replicas can write anything into the document; readMap must still return a well-formed snapshot.
function rawNote(doc: Y.Doc, id: string, fields: Record<string, unknown>): void {
  const note = new Y.Map<unknown>()
  doc.getMap('notes').set(id, note)
  for (const [key, value] of Object.entries(fields)) note.set(key, value)
}

describe('readMap', () => {
  test('an empty document reads as an untitled, empty map', () => {
    expect(readMap(new Y.Doc())).toEqual({ title: '', createdAt: 0, notes: [], locks: [] })
  })

  test('the schema uses exactly the root maps of ROOT_TYPE_NAMES', () => {
    const doc = new Y.Doc()
    initMap(doc, { title: 't' })
    addNote(doc, { zone: 'past-harm', text: 'x' })
    setLock(doc, 'past-harm', true)
    expect([...doc.share.keys()].sort()).toEqual(['locks', 'meta', 'notes'])
    readConference(doc)
    expect([...doc.share.keys()].sort()).toEqual([...ROOT_TYPE_NAMES].sort())
  })

  test('notes are sorted by section in column order, then order, then id', () => {
    const doc = new Y.Doc()
    rawNote(doc, 'n1', { zone: 'next-steps', text: 'a', order: 'V' })
    rawNote(doc, 'n2', { zone: 'past-harm', text: 'b', order: 'a' })
    rawNote(doc, 'n4', { zone: 'past-harm', text: 'c', order: 'Zz' })
    rawNote(doc, 'n3', { zone: 'past-harm', text: 'd', order: 'a' })
    rawNote(doc, 'n5', { zone: 'past-harm', text: 'f', order: 'a1' })
    rawNote(doc, 'n0', { zone: 'existing-safety', text: 'e', order: 'z' })
    // Keys compare by code unit: digits < capitals < small letters, and a prefix sorts first.
    expect(readMap(doc).notes.map((n) => n.id)).toEqual(['n4', 'n2', 'n3', 'n5', 'n0', 'n1'])
  })

  test('missing or invalid fields take defaults (an unusable order reads as "1"); the map key is the id', () => {
    const doc = new Y.Doc()
    rawNote(doc, 'k1', {
      id: 'lies',
      zone: 'existing-strengths',
      text: 42,
      kind: 'rumour',
      source: null,
      author: ['x'],
      authorId: 12,
      agency: null,
      createdAt: 'yesterday',
      order: 'V0',
      colour: 'red',
    })
    rawNote(doc, 'k3', { zone: 'future-danger', order: 3 })
    rawNote(doc, 'k2', { zone: 'future-danger' })
    expect(readMap(doc).notes).toEqual([
      {
        id: 'k2',
        zone: 'future-danger',
        text: '',
        kind: 'observation',
        source: '',
        author: '',
        authorId: '',
        agency: '',
        createdAt: 0,
        receivedAt: 0,
        order: '1',
        colour: 'pink',
      },
      {
        id: 'k3',
        zone: 'future-danger',
        text: '',
        kind: 'observation',
        source: '',
        author: '',
        authorId: '',
        agency: '',
        createdAt: 0,
        receivedAt: 0,
        order: '1',
        colour: 'pink',
      },
      {
        id: 'k1',
        zone: 'existing-strengths',
        text: '',
        kind: 'observation',
        source: '',
        author: '',
        authorId: '',
        agency: '',
        createdAt: 0,
        receivedAt: 0,
        order: '1',
        colour: 'green',
      },
    ])
  })

  test('notes in an unknown section, and entries that are not notes, are skipped', () => {
    const doc = new Y.Doc()
    rawNote(doc, 'gone', { zone: 'judgement', text: 'x' })
    rawNote(doc, 'none', { text: 'x' })
    doc.getMap('notes').set('plain', 'not a map')
    rawNote(doc, 'ok', { zone: 'safety-goals', text: 'x' })
    expect(readMap(doc).notes.map((n) => n.id)).toEqual(['ok'])
  })

  test('locks: only `true` counts, unknown sections are ignored, column order', () => {
    const doc = new Y.Doc()
    const locks = doc.getMap('locks')
    locks.set('next-steps', true)
    locks.set('past-harm', 'true')
    locks.set('future-danger', true)
    locks.set('judgement', true)
    expect(readMap(doc).locks).toEqual(['future-danger', 'next-steps'])
  })

  test('bad meta values take defaults', () => {
    const doc = new Y.Doc()
    doc.getMap('meta').set('title', 7)
    doc.getMap('meta').set('createdAt', 'now')
    expect(readMap(doc)).toMatchObject({ title: '', createdAt: 0 })
  })

  test('the snapshot is a copy: changing it does not change the document', () => {
    const doc = new Y.Doc()
    addNote(doc, { zone: 'past-harm', text: 'x' })
    const snapshot = readMap(doc)
    const first = snapshot.notes[0]
    if (!first) throw new Error('expected a note')
    first.text = 'edited'
    snapshot.notes.push({ ...first, id: 'extra' })
    expect(readMap(doc).notes).toHaveLength(1)
    expect(readMap(doc).notes[0]?.text).toBe('x')
  })
})
