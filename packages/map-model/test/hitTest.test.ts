import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { ZONE_IDS, addNote, indexAt, layout, moveNote, readMap, sectionAt } from '../src/index.ts'
import type { MapLayout, ZoneId } from '../src/index.ts'
import { createRng } from '@mapboard/test-kit'

function board(seed: number): Y.Doc {
  const rng = createRng(seed)
  const doc = new Y.Doc()
  for (const zone of ZONE_IDS) {
    const count = rng.int(0, 5)
    for (let i = 0; i < count; i++) addNote(doc, { zone, text: `${zone} ${i}`, id: rng.id(), createdAt: 0 })
  }
  return doc
}

/** Centre of grid slot `index` in a section (the slot may be empty). */
function slotCentre(result: MapLayout, zone: ZoneId, index: number): { x: number; y: number } {
  const s = result.sections.find((box) => box.zone === zone)
  if (!s) throw new Error('no section')
  const { noteWidth, noteHeight, gap, notesPerRow } = result.grid
  return {
    x: s.x + gap + (index % notesPerRow) * (noteWidth + gap) + noteWidth / 2,
    y: s.y + s.headerHeight + Math.floor(index / notesPerRow) * (noteHeight + gap) + noteHeight / 2,
  }
}

describe('sectionAt', () => {
  const result = layout(readMap(board(1)))

  test('finds the section under any point of its box, edges included on the top-left', () => {
    for (const s of result.sections) {
      expect(sectionAt(result, s.x + s.width / 2, s.y + s.height / 2)).toBe(s.zone)
      expect(sectionAt(result, s.x, s.y)).toBe(s.zone)
      expect(sectionAt(result, s.x + s.width - 0.5, s.y + s.height - 0.5)).toBe(s.zone)
    }
  })

  test('is undefined outside every section: margins, column labels, gaps, the judgement band', () => {
    const [worries] = result.columns
    const [first, second] = result.sections
    if (!worries || !first || !second) throw new Error('layout incomplete')
    expect(sectionAt(result, 1, 1)).toBeUndefined()
    expect(sectionAt(result, worries.x + 10, worries.y + 10)).toBeUndefined()
    expect(sectionAt(result, first.x + 10, first.y + first.height + 1)).toBeUndefined()
    expect(sectionAt(result, result.judgement.x + 10, result.judgement.y + 10)).toBeUndefined()
    expect(sectionAt(result, result.width + 10, 100)).toBeUndefined()
  })
})

describe('indexAt', () => {
  test('the centre of each note gives its own index; the first empty slot gives the count', () => {
    const result = layout(readMap(board(2)))
    for (const zone of ZONE_IDS) {
      const notes = result.notes.filter((n) => n.zone === zone)
      notes.forEach((n, i) => expect(indexAt(result, zone, n.x + n.width / 2, n.y + n.height / 2)).toBe(i))
      const empty = slotCentre(result, zone, notes.length)
      expect(indexAt(result, zone, empty.x, empty.y)).toBe(notes.length)
    }
  })

  test('points off the grid clamp: above is the first row, far below is the end, sideways the nearest column', () => {
    const result = layout(readMap(board(3)))
    for (const zone of ZONE_IDS) {
      const s = result.sections.find((box) => box.zone === zone)
      if (!s) throw new Error('no section')
      const count = result.notes.filter((n) => n.zone === zone).length
      expect(indexAt(result, zone, s.x - 100, s.y - 100)).toBe(0)
      expect(indexAt(result, zone, s.x + s.width / 2, s.y + 10_000)).toBe(count)
      expect(indexAt(result, zone, Number.NaN, Number.NaN)).toBe(0)
    }
  })

  test('dropping on a slot and moving there puts the note exactly in that slot', () => {
    for (let seed = 10; seed < 40; seed++) {
      const rng = createRng(seed)
      const doc = board(seed)
      const before = layout(readMap(doc))
      const dragged = before.notes.length > 0 ? rng.pick(before.notes) : undefined
      if (!dragged) continue
      const zone = rng.pick(ZONE_IDS)
      const count = before.notes.filter((n) => n.zone === zone && n.id !== dragged.id).length
      const slot = rng.int(0, count)
      const point = slotCentre(before, zone, slot)
      expect(sectionAt(before, point.x, point.y)).toBe(zone)
      moveNote(doc, dragged.id, { zone, index: indexAt(before, zone, point.x, point.y) })

      const after = layout(readMap(doc))
      const landed = after.notes.find((n) => n.id === dragged.id)
      const target = slotCentre(after, zone, slot)
      expect(
        landed && { zone: landed.zone, x: landed.x + landed.width / 2, y: landed.y + landed.height / 2 },
      ).toEqual({ zone, ...target })
    }
  })
})
