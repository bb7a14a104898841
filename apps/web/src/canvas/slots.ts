import type { MapLayout, ZoneId } from '@mapboard/map-model'
import type { BoardRect } from '../board/BoardRect.ts'

/** The rectangle of grid slot `index` in a section: where a note placed at that index is drawn. */
export function slotRect(layout: MapLayout, zone: ZoneId, index: number): BoardRect | null {
  const section = layout.sections.find((box) => box.zone === zone)
  if (section === undefined) return null
  const { noteWidth, noteHeight, gap, notesPerRow } = layout.grid
  const column = index % notesPerRow
  const row = Math.floor(index / notesPerRow)
  return {
    x: section.x + gap + column * (noteWidth + gap),
    y: section.y + section.headerHeight + row * (noteHeight + gap),
    width: noteWidth,
    height: noteHeight,
  }
}

/** The slot a new note in `zone` will take: after the section's last note. */
export function nextSlotRect(layout: MapLayout, zone: ZoneId): BoardRect | null {
  const count = layout.notes.reduce((n, box) => (box.zone === zone ? n + 1 : n), 0)
  return slotRect(layout, zone, count)
}
