// The reports deadline: 24 hours before an initial conference, 3 working days before a review (England and Wales
// bank holidays and weekends skipped), both configurable; times in London, across the clock changes.
import { describe, expect, test } from 'vitest'
import {
  DEFAULT_REPORTS_POLICY,
  ONE_OFF_BANK_HOLIDAYS,
  easterSunday,
  englandAndWalesBankHolidays,
  fromLondonTime,
  isWorkingDay,
  londonOffset,
  londonTime,
  reportsDeadline,
} from '../../src/index.ts'
import type { ReportsPolicy } from '../../src/index.ts'

const HOUR = 3_600_000

/** The London date and time of `ms`, as 'YYYY-MM-DD HH:MM'. */
function inLondon(ms: number): string {
  const t = londonTime(ms)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${t.year}-${two(t.month)}-${two(t.day)} ${two(t.hour)}:${two(t.minute)}`
}

/** A London local time, 'YYYY-MM-DD HH:MM'. */
function london(text: string): number {
  const [date = '', time = ''] = text.split(' ')
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number)
  const [hour = 0, minute = 0] = time.split(':').map(Number)
  return fromLondonTime(year, month, day, hour, minute)
}

describe('England and Wales bank holidays', () => {
  // As gov.uk lists them.
  test.each([
    [
      2022,
      [
        '2022-01-03', // New Year's Day was a Saturday: substitute Monday
        '2022-04-15',
        '2022-04-18',
        '2022-05-02',
        '2022-06-02', // spring bank holiday moved for the Platinum Jubilee…
        '2022-06-03', // …and the Jubilee itself
        '2022-08-29',
        '2022-09-19', // the state funeral
        '2022-12-26',
        '2022-12-27', // Christmas Day was a Sunday: substitute Tuesday
      ],
    ],
    [
      2023,
      [
        '2023-01-02',
        '2023-04-07',
        '2023-04-10',
        '2023-05-01',
        '2023-05-08', // the coronation
        '2023-05-29',
        '2023-08-28',
        '2023-12-25',
        '2023-12-26',
      ],
    ],
    [
      2026,
      [
        '2026-01-01',
        '2026-04-03',
        '2026-04-06',
        '2026-05-04',
        '2026-05-25',
        '2026-08-31',
        '2026-12-25',
        '2026-12-28', // Boxing Day is a Saturday: substitute Monday
      ],
    ],
    [
      2027,
      [
        '2027-01-01',
        '2027-03-26',
        '2027-03-29',
        '2027-05-03',
        '2027-05-31',
        '2027-08-30',
        '2027-12-27', // Christmas Day a Saturday, Boxing Day a Sunday: Monday and Tuesday
        '2027-12-28',
      ],
    ],
    [
      2020,
      [
        '2020-01-01',
        '2020-04-10',
        '2020-04-13',
        '2020-05-08',
        '2020-05-25',
        '2020-08-31',
        '2020-12-25',
        '2020-12-28',
      ],
    ],
  ])('%i', (year, expected) => {
    expect(englandAndWalesBankHolidays(year)).toEqual(expected)
  })

  test('Easter Sunday, including the earliest and latest it can be', () => {
    expect(easterSunday(2024)).toEqual({ month: 3, day: 31 })
    expect(easterSunday(2025)).toEqual({ month: 4, day: 20 })
    expect(easterSunday(2026)).toEqual({ month: 4, day: 5 })
    expect(easterSunday(2285)).toEqual({ month: 3, day: 22 })
    expect(easterSunday(2038)).toEqual({ month: 4, day: 25 })
  })

  test('the one-off holidays are in the default policy and are not working days', () => {
    for (const day of ['2022-06-03', '2022-09-19', '2023-05-08']) {
      expect(ONE_OFF_BANK_HOLIDAYS).toContain(day)
      expect(DEFAULT_REPORTS_POLICY.bankHolidays).toContain(day)
      expect(isWorkingDay(day)).toBe(false)
    }
    expect(isWorkingDay('2023-05-09')).toBe(true)
    expect(isWorkingDay('2026-12-05')).toBe(false) // a Saturday
  })
})

describe('London time', () => {
  test('GMT in winter, BST in summer, and the change weekends', () => {
    expect(londonOffset(Date.UTC(2026, 0, 15, 12))).toBe(0)
    expect(londonOffset(Date.UTC(2026, 6, 15, 12))).toBe(HOUR)
    // Clocks go forward at 01:00 GMT on 29 March 2026 and back at 01:00 GMT on 25 October 2026.
    expect(london('2026-03-29 00:30')).toBe(Date.UTC(2026, 2, 29, 0, 30))
    expect(london('2026-03-29 03:00')).toBe(Date.UTC(2026, 2, 29, 2, 0))
    expect(london('2026-10-25 01:30')).toBe(Date.UTC(2026, 9, 25, 0, 30)) // the first 01:30, in BST
    expect(london('2026-10-25 03:00')).toBe(Date.UTC(2026, 9, 25, 3, 0))
    expect(inLondon(london('2026-07-01 10:00'))).toBe('2026-07-01 10:00')
  })
})

describe('reportsDeadline', () => {
  test('initial: 24 hours before', () => {
    expect(inLondon(reportsDeadline(london('2026-12-09 10:00'), 'initial'))).toBe('2026-12-08 10:00')
    // Monday's conference: reports are due on Sunday, the hours are not working days.
    expect(inLondon(reportsDeadline(london('2026-12-07 10:00'), 'initial'))).toBe('2026-12-06 10:00')
  })

  test('initial on the day the clocks change: 24 hours of elapsed time, not the same clock time', () => {
    const startsAt = london('2026-03-29 14:00') // BST, the day the clocks went forward
    expect(reportsDeadline(startsAt, 'initial')).toBe(startsAt - 24 * HOUR)
    expect(inLondon(reportsDeadline(startsAt, 'initial'))).toBe('2026-03-28 13:00')
  })

  test('review: the same clock time, 3 working days before, weekends skipped', () => {
    expect(inLondon(reportsDeadline(london('2026-12-10 10:00'), 'review'))).toBe('2026-12-07 10:00') // Thu → Mon
    expect(inLondon(reportsDeadline(london('2026-12-07 14:30'), 'review'))).toBe('2026-12-02 14:30') // Mon → Wed
    // A conference on a Saturday still counts back working days.
    expect(inLondon(reportsDeadline(london('2026-12-12 10:00'), 'review'))).toBe('2026-12-09 10:00')
  })

  test('review over Easter: Good Friday and Easter Monday are not working days', () => {
    // Wed 8 April 2026 → Tue 7 (1), [Mon 6 Easter Monday], [weekend], [Fri 3 Good Friday], Thu 2 (2), Wed 1 (3).
    expect(inLondon(reportsDeadline(london('2026-04-08 10:00'), 'review'))).toBe('2026-04-01 10:00')
  })

  test('review after Christmas: the substitute days are skipped', () => {
    // Thu 30 December 2027 → Wed 29 (1), [Tue 28, Mon 27 substitutes], [weekend], Fri 24 (2), Thu 23 (3).
    expect(inLondon(reportsDeadline(london('2027-12-30 11:00'), 'review'))).toBe('2027-12-23 11:00')
  })

  test('review after the one-off holidays', () => {
    // Wed 21 September 2022 → Tue 20 (1), [Mon 19 the funeral], [weekend], Fri 16 (2), Thu 15 (3).
    expect(inLondon(reportsDeadline(london('2022-09-21 10:00'), 'review'))).toBe('2022-09-15 10:00')
    // Wed 10 May 2023 → Tue 9 (1), [Mon 8 the coronation], [weekend], Fri 5 (2), Thu 4 (3).
    expect(inLondon(reportsDeadline(london('2023-05-10 10:00'), 'review'))).toBe('2023-05-04 10:00')
    // Tue 7 June 2022 → Mon 6 (1), [weekend], [Fri 3, Thu 2 the Jubilee], Wed 1 (2), Tue 31 May (3).
    expect(inLondon(reportsDeadline(london('2022-06-07 10:00'), 'review'))).toBe('2022-05-31 10:00')
  })

  test('review across the clock change: the same London clock time in GMT as the conference in BST', () => {
    // Wed 1 April 2026 10:00 BST → Tue 31 (1), Mon 30 (2), [weekend of the change], Fri 27 March (3), 10:00 GMT.
    const deadline = reportsDeadline(london('2026-04-01 10:00'), 'review')
    expect(deadline).toBe(Date.UTC(2026, 2, 27, 10, 0))
    expect(inLondon(deadline)).toBe('2026-03-27 10:00')
    // And back in October: Tue 27 October 10:00 GMT → Mon 26 (1), [weekend], Fri 23 (2), Thu 22 October (3),
    // 10:00 BST (09:00 UTC).
    expect(reportsDeadline(london('2026-10-27 10:00'), 'review')).toBe(Date.UTC(2026, 9, 22, 9, 0))
  })

  test('a deployment sets its own hours, working days and holidays', () => {
    const policy: ReportsPolicy = { initialHours: 48, reviewWorkingDays: 5, bankHolidays: ['2026-12-04'] }
    expect(inLondon(reportsDeadline(london('2026-12-09 10:00'), 'initial', policy))).toBe('2026-12-07 10:00')
    // Wed 9 → Tue 8, Mon 7, [weekend], [Fri 4 the deployment's holiday], Thu 3, Wed 2, Tue 1.
    expect(inLondon(reportsDeadline(london('2026-12-09 10:00'), 'review', policy))).toBe('2026-12-01 10:00')
    // Without the national list, Easter Monday is a working day.
    expect(
      inLondon(reportsDeadline(london('2026-04-08 10:00'), 'review', { ...policy, reviewWorkingDays: 3 })),
    ).toBe('2026-04-03 10:00')
    expect(reportsDeadline(london('2026-04-08 10:00'), 'review', { ...policy, reviewWorkingDays: 0 })).toBe(
      london('2026-04-08 10:00'),
    )
  })
})
