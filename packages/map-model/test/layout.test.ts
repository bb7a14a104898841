import { describe, expect, test } from 'vitest'
import { COLUMNS, NOTE_COLOURS, ZONE_IDS, ZONES, layout } from '../src/index.ts'
import type { MapLayout, MapSnapshot, NoteSnapshot, ZoneId } from '../src/index.ts'
import { createRng } from '@mapboard/test-kit'

interface Box {
  x: number
  y: number
  width: number
  height: number
}

const inside = (inner: Box, outer: Box): boolean =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height

const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

function note(id: string, zone: ZoneId, order: number): NoteSnapshot {
  return {
    id,
    zone,
    text: id,
    kind: 'fact',
    source: '',
    author: '',
    authorId: '',
    agency: '',
    createdAt: 0,
    receivedAt: 0,
    // Keys that sort like the numbers they stand for.
    order: `V${String(order).padStart(4, '0')}1`,
    colour: NOTE_COLOURS[0],
  }
}

function snapshotWith(counts: Partial<Record<ZoneId, number>>, locks: ZoneId[] = []): MapSnapshot {
  const notes = Object.entries(counts).flatMap(([zone, count]) =>
    Array.from({ length: count }, (_, i) => note(`${zone}-${String(i).padStart(3, '0')}`, zone as ZoneId, i)),
  )
  return { title: 't', createdAt: 0, notes, locks }
}

function randomSnapshot(seed: number): MapSnapshot {
  const rng = createRng(seed)
  const notes: NoteSnapshot[] = []
  for (const zone of ZONE_IDS) {
    const count = rng.chance(0.2) ? 0 : rng.int(0, 11)
    for (let i = 0; i < count; i++) notes.push(note(rng.id(), zone, rng.int(0, 4)))
  }
  return { title: 't', createdAt: 0, notes, locks: ZONE_IDS.filter(() => rng.chance(0.3)) }
}

function section(result: MapLayout, zone: ZoneId) {
  const box = result.sections.find((s) => s.zone === zone)
  if (!box) throw new Error(`no section ${zone}`)
  return box
}

/** The geometric invariants every layout must keep, whatever the snapshot. */
function expectWellFormed(result: MapLayout, snapshot: MapSnapshot): void {
  const board: Box = { x: 0, y: 0, width: result.width, height: result.height }
  const { noteHeight, gap } = result.grid

  expect(result.columns.map((c) => c.id)).toEqual(COLUMNS.map((c) => c.id))
  expect(result.sections.map((s) => s.zone)).toEqual([...ZONE_IDS])
  expect(result.notes).toHaveLength(snapshot.notes.length)

  for (const [i, column] of result.columns.entries()) {
    expect(inside(column, board)).toBe(true)
    for (const other of result.columns.slice(i + 1)) expect(overlaps(column, other)).toBe(false)
    expect(column.height).toBe(result.columns[0]?.height)
    expect(overlaps(column, result.judgement)).toBe(false)
    expect(result.judgement.y).toBeGreaterThanOrEqual(column.y + column.height)
  }
  expect(inside(result.judgement, board)).toBe(true)

  for (const [i, box] of result.sections.entries()) {
    const column = result.columns.find((c) => c.id === box.column)
    if (!column) throw new Error('section without column')
    expect(inside(box, column), `${box.zone} inside ${column.id}`).toBe(true)
    expect(box.y).toBeGreaterThanOrEqual(column.y + 1) // below the column's label strip
    for (const other of result.sections.slice(i + 1)) expect(overlaps(box, other)).toBe(false)
    expect(box.locked).toBe(snapshot.locks.includes(box.zone))

    const own = result.notes.filter((n) => n.zone === box.zone)
    const lowest = Math.max(box.y + box.headerHeight, ...own.map((n) => n.y + n.height))
    // At least one empty row below the last note, so there is always room to drop.
    expect(box.y + box.height - lowest).toBeGreaterThanOrEqual(noteHeight + gap)
  }

  for (const [i, n] of result.notes.entries()) {
    const box = section(result, n.zone)
    const content = {
      x: box.x,
      y: box.y + box.headerHeight,
      width: box.width,
      height: box.height - box.headerHeight,
    }
    expect(inside(n, content), `note ${n.id} inside ${n.zone}`).toBe(true)
    for (const other of result.notes.slice(i + 1))
      expect(overlaps(n, other), `${n.id} vs ${other.id}`).toBe(false)
  }
}

describe('layout', () => {
  test('an empty map: three columns side by side, sections stacked, one empty row each, judgement below', () => {
    const result = layout(snapshotWith({}))
    expect(result.grid).toEqual({ noteWidth: 180, noteHeight: 120, gap: 12, notesPerRow: 2 })
    expect(result.columns.map(({ id, label, x, y, width }) => ({ id, label, x, y, width }))).toEqual([
      { id: 'worries', label: 'What are we worried about?', x: 24, y: 24, width: 396 },
      { id: 'working-well', label: "What's working well?", x: 444, y: 24, width: 396 },
      { id: 'needs-to-happen', label: 'What needs to happen?', x: 864, y: 24, width: 396 },
    ])
    expect(result.sections.map((s) => s.label)).toEqual(ZONES.map((z) => z.label))
    for (const s of result.sections) expect(s.height).toBe(36 + 132)
    // The worries column (three sections) sets the height of all three.
    expect(result.columns.map((c) => c.height)).toEqual([48 + 3 * (168 + 12), 588, 588])
    expect(result.judgement).toEqual({
      label: 'Judgement',
      x: 24,
      y: 24 + 588 + 24,
      width: 1236,
      height: 160,
      headerHeight: 36,
    })
    expect(result.width).toBe(1284)
    expect(result.height).toBe(636 + 160 + 24)
    expect(result.notes).toEqual([])
    expectWellFormed(result, snapshotWith({}))
  })

  test('notes fill their section left to right, top to bottom, by order then id', () => {
    const snapshot: MapSnapshot = {
      title: '',
      createdAt: 0,
      notes: [note('c', 'safety-goals', 1), note('b', 'safety-goals', 0), note('a', 'safety-goals', 1)],
      locks: [],
    }
    const result = layout(snapshot)
    const box = section(result, 'safety-goals')
    expect(result.notes).toEqual([
      { id: 'b', zone: 'safety-goals', x: box.x + 12, y: box.y + 36, width: 180, height: 120 },
      { id: 'a', zone: 'safety-goals', x: box.x + 12 + 192, y: box.y + 36, width: 180, height: 120 },
      { id: 'c', zone: 'safety-goals', x: box.x + 12, y: box.y + 36 + 132, width: 180, height: 120 },
    ])
  })

  test('a section grows a row at a time as notes are added, and pushes the sections below it down', () => {
    let previous = layout(snapshotWith({}))
    for (let count = 1; count <= 9; count++) {
      const result = layout(snapshotWith({ 'past-harm': count }))
      const rows = Math.ceil(count / 2) + 1
      expect(section(result, 'past-harm').height).toBe(36 + rows * 132)
      expect(section(result, 'past-harm').height).toBeGreaterThanOrEqual(
        section(previous, 'past-harm').height,
      )
      expect(section(result, 'future-danger').y).toBe(
        section(result, 'past-harm').y + section(result, 'past-harm').height + 12,
      )
      expect(result.height).toBeGreaterThanOrEqual(previous.height)
      // Other columns do not move sideways or down.
      expect(section(result, 'existing-strengths').y).toBe(section(previous, 'existing-strengths').y)
      previous = result
    }
    expect(layout(snapshotWith({ 'past-harm': 9 })).height).toBeGreaterThan(layout(snapshotWith({})).height)
  })

  test.each(Array.from({ length: 30 }, (_, i) => i + 1))('random map %i is well formed', (seed) => {
    const snapshot = randomSnapshot(seed)
    expectWellFormed(layout(snapshot), snapshot)
  })

  test('random maps are well formed with other sizes too', () => {
    for (let seed = 100; seed < 110; seed++) {
      const rng = createRng(seed)
      const options = {
        noteWidth: 50 + rng.int(0, 199),
        noteHeight: 40 + rng.int(0, 149),
        gap: rng.int(0, 19),
        columnWidth: 100 + rng.int(0, 899),
        headerHeight: rng.int(0, 59),
        spareRows: 1 + rng.int(0, 1),
      }
      const snapshot = randomSnapshot(seed)
      const result = layout(snapshot, options)
      expectWellFormed(result, snapshot)
      expect(result.grid.notesPerRow).toBeGreaterThanOrEqual(1)
    }
  })

  test('is deterministic and does not depend on the order notes arrive in', () => {
    const snapshot = randomSnapshot(7)
    const shuffled = { ...snapshot, notes: createRng(1).shuffle(snapshot.notes) }
    expect(layout(shuffled)).toEqual(layout(snapshot))
    expect(layout(snapshot)).toEqual(layout(snapshot))
  })

  test('notes in an unknown section are left out', () => {
    const snapshot = snapshotWith({ 'past-harm': 1 })
    snapshot.notes.push({ ...note('stray', 'past-harm', 0), zone: 'attic' as ZoneId })
    expect(layout(snapshot).notes.map((n) => n.id)).toEqual(['past-harm-000'])
  })

  test('options: wider columns hold more notes per row; too narrow still fits one note', () => {
    expect(layout(snapshotWith({}), { columnWidth: 600 }).grid.notesPerRow).toBe(3)
    const narrow = layout(snapshotWith({ 'next-steps': 3 }), { columnWidth: 10 })
    expect(narrow.grid.notesPerRow).toBe(1)
    expect(narrow.columns[0]?.width).toBe(180 + 24)
    expectWellFormed(narrow, snapshotWith({ 'next-steps': 3 }))
  })

  test.each([{ noteWidth: 0 }, { noteHeight: -5 }, { gap: Number.NaN }, { spareRows: 0.5 }, { padding: -1 }])(
    'bad option %j is a RangeError',
    (options) => {
      expect(() => layout(snapshotWith({}), options)).toThrow(RangeError)
    },
  )
})
