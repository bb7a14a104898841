// When agencies' reports are due (product brief, "No new information at the conference"): 24 hours before an
// initial conference, 3 working days before a review. A deployment may set other numbers and its own list of bank
// holidays; the rules themselves are here, pure, for the server, the board and the record alike.
import { bankHolidaysBetween } from './bankHolidays.ts'
import { fromLondonTime, isoDate, londonTime } from './londonTime.ts'
import type { ConferenceType } from './types.ts'

export interface ReportsPolicy {
  /** Before an initial conference: this many hours, counted as elapsed time (a clock change does not stretch it). */
  initialHours: number
  /**
   * Before a review: this many working days. The deadline is the conference's own clock time (London) on the
   * working day that many working days before it; weekends and `bankHolidays` are not working days.
   */
  reviewWorkingDays: number
  /** London dates ('YYYY-MM-DD') that are not working days besides weekends. */
  bankHolidays: readonly string[]
}

/** England and Wales: 24 hours and 3 working days (Working Together to Safeguard Children), with their bank holidays. */
export const DEFAULT_REPORTS_POLICY: ReportsPolicy = Object.freeze({
  initialHours: 24,
  reviewWorkingDays: 3,
  bankHolidays: Object.freeze(bankHolidaysBetween(1990, 2100)),
})

const HOUR = 3_600_000
/** A working-day count never reaches back further than this many calendar days (a very long holiday list). */
const MAX_DAYS_BACK = 3660

/** The moment reports are due for a conference of `type` that starts at `startsAt` (ms since the epoch). */
export function reportsDeadline(
  startsAt: number,
  type: ConferenceType,
  policy: ReportsPolicy = DEFAULT_REPORTS_POLICY,
): number {
  if (type === 'initial') return startsAt - policy.initialHours * HOUR
  if (policy.reviewWorkingDays <= 0) return startsAt
  const holidays = holidaySet(policy.bankHolidays)
  const start = londonTime(startsAt)
  let counted = 0
  for (let back = 1; back <= MAX_DAYS_BACK; back++) {
    const day = new Date(Date.UTC(start.year, start.month - 1, start.day - back))
    const year = day.getUTCFullYear()
    const month = day.getUTCMonth() + 1
    const date = day.getUTCDate()
    const weekday = day.getUTCDay()
    if (weekday === 0 || weekday === 6 || holidays.has(isoDate(year, month, date))) continue
    counted++
    if (counted >= policy.reviewWorkingDays)
      return fromLondonTime(year, month, date, start.hour, start.minute)
  }
  return startsAt
}

/** Whether a London date ('YYYY-MM-DD') is a working day under `policy`. */
export function isWorkingDay(date: string, policy: ReportsPolicy = DEFAULT_REPORTS_POLICY): boolean {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number)
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay()
  return weekday !== 0 && weekday !== 6 && !holidaySet(policy.bankHolidays).has(date)
}

// The same list is asked about for every note of a map: build its set once.
const holidaySets = new WeakMap<readonly string[], ReadonlySet<string>>()

function holidaySet(list: readonly string[]): ReadonlySet<string> {
  let set = holidaySets.get(list)
  if (set === undefined) {
    set = new Set(list)
    holidaySets.set(list, set)
  }
  return set
}
