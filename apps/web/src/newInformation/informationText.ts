// The words the board uses for when the conference is and when information arrived. Conference times are London
// times (map-model's londonTime.ts): the board shows them as the record prints them, whatever the device's zone.
import { reportsDeadline } from '@mapboard/map-model'
import type { ConferenceSchedule, InformationStatus, ReportsPolicy } from '@mapboard/map-model'

const LONDON = 'Europe/London'

const DAY = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
})
const YEAR = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, year: 'numeric' })
const TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** "Tuesday 8 December, 10:00" in London; the year is added when it is not this year ("… 2027, 10:00"). */
export function londonDayTime(ms: number, now: number = Date.now()): string {
  const year = YEAR.format(ms)
  const day = year === YEAR.format(now) ? DAY.format(ms) : `${DAY.format(ms)} ${year}`
  return `${day.replace(',', '')}, ${TIME.format(ms)}`
}

/** "Initial conference" or "Review conference". */
export function conferenceTypeText(type: ConferenceSchedule['type']): string {
  return type === 'initial' ? 'Initial conference' : 'Review conference'
}

/**
 * The board's one line about the conference: "Initial conference, Tuesday 8 December, 10:00 · reports due by
 * Monday 7 December, 10:00".
 */
export function scheduleLine(
  schedule: ConferenceSchedule,
  policy: ReportsPolicy,
  now: number = Date.now(),
): string {
  const deadline = reportsDeadline(schedule.startsAt, schedule.type, policy)
  return `${conferenceTypeText(schedule.type)}, ${londonDayTime(schedule.startsAt, now)} · reports due by ${londonDayTime(deadline, now)}`
}

/** The short mark on a late or new item; null for one shared in time. Words, never colour alone. */
export function informationMark(status: InformationStatus): string | null {
  if (status === 'late') return 'Shared late'
  if (status === 'new') return 'New at the conference'
  return null
}

/** What the mark means, with when the item arrived: for a title, an accessible name, and the chair's notice. */
export function informationDescription(
  status: InformationStatus,
  receivedAt: number,
  now: number = Date.now(),
): string | null {
  const when = londonDayTime(receivedAt, now)
  if (status === 'late') return `Shared late: received ${when}, after reports were due`
  if (status === 'new') return `New at the conference: received ${when}, after the conference started`
  return null
}

/** What a family member reads on each item before the meeting: when it reached them. */
export function sharedWithYouText(receivedAt: number, now: number = Date.now()): string {
  return `Shared with you on ${londonDayTime(receivedAt, now)}`
}
