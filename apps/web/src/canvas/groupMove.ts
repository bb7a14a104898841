import type { ZoneId } from '@mapboard/map-model'

/** One map-model `moveNote`: the note, its section, and its index there once it is taken out (moveNote.ts). */
export interface NoteMove {
  id: string
  zone: ZoneId
  index: number
}

interface GroupMoveInput {
  zone: ZoneId
  /** The ids in `zone`, in order, as they are now. */
  zoneOrder: readonly string[]
  /** The notes to move, in reading order (from this section or others). */
  moving: readonly string[]
  /** The note under the pointer, and the index `indexAt` gave for it alone (moving.ts's meaning). */
  dragged: string
  index: number
}

/**
 * The moves that put a group of notes into a section as one block, in reading order, where the dragged note was
 * dropped. Applied one after another (in one transaction), each index is right for the section as the moves before
 * it left it: the first note goes before the first note that stays after the drop point, each next one right after
 * the one before. Only the moved notes are written (moveNote never renumbers neighbours, decision 0012).
 */
export function planGroupMove({ zone, zoneOrder, moving, dragged, index }: GroupMoveInput): NoteMove[] {
  const movingSet = new Set(moving)
  // The drop point counted among the notes that stay: `index` counts every other note of the section.
  const staysBefore = zoneOrder
    .filter((id) => id !== dragged)
    .slice(0, index)
    .filter((id) => !movingSet.has(id)).length
  const anchor = zoneOrder.filter((id) => !movingSet.has(id))[staysBefore] ?? null

  const plan: NoteMove[] = []
  let current = [...zoneOrder]
  let previous: string | null = null
  for (const id of moving) {
    const siblings = current.filter((other) => other !== id)
    const at =
      previous !== null
        ? siblings.indexOf(previous) + 1
        : anchor !== null
          ? siblings.indexOf(anchor)
          : siblings.length
    plan.push({ id, zone, index: at })
    siblings.splice(at, 0, id)
    current = siblings
    previous = id
  }
  return plan
}
