import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { addNote, deleteNote, readMap } from '../src/index.ts'
import { expectValidationError, recordTransactions, recordUpdates } from './helpers.ts'

describe('deleteNote', () => {
  test('removes the note in one transaction with the given origin', () => {
    const doc = new Y.Doc()
    const keep = addNote(doc, { zone: 'existing-strengths', text: 'Gran helps every day' })
    const gone = addNote(doc, { zone: 'existing-strengths', text: 'typo' })
    const transactions = recordTransactions(doc)
    deleteNote(doc, gone, 'me')
    expect(transactions).toHaveLength(1)
    expect(transactions[0]?.origin).toBe('me')
    expect(readMap(doc).notes.map((n) => n.id)).toEqual([keep])
    expect(doc.getMap('notes').has(gone)).toBe(false)
  })

  test('an unknown or already deleted note is NOTE_NOT_FOUND and nothing is written', () => {
    const doc = new Y.Doc()
    const id = addNote(doc, { zone: 'existing-strengths', text: 'x' })
    deleteNote(doc, id)
    const updates = recordUpdates(doc)
    expectValidationError(() => deleteNote(doc, id), 'NOTE_NOT_FOUND', 'id')
    expectValidationError(() => deleteNote(doc, 'never-existed'), 'NOTE_NOT_FOUND', 'id')
    expect(updates).toHaveLength(0)
  })
})
