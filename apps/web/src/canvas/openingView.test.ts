import { describe, expect, it } from 'vitest'
import { ZONE_IDS, layout } from '@mapboard/map-model'
import type { NoteSnapshot } from '@mapboard/map-model'
import { followView, isNarrow, openingSection, sectionInView, sectionView, startView } from './openingView.ts'
import { readableScale } from './readability.ts'

const empty = layout({ notes: [], locks: [] })
/** Forty notes spread over the seven sections, as a map looks by the meeting. */
const forty = layout({
  notes: Array.from(
    { length: 40 },
    (_, i) => ({ id: `n${String(i).padStart(2, '0')}`, zone: ZONE_IDS[i % 7], order: 'a' }) as NoteSnapshot,
  ),
  locks: [],
})

/** Where a board rectangle lands on screen under a view. */
function onScreen(
  view: { x: number; y: number; scale: number },
  box: { x: number; y: number; width: number },
) {
  return {
    left: box.x * view.scale + view.x,
    right: (box.x + box.width) * view.scale + view.x,
    top: box.y * view.scale + view.y,
  }
}

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('missing')
  return value
}

describe('the opening view', () => {
  it('counts a phone held upright as narrow, and a tablet or a desktop canvas as not', () => {
    expect(isNarrow(empty, 390)).toBe(true)
    expect(isNarrow(empty, 430)).toBe(true)
    expect(isNarrow(empty, 768)).toBe(false)
    expect(isNarrow(empty, 880)).toBe(false)
    expect(isNarrow(empty, 1040)).toBe(false)
  })

  it('on a desktop canvas too small to show the whole map readably, opens readable at the start of the map', () => {
    for (const [width, height] of [
      [1040, 731], // 1440 × 900 with the outline beside the canvas
      [880, 551], // 1280 × 720
    ] as const) {
      for (const board of [empty, forty]) {
        const view = must(startView(board, width, height, 16))
        expect(view.scale).toBe(readableScale())
        const first = must(board.columns[0])
        // The first column's tint starts 8 px inside the canvas, its top 8 px below the canvas's top.
        expect(onScreen(view, { ...first, x: first.x - 8, y: first.y - 8 }).left).toBeCloseTo(8)
        expect(onScreen(view, { ...first, y: first.y - 8 }).top).toBeCloseTo(8)
        // The whole first column is across the screen.
        expect(onScreen(view, first).right).toBeLessThan(width)
      }
    }
  })

  it('fits the whole map when it fits readably, and centres it across when only its width fits', () => {
    expect(startView(empty, 1800, 1200, 16)).toBeNull()
    const view = must(startView(forty, 1800, 1000, 16))
    expect(view.scale).toBe(readableScale())
    expect(onScreen(view, { x: 0, y: 0, width: forty.width }).left).toBeCloseTo((1800 - forty.width) / 2)
  })

  it('on a phone, reads one section at a readable zoom, its notes across the screen and its heading at the top', () => {
    for (const board of [empty, forty]) {
      board.sections.forEach((section, index) => {
        const view = must(sectionView(board, index, 390))
        expect(view.scale).toBeGreaterThanOrEqual(readableScale())
        const grid = { x: section.x + 12, y: section.y, width: section.width - 24 }
        expect(onScreen(view, grid).left).toBeGreaterThanOrEqual(0)
        expect(onScreen(view, grid).right).toBeLessThanOrEqual(390)
        // Centred across.
        expect(onScreen(view, section).left + onScreen(view, section).right).toBeCloseTo(390)
        expect(onScreen(view, section).top).toBeGreaterThan(0)
        expect(onScreen(view, section).top).toBeLessThan(80)
      })
    }
    // A column's first section shows the column's heading above it.
    const column = must(empty.columns[0])
    expect(onScreen(must(sectionView(empty, 0, 390)), column).top).toBeCloseTo(16)
    // A wider phone fills its width, a little larger; a desktop canvas stays at the readable zoom.
    expect(must(sectionView(empty, 0, 430)).scale).toBeGreaterThan(readableScale())
    expect(must(sectionView(empty, 0, 1040)).scale).toBe(readableScale())
    expect(sectionView(empty, 7, 390)).toBeNull()
  })

  it('opens a phone on the first section that holds notes, or on the first section', () => {
    expect(openingSection(empty.sections, new Map())).toBe(0)
    expect(
      openingSection(
        empty.sections,
        new Map([
          ['existing-safety', 2],
          ['safety-goals', 1],
        ]),
      ),
    ).toBe(4)
    expect(openingSection(empty.sections, new Map([['past-harm', 0]]))).toBe(0)
  })

  it('knows which section the view shows, and the nearest one when it shows none', () => {
    empty.sections.forEach((_, index) => {
      const view = must(sectionView(empty, index, 390))
      const visible = {
        x: -view.x / view.scale,
        y: -view.y / view.scale,
        width: 390 / view.scale,
        height: 649 / view.scale,
      }
      expect(sectionInView(empty.sections, visible)).toBe(index)
    })
    expect(sectionInView(empty.sections, { x: -5000, y: -5000, width: 10, height: 10 })).toBe(0)
    const last = must(empty.sections[6])
    expect(sectionInView(empty.sections, { x: last.x + 5000, y: last.y, width: 10, height: 10 })).toBe(6)
  })

  it('follows the chair readably on a phone: the section the chair shows most of, unless the chair is closer in', () => {
    // The chair's desktop view at 100%, from the start of the map: all of the first two columns.
    const wide = { x: 8, y: 8, width: 1040, height: 731 }
    expect(followView(empty, wide, 390, 649)).toEqual(sectionView(empty, 0, 390))
    // Moved across to the second column: the phone goes to its section.
    const across = { x: 440, y: 60, width: 420, height: 400 }
    expect(followView(empty, across, 390, 649)).toEqual(sectionView(empty, 3, 390))
    // Zoomed in on one note, closer than readable on the phone: followed exactly.
    const close = { x: 30, y: 100, width: 200, height: 150 }
    const view = must(followView(empty, close, 390, 649))
    expect(view.scale).toBeGreaterThan(readableScale())
    expect(view.scale).toBeCloseTo(390 / 200)
    // A desktop follower fits the chair's view, as before.
    expect(must(followView(empty, wide, 880, 551)).scale).toBeCloseTo(551 / 731)
  })
})
