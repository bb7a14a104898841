// Fair process ("the family can read them ahead"): whether the family had the chance to see each item before the
// conference. The server records when each family participant opened the map (apps/server, FamilyVisitStore); an
// item counts as seen once any family participant opened the map at or after the server received it, and before
// the conference started. Pure, so the record and anything else that asks agree.
import type { NoteSnapshot } from '../readMap.ts'

/** One opening of the map by a family participant, as the server recorded it. */
export interface FamilyVisit {
  participantId: string
  /** When the server admitted the connection, ms since the epoch. */
  visitedAt: number
}

/** When the family first opened the map after an item arrived, before the conference; null if they did not. */
export type FamilySeen = ReadonlyMap<string, number | null>

/**
 * For each note, the first family visit at or after its `receivedAt` and before `startsAt` (an opening at the
 * start itself is at the conference, not before it). Without a start (no schedule yet) any later visit counts.
 * A connection opened in the same millisecond as a note arrived still receives it, so a visit at `receivedAt`
 * counts as seen.
 */
export function familySeen(
  notes: readonly Pick<NoteSnapshot, 'id' | 'receivedAt'>[],
  visits: readonly FamilyVisit[],
  startsAt: number | null,
): FamilySeen {
  const times = visits.map((visit) => visit.visitedAt).sort((a, b) => a - b)
  const seen = new Map<string, number | null>()
  for (const note of notes) {
    const first = firstAtOrAfter(times, note.receivedAt)
    seen.set(note.id, first !== undefined && (startsAt === null || first < startsAt) ? first : null)
  }
  return seen
}

/** The smallest of the ascending `times` that is at least `at` (binary search). */
function firstAtOrAfter(times: readonly number[], at: number): number | undefined {
  let low = 0
  let high = times.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((times[middle] as number) < at) low = middle + 1
    else high = middle
  }
  return times[low]
}
