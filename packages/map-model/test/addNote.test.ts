import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import {
  MAX_AGENCY_TEXT,
  MAX_AUTHOR_ID_LENGTH,
  MAX_AUTHOR_TEXT,
  MAX_NOTE_TEXT,
  MAX_SOURCE_TEXT,
  ZONE_IDS,
  addNote,
  isOrderKey,
  readMap,
} from '../src/index.ts'
import type { AddNoteInput } from '../src/index.ts'
import { expectValidationError, recordTransactions, recordUpdates } from './helpers.ts'

describe('addNote', () => {
  test('stores every field, trimmed, in one transaction with the given origin', () => {
    const doc = new Y.Doc()
    const transactions = recordTransactions(doc)
    const origin = Symbol('local user')
    const id = addNote(
      doc,
      {
        zone: 'past-harm',
        text: '  Ella missed 14 school days since September.  ',
        kind: 'fact',
        source: ' school attendance records ',
        author: ' Ms Patel ',
        authorId: 'p-ms-patel',
        agency: ' Riverside Primary ',
        colour: 'yellow',
        createdAt: 1234,
      },
      origin,
    )
    expect(transactions).toHaveLength(1)
    expect(transactions[0]?.origin).toBe(origin)
    expect(readMap(doc).notes).toEqual([
      {
        id,
        zone: 'past-harm',
        text: 'Ella missed 14 school days since September.',
        kind: 'fact',
        source: 'school attendance records',
        author: 'Ms Patel',
        authorId: 'p-ms-patel',
        agency: 'Riverside Primary',
        createdAt: 1234,
        receivedAt: 1234,
        order: expect.any(String),
        colour: 'yellow',
      },
    ])
    expect(isOrderKey(readMap(doc).notes[0]?.order)).toBe(true)
    // The schema promises every field is a plain value in the note's Y.Map, id included.
    const stored = doc.getMap('notes').get(id)
    expect(stored).toBeInstanceOf(Y.Map)
    expect((stored as Y.Map<unknown>).toJSON()).toMatchObject({
      id,
      zone: 'past-harm',
      authorId: 'p-ms-patel',
      order: readMap(doc).notes[0]?.order,
    })
  })

  test('defaults: observation, no source or author, now, and the column colour', () => {
    const doc = new Y.Doc()
    const before = Date.now()
    const colours = ZONE_IDS.map((zone) => {
      const id = addNote(doc, { zone, text: 'x' })
      return readMap(doc).notes.find((n) => n.id === id)
    })
    expect(colours.map((n) => n?.colour)).toEqual(['pink', 'pink', 'pink', 'green', 'green', 'blue', 'blue'])
    for (const note of colours) {
      expect(note).toMatchObject({ kind: 'observation', source: '', author: '', authorId: '', agency: '' })
      expect(note?.createdAt).toBeGreaterThanOrEqual(before)
    }
  })

  test('appends at the end of its section', () => {
    const doc = new Y.Doc()
    const ids = ['first', 'second', 'third'].map((text) => addNote(doc, { zone: 'next-steps', text }))
    addNote(doc, { zone: 'past-harm', text: 'elsewhere' })
    const inZone = readMap(doc).notes.filter((n) => n.zone === 'next-steps')
    expect(inZone.map((n) => n.id)).toEqual(ids)
    const orders = inZone.map((n) => n.order)
    expect([...orders].sort()).toEqual(orders)
    expect(new Set(orders).size).toBe(3)
    // Appends keep keys short: one growing digit plus the four-digit tail.
    for (const order of orders) expect(order).toHaveLength(5)
  })

  test('generated ids are URL-safe, about 16 characters, and distinct', () => {
    const doc = new Y.Doc()
    const ids = Array.from({ length: 500 }, () => addNote(doc, { zone: 'existing-safety', text: 'x' }))
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/)
    expect(new Set(ids).size).toBe(ids.length)
  })

  test('a caller-chosen id is used as given', () => {
    const doc = new Y.Doc()
    expect(addNote(doc, { zone: 'safety-goals', text: 'x', id: 'imported-1' })).toBe('imported-1')
    expect(readMap(doc).notes[0]?.id).toBe('imported-1')
  })

  test('text and source at exactly their limits are accepted', () => {
    const doc = new Y.Doc()
    addNote(doc, { zone: 'past-harm', text: 'a'.repeat(MAX_NOTE_TEXT), source: 's'.repeat(MAX_SOURCE_TEXT) })
    expect(readMap(doc).notes[0]?.text).toHaveLength(MAX_NOTE_TEXT)
  })

  const good: AddNoteInput = { zone: 'past-harm', text: 'x' }
  const bad = <T>(value: T) => value as never
  test.each<[string, AddNoteInput, string, string]>([
    ['empty text', { ...good, text: '' }, 'NOTE_TEXT_EMPTY', 'text'],
    ['blank text', { ...good, text: '   \n ' }, 'NOTE_TEXT_EMPTY', 'text'],
    ['text over the limit', { ...good, text: 'a'.repeat(MAX_NOTE_TEXT + 1) }, 'NOTE_TEXT_TOO_LONG', 'text'],
    ['text not text', { ...good, text: bad(null) }, 'INVALID_TYPE', 'text'],
    ['unknown zone', { ...good, zone: bad('judgement') }, 'UNKNOWN_ZONE', 'zone'],
    ['zone label instead of id', { ...good, zone: bad('Past harm') }, 'UNKNOWN_ZONE', 'zone'],
    ['unknown kind', { ...good, kind: bad('rumour') }, 'UNKNOWN_KIND', 'kind'],
    ['unknown colour', { ...good, colour: bad('red') }, 'UNKNOWN_COLOUR', 'colour'],
    [
      'source over the limit',
      { ...good, source: 's'.repeat(MAX_SOURCE_TEXT + 1) },
      'SOURCE_TOO_LONG',
      'source',
    ],
    [
      'author over the limit',
      { ...good, author: 'a'.repeat(MAX_AUTHOR_TEXT + 1) },
      'AUTHOR_TOO_LONG',
      'author',
    ],
    [
      'agency over the limit',
      { ...good, agency: 'a'.repeat(MAX_AGENCY_TEXT + 1) },
      'AGENCY_TOO_LONG',
      'agency',
    ],
    [
      'authorId over the limit',
      { ...good, authorId: 'p'.repeat(MAX_AUTHOR_ID_LENGTH + 1) },
      'INVALID_AUTHOR_ID',
      'authorId',
    ],
    ['authorId with spaces around it', { ...good, authorId: ' p1 ' }, 'INVALID_AUTHOR_ID', 'authorId'],
    ['authorId not text', { ...good, authorId: 7 as unknown as string }, 'INVALID_AUTHOR_ID', 'authorId'],
    ['bad createdAt', { ...good, createdAt: Number.POSITIVE_INFINITY }, 'INVALID_TIMESTAMP', 'createdAt'],
    ['id with a slash', { ...good, id: 'a/b' }, 'INVALID_ID', 'id'],
    ['empty id', { ...good, id: '' }, 'INVALID_ID', 'id'],
  ])('%s is refused and nothing is written', (_name, input, code, field) => {
    const doc = new Y.Doc()
    const updates = recordUpdates(doc)
    const transactions = recordTransactions(doc)
    expectValidationError(() => addNote(doc, input), code, field)
    expect(updates).toHaveLength(0)
    expect(transactions).toHaveLength(0)
  })

  test('a duplicate id is refused and the existing note is untouched', () => {
    const doc = new Y.Doc()
    addNote(doc, { zone: 'past-harm', text: 'original', id: 'same' })
    const updates = recordUpdates(doc)
    expectValidationError(
      () => addNote(doc, { zone: 'next-steps', text: 'copy', id: 'same' }),
      'DUPLICATE_ID',
      'id',
    )
    expect(updates).toHaveLength(0)
    expect(readMap(doc).notes).toMatchObject([{ id: 'same', text: 'original', zone: 'past-harm' }])
  })

  test('the error message says what is wrong', () => {
    const error = expectValidationError(
      () => addNote(new Y.Doc(), { ...good, text: 'a'.repeat(1005) }),
      'NOTE_TEXT_TOO_LONG',
      'text',
    )
    expect(error.message).toContain('1005')
    expect(error.message).toContain('1000')
  })
})
