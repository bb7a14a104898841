import { describe, expect, it } from 'vitest'
import { layout } from '@mapboard/map-model'
import { SIMPLE_BELOW_SCALE, columnView, isNarrow, nearestColumn } from './openingView.ts'

const board = layout({ notes: [], locks: [] })

describe('the opening view', () => {
  it('counts a phone held upright as narrow, and a tablet or a desktop as not', () => {
    expect(isNarrow(board, 390, 8)).toBe(true)
    expect(isNarrow(board, 844, 8)).toBe(false)
    expect(isNarrow(board, 768, 16)).toBe(false)
    expect(isNarrow(board, 1440, 16)).toBe(false)
  })

  it('on a phone, shows the first column filling the width, readable, with the next one peeking in', () => {
    const view = columnView(board, 0, 390)
    if (view === null) throw new Error('no view')
    const [first, second] = board.columns
    if (!first || !second) throw new Error('no columns')
    expect(view.scale).toBeGreaterThanOrEqual(SIMPLE_BELOW_SCALE)
    // The first column's tinted background starts 8 board units left of its box.
    expect((first.x - 8) * view.scale + view.x).toBeCloseTo(8)
    expect((first.x + first.width + 8) * view.scale + view.x).toBeLessThan(390)
    const nextLeft = (second.x - 8) * view.scale + view.x
    expect(nextLeft).toBeGreaterThan(390 - 40)
    expect(nextLeft).toBeLessThan(390)
    expect((first.y - 8) * view.scale + view.y).toBeCloseTo(8)
  })

  it('keeps the same zoom for every column, and never goes above 100%', () => {
    const scales = board.columns.map((_, index) => columnView(board, index, 390)?.scale)
    expect(new Set(scales).size).toBe(1)
    expect(columnView(board, 0, 2000)?.scale).toBe(1)
    expect(columnView(board, 5, 390)).toBeNull()
  })

  it('finds the column nearest a point on the board', () => {
    const [first, second, third] = board.columns
    if (!first || !second || !third) throw new Error('no columns')
    expect(nearestColumn(board, first.x)).toBe(0)
    expect(nearestColumn(board, board.width / 2)).toBe(1)
    expect(nearestColumn(board, third.x + third.width)).toBe(2)
  })
})
