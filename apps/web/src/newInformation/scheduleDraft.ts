// The schedule as its form fields hold it: a London date and clock time as typed, and the kind of conference.
import { fromLondonTime, londonTime } from '@mapboard/map-model'
import type { ConferenceSchedule, ConferenceType } from '@mapboard/map-model'

export interface ScheduleDraft {
  /** 'YYYY-MM-DD', as `<input type="date">` gives it; '' when not given. */
  date: string
  /** 'HH:MM', as `<input type="time">` gives it. */
  time: string
  type: ConferenceType
}

export const EMPTY_SCHEDULE_DRAFT: ScheduleDraft = Object.freeze({ date: '', time: '10:00', type: 'initial' })

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME = /^(\d{2}):(\d{2})(?::\d{2})?$/

/** The fields of an existing schedule, in London time. */
export function draftOf(schedule: ConferenceSchedule | null): ScheduleDraft {
  if (schedule === null) return EMPTY_SCHEDULE_DRAFT
  const t = londonTime(schedule.startsAt)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return {
    date: `${t.year}-${pad(t.month)}-${pad(t.day)}`,
    time: `${pad(t.hour)}:${pad(t.minute)}`,
    type: schedule.type,
  }
}

/**
 * The schedule the fields describe, the date and time read as London's; null when no date is given. Throws a
 * message a chair can act on when what is typed is not a date or a time.
 */
export function scheduleOfDraft(draft: ScheduleDraft): ConferenceSchedule | null {
  if (draft.date.trim() === '') return null
  const date = DATE.exec(draft.date.trim())
  const time = TIME.exec(draft.time.trim())
  if (date === null) throw new Error('Give the conference’s date as a day, month and year.')
  if (time === null) throw new Error('Give the time the conference starts, for example 10:00.')
  const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])]
  const [hour, minute] = [Number(time[1]), Number(time[2])]
  const check = new Date(Date.UTC(year, month - 1, day))
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || year < 2000 || year > 2100)
    throw new Error('That date does not exist. Check the day and month.')
  if (hour > 23 || minute > 59) throw new Error('Give the time the conference starts, for example 10:00.')
  return { startsAt: fromLondonTime(year, month, day, hour, minute), type: draft.type }
}
