// Order within a section. Each note carries a numeric `order`; a section lists its notes by (order, id). Placing a
// note takes a value strictly between its new neighbours, so a move writes one note, and concurrent moves on
// different replicas merge without coordination. Equal orders (two replicas placed notes in the same gap at
// once) are legal: the id breaks the tie, so every replica sorts the same way.
import { zoneIndex } from './zones.ts'
import type { ZoneId } from './zones.ts'

interface Ordered {
  id: string
  order: number
}

/** Sort key of notes across the whole map: section (ZONE_IDS order), then order, then id. */
export function compareNotes(a: Ordered & { zone: ZoneId }, b: Ordered & { zone: ZoneId }): number {
  return zoneIndex(a.zone) - zoneIndex(b.zone) || compareInZone(a, b)
}

/** Sort key within one section. Ids compare by code unit, not locale, so every runtime agrees. */
export function compareInZone(a: Ordered, b: Ordered): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

export interface Placement {
  /** The order to give the placed note. */
  order: number
  /** Other notes whose order must change too; empty unless the gap had no room left. */
  renumber: Ordered[]
}

/**
 * Where to put a note so it lands at `index` among `siblings` (the section's other notes, sorted by
 * compareInZone). Normally the midpoint of the neighbours' orders; when there is no number strictly between
 * them (a tie, or float precision used up by repeated inserts in one gap) the section is renumbered 0, 1, 2, ….
 */
export function placeAt(siblings: readonly Ordered[], index: number): Placement {
  const at = Math.max(0, Math.min(index, siblings.length))
  const order = between(siblings[at - 1]?.order, siblings[at]?.order)
  if (order !== undefined) return { order, renumber: [] }
  const renumber: Ordered[] = []
  siblings.forEach((note, i) => {
    const wanted = i < at ? i : i + 1
    if (note.order !== wanted) renumber.push({ id: note.id, order: wanted })
  })
  return { order: at, renumber }
}

function between(before: number | undefined, after: number | undefined): number | undefined {
  const value =
    before === undefined
      ? after === undefined
        ? 0
        : after - 1
      : after === undefined
        ? before + 1
        : before + (after - before) / 2
  const aboveBefore = before === undefined || value > before
  const belowAfter = after === undefined || value < after
  return aboveBefore && belowAfter ? value : undefined
}
