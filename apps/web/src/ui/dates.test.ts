import { describe, expect, it } from 'vitest'
import { formatDay, localToday } from './dates.ts'

describe('dates for next steps', () => {
  it('gives today as YYYY-MM-DD in local time', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05')
  })

  it('words an ISO date, and leaves anything else alone', () => {
    expect(formatDay('2026-11-03')).toMatch(/^Tue,? 3 Nov 2026$/)
    expect(formatDay('soon')).toBe('soon')
  })
})
