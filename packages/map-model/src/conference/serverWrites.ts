// The two conference roots only the server writes (SERVER-1): scaling rounds, whose numbers it holds back until the
// reveal, and attendance, which it knows from connections coming and going. A client that writes either is refused.
import type { Doc } from 'yjs'
import { getAttendanceMap, getScalingMap } from '../schema.ts'
import type { AttendanceEntry, ScalingRound } from './types.ts'
import { validateAttendanceEntry, validateScalingRound } from './validateConference.ts'

/** Writes a scaling round whole under its id (results sorted by score, then name). */
export function writeScalingRound(doc: Doc, round: ScalingRound, origin?: unknown): void {
  const value = validateScalingRound(round)
  doc.transact(() => getScalingMap(doc).set(value.id, value), origin ?? null)
}

/** Writes one person's attendance whole under their participant id. */
export function writeAttendance(doc: Doc, entry: AttendanceEntry, origin?: unknown): void {
  const value = validateAttendanceEntry(entry)
  doc.transact(() => getAttendanceMap(doc).set(value.participantId, value), origin ?? null)
}
