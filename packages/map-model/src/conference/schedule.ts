// When the conference is, and whether it is an initial conference or a review: one value in meta.schedule, set by
// the chair and replaced whole (SCHEDULE-1). The reports deadline and each note's information status follow from
// it (reportsDeadline.ts, informationStatus.ts).
import type { Doc } from 'yjs'
import { getMetaMap } from '../schema.ts'
import type { ConferenceSchedule } from './types.ts'
import { validateSchedule } from './validateConference.ts'

/** Sets when the conference starts and which kind it is. Chair only. */
export function setSchedule(doc: Doc, schedule: ConferenceSchedule, origin?: unknown): void {
  const value = validateSchedule(schedule)
  doc.transact(() => getMetaMap(doc).set('schedule', value), origin ?? null)
}
