// Fair process (product brief, "No new information at the conference"): each note's information status, from when
// the server received it (`receivedAt`) and when the conference is. Shared in time; late, after the reports
// deadline; or new, at or after the conference's start. Pure, so the board, the chair's list and the record agree.
import type { MapSnapshot, NoteSnapshot } from '../readMap.ts'
import { DEFAULT_REPORTS_POLICY, reportsDeadline } from './reportsDeadline.ts'
import type { ReportsPolicy } from './reportsDeadline.ts'
import type { ConferenceSchedule } from './types.ts'

export type InformationStatus = 'in-time' | 'late' | 'new'

/**
 * The status of information received at `receivedAt`. Received exactly at the deadline is in time; exactly at the
 * start is new. Without a schedule nothing can be late.
 */
export function informationStatus(
  receivedAt: number,
  schedule: ConferenceSchedule | null,
  policy: ReportsPolicy = DEFAULT_REPORTS_POLICY,
): InformationStatus {
  if (schedule === null) return 'in-time'
  if (receivedAt >= schedule.startsAt) return 'new'
  return receivedAt > reportsDeadline(schedule.startsAt, schedule.type, policy) ? 'late' : 'in-time'
}

/** What the chair goes through and the record lists apart: the late and the new notes of a map. */
export interface LateInformation {
  /** When reports were due; null without a schedule. */
  deadline: number | null
  /** Received after the deadline and before the start, oldest first. */
  late: NoteSnapshot[]
  /** Received at or after the start, oldest first. */
  new: NoteSnapshot[]
}

/** The late and new notes of `map` (a readMap snapshot, or several documents' notes together). */
export function lateInformation(
  map: Pick<MapSnapshot, 'notes'>,
  schedule: ConferenceSchedule | null,
  policy: ReportsPolicy = DEFAULT_REPORTS_POLICY,
): LateInformation {
  const found: LateInformation = {
    deadline: schedule === null ? null : reportsDeadline(schedule.startsAt, schedule.type, policy),
    late: [],
    new: [],
  }
  if (schedule === null) return found
  for (const note of map.notes) {
    const status = informationStatus(note.receivedAt, schedule, policy)
    if (status !== 'in-time') found[status].push(note)
  }
  const byReceipt = (a: NoteSnapshot, b: NoteSnapshot): number =>
    a.receivedAt - b.receivedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  found.late.sort(byReceipt)
  found.new.sort(byReceipt)
  return found
}
