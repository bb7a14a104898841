import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { addNote, audienceOfNoteId, initMap, readMap, shareWithFamily, withdrawNote } from '../src/index.ts'
import { expectValidationError, recordTransactions } from './helpers.ts'

const chair = { id: 'chair-1', name: 'Ann Chair', agency: 'Council' }

function documents(): { shared: Y.Doc; professionals: Y.Doc; noteId: string } {
  const shared = new Y.Doc()
  const professionals = new Y.Doc()
  initMap(shared, { title: 'Review', createdAt: 1 })
  const noteId = addNote(professionals, {
    zone: 'past-harm',
    text: 'Police report of 3 May',
    kind: 'fact',
    source: 'Police records',
    colour: 'orange',
    author: 'PC Jones',
    authorId: 'pro-2',
    agency: 'Police',
    audience: 'professionals',
    createdAt: 5,
  })
  return { shared, professionals, noteId }
}

describe('shareWithFamily', () => {
  test('adds a new shared note of the chair’s with the same words, and marks the original', () => {
    const { shared, professionals, noteId } = documents()
    const copyId = shareWithFamily(shared, professionals, noteId, chair, { now: 1_000 })
    expect(audienceOfNoteId(copyId)).toBe('shared')
    expect(copyId).not.toBe(noteId)
    const [copy] = readMap(shared).notes
    expect(copy).toMatchObject({
      id: copyId,
      zone: 'past-harm',
      text: 'Police report of 3 May',
      kind: 'fact',
      source: 'Police records',
      colour: 'orange',
      author: 'Ann Chair',
      authorId: 'chair-1',
      agency: 'Council',
      createdAt: 1_000,
    })
    expect(copy?.sharing).toBeUndefined()
    const [original] = readMap(professionals).notes
    expect(original?.sharing).toEqual({ at: 1_000, by: 'Ann Chair', as: copyId })
    expect(original?.text).toBe('Police report of 3 May')
  })

  test('the shared document holds nothing of the original but its words: not its id, not its author', () => {
    const { shared, professionals, noteId } = documents()
    shareWithFamily(shared, professionals, noteId, chair, { now: 1_000 })
    const bytes = new TextDecoder().decode(Y.encodeStateAsUpdate(shared))
    expect(bytes).not.toContain(noteId)
    expect(bytes).not.toContain('PC Jones')
    expect(bytes).not.toContain('pro-2')
  })

  test('a note without a source takes its author’s agency as the copy’s source', () => {
    const { shared, professionals } = documents()
    const noteId = addNote(professionals, {
      zone: 'existing-safety',
      text: 'Gran collects the children',
      author: 'Ms Patel',
      authorId: 'pro-1',
      agency: 'School',
      audience: 'professionals',
    })
    const copyId = shareWithFamily(shared, professionals, noteId, chair, { now: 2_000 })
    expect(readMap(shared).notes.find((note) => note.id === copyId)?.source).toBe('School')
  })

  test('one transaction in each document', () => {
    const { shared, professionals, noteId } = documents()
    const inShared = recordTransactions(shared)
    const inProfessionals = recordTransactions(professionals)
    shareWithFamily(shared, professionals, noteId, chair, { now: 1_000, origin: 'share' })
    expect(inShared.map((tr) => tr.origin)).toEqual(['share'])
    expect(inProfessionals.map((tr) => tr.origin)).toEqual(['share'])
  })

  test('refuses a shared note, a note shared already and a missing note, writing nothing', () => {
    const { shared, professionals, noteId } = documents()
    const sharedId = addNote(shared, { zone: 'past-harm', text: 'Seen', authorId: 'chair-1' })
    expectValidationError(
      () => shareWithFamily(shared, professionals, sharedId, chair),
      'WRONG_DOCUMENT',
      'id',
    )
    expectValidationError(
      () => shareWithFamily(shared, professionals, 'p-missing', chair),
      'NOTE_NOT_FOUND',
      'id',
    )
    shareWithFamily(shared, professionals, noteId, chair, { now: 1_000 })
    const before = Y.encodeStateVector(shared)
    expectValidationError(() => shareWithFamily(shared, professionals, noteId, chair), 'ALREADY_SHARED', 'id')
    expect(Y.encodeStateVector(shared)).toEqual(before)
    expect(readMap(shared).notes).toHaveLength(2)
  })
})

describe('withdrawNote', () => {
  test('marks the note withdrawn with the reason; the note stays', () => {
    const { shared } = documents()
    const id = addNote(shared, {
      zone: 'past-harm',
      text: 'Dad hit the child',
      author: 'Ms Patel',
      authorId: 'pro-1',
    })
    const seen = recordTransactions(shared)
    withdrawNote(shared, id, chair, '  Entered on the wrong family’s map  ', 3_000, 'withdraw')
    expect(seen.map((tr) => tr.origin)).toEqual(['withdraw'])
    const [note] = readMap(shared).notes
    expect(note?.text).toBe('Dad hit the child')
    expect(note?.withdrawal).toEqual({
      at: 3_000,
      by: 'Ann Chair',
      reason: 'Entered on the wrong family’s map',
    })
  })

  test('needs a reason of at most 500 characters, a shared note, and withdraws once', () => {
    const { shared, professionals, noteId } = documents()
    const id = addNote(shared, { zone: 'past-harm', text: 'x' })
    expectValidationError(() => withdrawNote(shared, id, chair, '   '), 'REASON_EMPTY', 'reason')
    expectValidationError(() => withdrawNote(shared, id, chair, 'x'.repeat(501)), 'REASON_TOO_LONG', 'reason')
    expectValidationError(() => withdrawNote(professionals, noteId, chair, 'why'), 'WRONG_DOCUMENT', 'id')
    expect(readMap(shared).notes[0]?.withdrawal).toBeUndefined()
    withdrawNote(shared, id, chair, 'x'.repeat(500))
    expectValidationError(() => withdrawNote(shared, id, chair, 'again'), 'ALREADY_WITHDRAWN', 'id')
  })

  test('readMap leaves out a half-written or misplaced mark', () => {
    const { shared, professionals, noteId } = documents()
    const id = addNote(shared, { zone: 'past-harm', text: 'x' })
    const note = shared.getMap('notes').get(id) as Y.Map<unknown>
    note.set('withdrawnAt', 5)
    note.set('withdrawnBy', 'Ann Chair')
    expect(readMap(shared).notes[0]?.withdrawal).toBeUndefined()
    note.set('sharedAt', 5)
    note.set('sharedBy', 'Ann Chair')
    note.set('sharedAs', 'Abc')
    expect(readMap(shared).notes[0]?.sharing).toBeUndefined()
    const original = professionals.getMap('notes').get(noteId) as Y.Map<unknown>
    original.set('sharedAt', 5)
    original.set('sharedBy', 'Ann Chair')
    original.set('sharedAs', 'p-forged')
    expect(readMap(professionals).notes[0]?.sharing).toBeUndefined()
  })
})
