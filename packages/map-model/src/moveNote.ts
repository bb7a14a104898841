import type { Doc } from 'yjs'
import { findNote } from './findNote.ts'
import { compareInZone, placeAt } from './order.ts'
import type { Ordered } from './order.ts'
import { readZoneNotes } from './readMap.ts'
import { validateIndex, validateZone } from './validation.ts'
import type { ZoneId } from './zones.ts'

export interface MoveNoteTarget {
  zone: ZoneId
  /**
   * Position among the target section's notes once the moved note is taken out, i.e. where it ends up. Omitted or
   * past the end = at the end (a stale index after someone else's delete still lands sensibly).
   */
  index?: number
  /**
   * The target section's notes as shown, where that is more than `doc`'s own (the board shows both of a map's
   * documents in one section), so `index` counts them all; defaults to the section's notes in `doc`. Only the
   * moved note is written either way.
   */
  among?: readonly Ordered[]
}

/**
 * Moves a note to a position in a section (the same one or another) by setting its `zone` and a new `order`.
 * It writes the moved note only, never its neighbours.
 */
export function moveNote(doc: Doc, id: string, target: MoveNoteTarget, origin?: unknown): void {
  const zone = validateZone(target.zone)
  const requested = target.index === undefined ? undefined : validateIndex(target.index)
  const note = findNote(doc, id)
  const inZone = target.among !== undefined ? [...target.among].sort(compareInZone) : readZoneNotes(doc, zone)
  const siblings = inZone.filter((other) => other.id !== id)
  const index = Math.min(requested ?? siblings.length, siblings.length)
  // Already there: write nothing, so a drop back onto the same spot does not churn the document.
  const unchanged = note.get('zone') === zone && inZone.findIndex((other) => other.id === id) === index
  const order = placeAt(siblings, index, id)

  doc.transact(() => {
    if (unchanged) return
    if (note.get('zone') !== zone) note.set('zone', zone)
    note.set('order', order)
  }, origin ?? null)
}
