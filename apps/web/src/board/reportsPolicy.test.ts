import { describe, expect, it } from 'vitest'
import { DEFAULT_REPORTS_POLICY, reportsDeadline } from '@mapboard/map-model'
import { readReportsPolicyInfo, reportsPolicyOf } from './reportsPolicy.ts'

describe('reportsPolicyOf', () => {
  it('is England and Wales’s when the server said nothing, or said the same', () => {
    expect(reportsPolicyOf(undefined)).toBe(DEFAULT_REPORTS_POLICY)
    expect(reportsPolicyOf({ initialHours: 24, reviewWorkingDays: 3, extraBankHolidays: [] })).toBe(
      DEFAULT_REPORTS_POLICY,
    )
  })

  it('takes the deployment’s numbers and adds its holidays to the England and Wales list', () => {
    const policy = reportsPolicyOf({
      initialHours: 48,
      reviewWorkingDays: 5,
      extraBankHolidays: ['2027-01-04'],
    })
    expect(policy.initialHours).toBe(48)
    expect(policy.reviewWorkingDays).toBe(5)
    expect(policy.bankHolidays).toEqual([...DEFAULT_REPORTS_POLICY.bankHolidays, '2027-01-04'])
    // A review on Thursday 7 January 2027 at 10:00: with Monday 4 January off as well as New Year's Day, the third
    // working day before is Thursday 31 December.
    const start = Date.UTC(2027, 0, 7, 10)
    const withDayOff = reportsPolicyOf({
      initialHours: 24,
      reviewWorkingDays: 3,
      extraBankHolidays: ['2027-01-04'],
    })
    expect(reportsDeadline(start, 'review', withDayOff)).toBe(Date.UTC(2026, 11, 31, 10))
    expect(reportsDeadline(start, 'review')).toBe(Date.UTC(2027, 0, 4, 10))
  })
})

describe('readReportsPolicyInfo', () => {
  it('reads a policy as the server sends it', () => {
    const info = { initialHours: 48, reviewWorkingDays: 5, extraBankHolidays: ['2027-01-04'] }
    expect(readReportsPolicyInfo(info)).toEqual(info)
  })

  it.each([
    ['nothing', undefined],
    ['a string', '24'],
    ['negative hours', { initialHours: -1, reviewWorkingDays: 3, extraBankHolidays: [] }],
    ['fractional days', { initialHours: 24, reviewWorkingDays: 2.5, extraBankHolidays: [] }],
    [
      'holidays that are not a list',
      { initialHours: 24, reviewWorkingDays: 3, extraBankHolidays: '2027-01-04' },
    ],
    [
      'a holiday that is not a date',
      { initialHours: 24, reviewWorkingDays: 3, extraBankHolidays: ['Monday'] },
    ],
    [
      'an endless list',
      {
        initialHours: 24,
        reviewWorkingDays: 3,
        extraBankHolidays: Array.from({ length: 5000 }, () => '2027-01-04'),
      },
    ],
  ])('leaves out %s', (_case, value) => {
    expect(readReportsPolicyInfo(value)).toBeUndefined()
  })
})
