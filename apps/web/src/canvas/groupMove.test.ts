import { describe, expect, it } from 'vitest'
import type { ZoneId } from '@mapboard/map-model'
import { planGroupMove } from './groupMove.ts'
import type { NoteMove } from './groupMove.ts'

type Board = Partial<Record<ZoneId, string[]>>

/** map-model's moveNote on plain lists: take the note out of wherever it is, put it at `index` (clamped). */
function apply(board: Board, moves: readonly NoteMove[]): Board {
  const next: Board = Object.fromEntries(Object.entries(board).map(([zone, ids]) => [zone, [...ids]]))
  for (const { id, zone, index } of moves) {
    for (const ids of Object.values(next)) {
      const at = ids.indexOf(id)
      if (at >= 0) ids.splice(at, 1)
    }
    const target = (next[zone] ??= [])
    target.splice(Math.min(index, target.length), 0, id)
  }
  return next
}

function moveGroup(board: Board, zone: ZoneId, moving: string[], dragged: string, index: number): Board {
  return apply(board, planGroupMove({ zone, zoneOrder: board[zone] ?? [], moving, dragged, index }))
}

describe('planGroupMove', () => {
  it('moves notes from another section into the drop point as one block, in reading order', () => {
    const board: Board = { 'past-harm': ['a', 'b', 'c'], 'existing-safety': ['x', 'y'] }
    expect(moveGroup(board, 'existing-safety', ['a', 'c'], 'c', 1)).toEqual({
      'past-harm': ['b'],
      'existing-safety': ['x', 'a', 'c', 'y'],
    })
    expect(moveGroup(board, 'existing-safety', ['a', 'c'], 'a', 0)['existing-safety']).toEqual([
      'a',
      'c',
      'x',
      'y',
    ])
    expect(moveGroup(board, 'existing-safety', ['a', 'b', 'c'], 'b', 9)['existing-safety']).toEqual([
      'x',
      'y',
      'a',
      'b',
      'c',
    ])
  })

  it('gathers notes from several sections, some already in the target', () => {
    const board: Board = { 'past-harm': ['a', 'b'], 'future-danger': ['p', 'q', 'r'] }
    expect(moveGroup(board, 'future-danger', ['a', 'r'], 'a', 1)).toEqual({
      'past-harm': ['b'],
      'future-danger': ['p', 'a', 'r', 'q'],
    })
  })

  it('reorders within a section: the block lands where the dragged note was dropped among the rest', () => {
    const board: Board = { 'past-harm': ['a', 'b', 'c', 'd', 'e'] }
    // a and b dropped (by b) after d: among c d e, after d.
    expect(moveGroup(board, 'past-harm', ['a', 'b'], 'b', 3)['past-harm']).toEqual(['c', 'd', 'a', 'b', 'e'])
    // d and e dropped (by d) at the start.
    expect(moveGroup(board, 'past-harm', ['d', 'e'], 'd', 0)['past-harm']).toEqual(['d', 'e', 'a', 'b', 'c'])
    // Dropped where they already are: nothing changes.
    expect(moveGroup(board, 'past-harm', ['b', 'c'], 'b', 1)['past-harm']).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('is the single moveNote for a group of one', () => {
    expect(
      planGroupMove({ zone: 'past-harm', zoneOrder: ['a', 'b', 'c'], moving: ['a'], dragged: 'a', index: 2 }),
    ).toEqual([{ id: 'a', zone: 'past-harm', index: 2 }])
  })
})
