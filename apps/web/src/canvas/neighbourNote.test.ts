import { describe, expect, it } from 'vitest'
import { layout } from '@mapboard/map-model'
import type { NoteSnapshot, ZoneId } from '@mapboard/map-model'
import { arrowDirection, neighbourNote } from './neighbourNote.ts'

/** The real layout of a map with these notes (given in section order), so the test walks the grid the board draws. */
function boardWith(notes: Array<[id: string, zone: ZoneId]>) {
  const snapshots = notes.map(([id, zone], order): NoteSnapshot => ({
    id,
    zone,
    text: id,
    kind: 'fact',
    source: '',
    author: 'Alex Morgan',
    authorId: 'p-1',
    agency: '',
    createdAt: 0,
    receivedAt: 0,
    order: String(order + 1),
    colour: 'yellow',
  }))
  return layout({ notes: snapshots, locks: [] }).notes
}

// Past harm: a b / c ; Future danger (below it): d ; Existing strengths (next column): e
const notes = boardWith([
  ['a', 'past-harm'],
  ['b', 'past-harm'],
  ['c', 'past-harm'],
  ['d', 'future-danger'],
  ['e', 'existing-strengths'],
])

describe('neighbourNote', () => {
  it('reads the board as the layout draws it', () => {
    expect(notes.map((note) => note.id)).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('goes right and left in reading order, along a row, to the next row, and into the next section', () => {
    expect(neighbourNote(notes, 'a', 'right')).toBe('b')
    expect(neighbourNote(notes, 'b', 'right')).toBe('c')
    expect(neighbourNote(notes, 'c', 'right')).toBe('d')
    expect(neighbourNote(notes, 'd', 'right')).toBe('e')
    expect(neighbourNote(notes, 'e', 'right')).toBeNull()
    expect(neighbourNote(notes, 'd', 'left')).toBe('c')
    expect(neighbourNote(notes, 'a', 'left')).toBeNull()
  })

  it('goes down and up the grid column, and across the sections stacked in a column', () => {
    expect(neighbourNote(notes, 'a', 'down')).toBe('c')
    expect(neighbourNote(notes, 'c', 'down')).toBe('d')
    expect(neighbourNote(notes, 'd', 'up')).toBe('c')
    expect(neighbourNote(notes, 'c', 'up')).toBe('a')
    // b has nothing straight below in its own grid column: the nearest note below, still in its own column.
    expect(neighbourNote(notes, 'b', 'down')).toBe('c')
    expect(neighbourNote(notes, 'a', 'up')).toBeNull()
    // The next column's note sits beside, not below.
    expect(neighbourNote(notes, 'e', 'down')).toBeNull()
  })

  it('starts at the first note when nothing is selected, or the selected note has gone', () => {
    expect(neighbourNote(notes, null, 'down')).toBe('a')
    expect(neighbourNote(notes, 'gone', 'left')).toBe('a')
    expect(neighbourNote([], null, 'right')).toBeNull()
  })

  it('knows the four arrow keys and nothing else', () => {
    expect(arrowDirection('ArrowUp')).toBe('up')
    expect(arrowDirection('ArrowRight')).toBe('right')
    expect(arrowDirection('Enter')).toBeUndefined()
  })
})
