import { describe, expect, it } from 'vitest'
import { DEFAULT_REPORTS_POLICY } from '@mapboard/map-model'
import {
  informationDescription,
  informationMark,
  londonDayTime,
  scheduleLine,
  sharedWithYouText,
} from './informationText.ts'

// Tuesday 8 December 2026, 10:00 in London (GMT).
const START = Date.UTC(2026, 11, 8, 10)
const NOW = Date.UTC(2026, 11, 6, 12)

describe('londonDayTime', () => {
  it('says the London day and clock time, with the year only when it is not this year', () => {
    expect(londonDayTime(START, NOW)).toBe('Tuesday 8 December, 10:00')
    expect(londonDayTime(Date.UTC(2027, 0, 5, 9, 30), NOW)).toBe('Tuesday 5 January 2027, 09:30')
  })

  it('is London’s time in summer (BST), whatever the device’s zone', () => {
    expect(londonDayTime(Date.UTC(2026, 6, 1, 9), NOW)).toBe('Wednesday 1 July, 10:00')
  })
})

describe('scheduleLine', () => {
  it('names the conference, its start and when reports are due', () => {
    expect(scheduleLine({ startsAt: START, type: 'initial' }, DEFAULT_REPORTS_POLICY, NOW)).toBe(
      'Initial conference, Tuesday 8 December, 10:00 · reports due by Monday 7 December, 10:00',
    )
    // A review: three working days before, skipping the weekend.
    expect(scheduleLine({ startsAt: START, type: 'review' }, DEFAULT_REPORTS_POLICY, NOW)).toBe(
      'Review conference, Tuesday 8 December, 10:00 · reports due by Thursday 3 December, 10:00',
    )
  })

  it('follows the deployment’s policy', () => {
    const policy = { ...DEFAULT_REPORTS_POLICY, initialHours: 48 }
    expect(scheduleLine({ startsAt: START, type: 'initial' }, policy, NOW)).toBe(
      'Initial conference, Tuesday 8 December, 10:00 · reports due by Sunday 6 December, 10:00',
    )
  })
})

describe('marks', () => {
  it('words late and new items, and nothing for an item shared in time', () => {
    expect(informationMark('late')).toBe('Shared late')
    expect(informationMark('new')).toBe('New at the conference')
    expect(informationMark('in-time')).toBeNull()
  })

  it('says when a marked item was received', () => {
    const at = Date.UTC(2026, 11, 7, 14, 5)
    expect(informationDescription('late', at, NOW)).toBe(
      'Shared late: received Monday 7 December, 14:05, after reports were due',
    )
    expect(informationDescription('new', START + 42 * 60_000, NOW)).toBe(
      'New at the conference: received Tuesday 8 December, 10:42, after the conference started',
    )
    expect(informationDescription('in-time', at, NOW)).toBeNull()
  })

  it('tells the family when each item reached them', () => {
    expect(sharedWithYouText(Date.UTC(2026, 11, 7, 14, 5), NOW)).toBe(
      'Shared with you on Monday 7 December, 14:05',
    )
  })
})
