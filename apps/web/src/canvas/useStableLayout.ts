import { useMemo, useRef } from 'react'
import { layout } from '@mapboard/map-model'
import type { MapLayout, MapSnapshot, NoteBox, SectionBox } from '@mapboard/map-model'

/**
 * map-model's layout, with unchanged boxes keeping their identity from one render to the next, so a memoised
 * note whose box did not move is not re-rendered.
 */
export function useStableLayout(snapshot: MapSnapshot): MapLayout {
  const previous = useRef<MapLayout | null>(null)
  return useMemo(() => {
    const next = layout(snapshot)
    const old = previous.current
    if (old !== null) {
      const oldNotes = new Map(old.notes.map((box) => [box.id, box]))
      next.notes = next.notes.map((box) => {
        const kept = oldNotes.get(box.id)
        return kept !== undefined && sameNoteBox(kept, box) ? kept : box
      })
      next.sections = next.sections.map((box, index) => {
        const kept = old.sections[index]
        return kept !== undefined && sameSectionBox(kept, box) ? kept : box
      })
    }
    previous.current = next
    return next
  }, [snapshot])
}

function sameNoteBox(a: NoteBox, b: NoteBox): boolean {
  return a.zone === b.zone && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height
}

function sameSectionBox(a: SectionBox, b: SectionBox): boolean {
  return (
    a.zone === b.zone &&
    a.x === b.x &&
    a.y === b.y &&
    a.width === b.width &&
    a.height === b.height &&
    a.locked === b.locked &&
    a.headerHeight === b.headerHeight
  )
}
