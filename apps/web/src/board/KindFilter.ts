// "Show only allegations": a view setting of this device alone, never in the shared document (decision 0037). A
// filtered-out note is left out of the snapshot the board and the Outline draw, so it cannot be selected, reached
// by keyboard or edited until the filter is cleared.
import { NOTE_KINDS } from '@mapboard/map-model'
import type { NoteKind, NoteSnapshot } from '@mapboard/map-model'

export type KindFilter = 'all' | NoteKind

export const KIND_FILTERS: readonly KindFilter[] = ['all', ...NOTE_KINDS]

const SHOWING: Record<KindFilter, string> = {
  all: 'All kinds',
  fact: 'Facts only',
  observation: 'Observations only',
  allegation: 'Allegations only',
  opinion: 'Opinions only',
}

/** What the filter's option says. */
export function kindFilterLabel(filter: KindFilter): string {
  return SHOWING[filter]
}

export function isKindFilter(value: unknown): value is KindFilter {
  return typeof value === 'string' && (KIND_FILTERS as readonly string[]).includes(value)
}

/** The snapshot with only the notes the filter shows; the same object when it shows everything. */
export function filterByKind<T extends { notes: readonly NoteSnapshot[] }>(
  snapshot: T,
  filter: KindFilter,
): T {
  if (filter === 'all') return snapshot
  return { ...snapshot, notes: snapshot.notes.filter((note) => note.kind === filter) }
}
