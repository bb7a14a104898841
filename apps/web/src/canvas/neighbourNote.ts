import { ZONES } from '@mapboard/map-model'
import type { ColumnId, NoteBox, ZoneId } from '@mapboard/map-model'

export type ArrowDirection = 'left' | 'right' | 'up' | 'down'

const ARROWS: Readonly<Record<string, ArrowDirection>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
}

export function arrowDirection(key: string): ArrowDirection | undefined {
  return ARROWS[key]
}

/**
 * The note an arrow key goes to from `fromId`, or null to stay. `notes` are the layout's boxes in reading order
 * (section by section, each left to right, top to bottom).
 *
 * - Left and right follow reading order: along a row, on to the next row, and on into the next section (and
 *   column) — the order the outline and a screen reader read the map in.
 * - Up and down go to the note drawn above or below: the nearest one in the same grid column, and across
 *   sections stacked in a column (never into the next column: that is what left and right are for); a note
 *   straight below beats a nearer one off to the side.
 *
 * With nothing to start from, any arrow goes to the first note.
 */
export function neighbourNote(
  notes: readonly NoteBox[],
  fromId: string | null,
  direction: ArrowDirection,
): string | null {
  const index = fromId === null ? -1 : notes.findIndex((note) => note.id === fromId)
  const from = notes[index]
  if (from === undefined) return notes[0]?.id ?? null
  if (direction === 'left') return notes[index - 1]?.id ?? null
  if (direction === 'right') return notes[index + 1]?.id ?? null

  const sign = direction === 'down' ? 1 : -1
  const cx = from.x + from.width / 2
  const cy = from.y + from.height / 2
  const column = columnOf(from.zone)
  let best: { id: string; cost: number } | null = null
  for (const note of notes) {
    const dy = (note.y + note.height / 2 - cy) * sign
    if (note.id === from.id || dy < from.height / 2 || columnOf(note.zone) !== column) continue
    // Sideways distance weighs more than distance down, so the column wins over a closer note beside it.
    const cost = dy + 3 * Math.abs(note.x + note.width / 2 - cx)
    if (best === null || cost < best.cost) best = { id: note.id, cost }
  }
  return best?.id ?? null
}

const COLUMN_OF: ReadonlyMap<ZoneId, ColumnId> = new Map(ZONES.map((zone) => [zone.id, zone.column]))

function columnOf(zone: ZoneId): ColumnId | undefined {
  return COLUMN_OF.get(zone)
}
