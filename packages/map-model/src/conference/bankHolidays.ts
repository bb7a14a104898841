// The bank holidays of England and Wales, computed from their rules (Banking and Financial Dealings Act 1971 and
// the royal proclamations since): New Year's Day, Good Friday, Easter Monday, the early May, spring and summer bank
// holidays, Christmas Day and Boxing Day, with a substitute weekday when one falls at a weekend. Some years moved
// a holiday or added one by proclamation; those are listed below (gov.uk, "UK bank holidays").
import { isoDate } from './londonTime.ts'

/** Holidays proclaimed for one year only. */
export const ONE_OFF_BANK_HOLIDAYS: readonly string[] = Object.freeze([
  '1999-12-31', // the millennium
  '2002-06-03', // the Golden Jubilee
  '2011-04-29', // the royal wedding
  '2012-06-05', // the Diamond Jubilee
  '2022-06-03', // the Platinum Jubilee
  '2022-09-19', // the state funeral of Queen Elizabeth II
  '2023-05-08', // the coronation of King Charles III
])

/** Years whose early May or spring bank holiday was moved from its usual Monday. */
const MOVED: Readonly<Record<number, { earlyMay?: string; spring?: string }>> = {
  1995: { earlyMay: '1995-05-08' }, // VE Day, 50 years
  2002: { spring: '2002-06-04' },
  2012: { spring: '2012-06-04' },
  2020: { earlyMay: '2020-05-08' }, // VE Day, 75 years
  2022: { spring: '2022-06-02' },
}

/** The bank holidays of England and Wales in `year`, as 'YYYY-MM-DD', in date order. */
export function englandAndWalesBankHolidays(year: number): string[] {
  const easter = easterSunday(year)
  const moved = MOVED[year] ?? {}
  const days = [
    weekdayOnOrAfter(year, 1, 1),
    shift(year, easter.month, easter.day, -2),
    shift(year, easter.month, easter.day, 1),
    moved.earlyMay ?? firstMonday(year, 5),
    moved.spring ?? lastMonday(year, 5),
    lastMonday(year, 8),
    ...christmas(year),
    ...ONE_OFF_BANK_HOLIDAYS.filter((day) => day.startsWith(`${year}-`)),
  ]
  return [...new Set(days)].sort()
}

/** Every bank holiday of England and Wales from `fromYear` to `toYear`, both included. */
export function bankHolidaysBetween(fromYear: number, toYear: number): string[] {
  const days: string[] = []
  for (let year = fromYear; year <= toYear; year++) days.push(...englandAndWalesBankHolidays(year))
  return days
}

/** Easter Sunday in the Gregorian calendar (the anonymous algorithm, as in Meeus). */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return { month, day }
}

/** Christmas Day and Boxing Day, each moved to the next free weekday when it falls at a weekend. */
function christmas(year: number): string[] {
  const taken = new Set<number>()
  const days: string[] = []
  for (const day of [25, 26]) {
    let date = day
    while (isWeekend(year, 12, date) || taken.has(date)) date++
    taken.add(date)
    days.push(isoDate(year, 12, date))
  }
  return days
}

function weekdayOnOrAfter(year: number, month: number, day: number): string {
  let date = day
  while (isWeekend(year, month, date)) date++
  return isoDate(year, month, date)
}

function firstMonday(year: number, month: number): string {
  const weekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay()
  return isoDate(year, month, 1 + ((8 - weekday) % 7))
}

function lastMonday(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0))
  const back = (last.getUTCDay() + 6) % 7
  return isoDate(year, month, last.getUTCDate() - back)
}

function shift(year: number, month: number, day: number, days: number): string {
  const date = new Date(Date.UTC(year, month - 1, day + days))
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())
}

function isWeekend(year: number, month: number, day: number): boolean {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay()
  return weekday === 0 || weekday === 6
}
