// Hit-testing on a MapLayout for drag and drop on the canvas. Points are in board units, like the layout.
import type { MapLayout } from './layout.ts'
import type { ZoneId } from './zones.ts'

/** The section whose box contains the point (left/top edges inclusive, right/bottom exclusive). */
export function sectionAt(layout: MapLayout, x: number, y: number): ZoneId | undefined {
  for (const s of layout.sections) {
    if (x >= s.x && x < s.x + s.width && y >= s.y && y < s.y + s.height) return s.zone
  }
  return undefined
}

/**
 * Where a note dropped at (x, y) should go in `zone`: the grid slot under the point, as an index for
 * `moveNote(doc, id, { zone, index })`. The slot is the note's final position, so the same number is right whether
 * the note comes from this section or another. Points outside the grid clamp to the nearest slot, and slots past
 * the last note mean "at the end".
 */
export function indexAt(layout: MapLayout, zone: ZoneId, x: number, y: number): number {
  const section = layout.sections.find((s) => s.zone === zone)
  if (!section) return 0
  const { noteWidth, noteHeight, gap, notesPerRow } = layout.grid
  // Each slot owns its note plus half the gap around it, so the whole grid is covered without holes.
  const column = clamp(Math.floor((x - section.x - gap / 2) / (noteWidth + gap)), 0, notesPerRow - 1)
  const row = Math.max(0, Math.floor((y - section.y - section.headerHeight + gap / 2) / (noteHeight + gap)))
  const count = layout.notes.reduce((n, note) => (note.zone === zone ? n + 1 : n), 0)
  return clamp(row * notesPerRow + column, 0, count)
}

function clamp(value: number, min: number, max: number): number {
  return Number.isNaN(value) ? min : Math.min(max, Math.max(min, value))
}
