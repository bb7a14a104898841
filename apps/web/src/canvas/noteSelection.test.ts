import { describe, expect, it } from 'vitest'
import {
  NO_SELECTION,
  inReadingOrder,
  keepExisting,
  selectNotes,
  selectOnly,
  toggleNote,
} from './noteSelection.ts'

const ids = (selection: { ids: ReadonlySet<string> }): string[] => [...selection.ids].sort()

describe('noteSelection', () => {
  it('a click selects one note, which the keyboard then works from', () => {
    const selection = selectOnly('a')
    expect(ids(selection)).toEqual(['a'])
    expect(selection.anchor).toBe('a')
  })

  it('shift-click adds a note, and takes it out again', () => {
    const two = toggleNote(selectOnly('a'), 'b')
    expect(ids(two)).toEqual(['a', 'b'])
    expect(two.anchor).toBe('b')
    const back = toggleNote(two, 'b')
    expect(ids(back)).toEqual(['a'])
    expect(back.anchor).toBe('a')
    const none = toggleNote(back, 'a')
    expect(ids(none)).toEqual([])
    expect(none.anchor).toBeNull()
  })

  it('a box replaces the selection, or adds to it with shift', () => {
    expect(ids(selectNotes(selectOnly('a'), ['b', 'c'], false))).toEqual(['b', 'c'])
    expect(selectNotes(selectOnly('a'), ['b', 'c'], false).anchor).toBe('b')
    const added = selectNotes(selectOnly('a'), ['b', 'c'], true)
    expect(ids(added)).toEqual(['a', 'b', 'c'])
    expect(added.anchor).toBe('a')
    expect(selectNotes(selectOnly('a'), [], false)).toBe(NO_SELECTION)
  })

  it('drops notes someone else deleted, and keeps its identity when none were', () => {
    const selection = selectNotes(NO_SELECTION, ['a', 'b', 'c'], false)
    expect(keepExisting(selection, () => true)).toBe(selection)
    const pruned = keepExisting(selection, (id) => id !== 'a')
    expect(ids(pruned)).toEqual(['b', 'c'])
    expect(pruned.anchor).toBe('c')
    expect(keepExisting(selection, () => false)).toBe(NO_SELECTION)
  })

  it('lists the selection in reading order, whatever order it was picked in', () => {
    const selection = toggleNote(toggleNote(selectOnly('c'), 'a'), 'b')
    expect(inReadingOrder(selection, [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }])).toEqual([
      'a',
      'b',
      'c',
    ])
  })
})
