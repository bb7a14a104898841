import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { NoteIndex, addNote, deleteNote, moveNote } from '../../src/index.ts'

function watched(): { doc: Y.Doc; index: NoteIndex } {
  const doc = new Y.Doc()
  addNote(doc, { zone: 'past-harm', text: 'a', id: 'a', authorId: 'p1', author: 'Ann', agency: 'School' })
  const index = NoteIndex.fromDoc(doc)
  doc.on('afterTransaction', (transaction: Y.Transaction) => index.update(transaction))
  return { doc, index }
}

describe('NoteIndex', () => {
  test('starts from the notes a document holds', () => {
    const { index } = watched()
    expect(index.size).toBe(1)
    expect(index.get('a')).toEqual({
      zone: 'past-harm',
      authorId: 'p1',
      author: 'Ann',
      agency: 'School',
      shared: false,
      withdrawn: false,
    })
  })

  test('follows adds, moves and deletes, local or remote, and remembers deleted notes', () => {
    const { doc, index } = watched()
    addNote(doc, { zone: 'next-steps', text: 'b', id: 'b', authorId: 'p2' })
    moveNote(doc, 'a', { zone: 'existing-safety' })
    expect(index.get('a')?.zone).toBe('existing-safety')
    expect(index.get('b')?.authorId).toBe('p2')

    const remote = new Y.Doc()
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc))
    deleteNote(remote, 'a')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)))
    expect(index.get('a')).toBeUndefined()
    expect(index.getDeleted('a')).toEqual({
      zone: 'existing-safety',
      authorId: 'p1',
      author: 'Ann',
      agency: 'School',
      shared: false,
      withdrawn: false,
    })
    expect(index.size).toBe(1)
  })

  test('a note restored under its id leaves the deleted list', () => {
    const { doc, index } = watched()
    const undo = new Y.UndoManager(doc.getMap('notes'))
    deleteNote(doc, 'a')
    expect(index.getDeleted('a')).toBeDefined()
    undo.undo()
    expect(index.get('a')?.authorId).toBe('p1')
    expect(index.getDeleted('a')).toBeUndefined()
  })

  test('a key overwritten with something that is not a note counts as deleted', () => {
    const { doc, index } = watched()
    doc.getMap('notes').set('a', 'plain')
    expect(index.get('a')).toBeUndefined()
    expect(index.getDeleted('a')?.authorId).toBe('p1')
  })
})
