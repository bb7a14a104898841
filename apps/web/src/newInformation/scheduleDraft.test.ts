import { describe, expect, it } from 'vitest'
import { EMPTY_SCHEDULE_DRAFT, draftOf, scheduleOfDraft } from './scheduleDraft.ts'

describe('scheduleOfDraft', () => {
  it('reads the date and time as London’s, in winter and in summer', () => {
    expect(scheduleOfDraft({ date: '2026-12-08', time: '10:00', type: 'initial' })).toEqual({
      startsAt: Date.UTC(2026, 11, 8, 10),
      type: 'initial',
    })
    expect(scheduleOfDraft({ date: '2027-07-01', time: '09:30', type: 'review' })).toEqual({
      startsAt: Date.UTC(2027, 6, 1, 8, 30),
      type: 'review',
    })
  })

  it('is no schedule without a date', () => {
    expect(scheduleOfDraft(EMPTY_SCHEDULE_DRAFT)).toBeNull()
  })

  it.each([
    ['a date that does not exist', { date: '2026-02-30', time: '10:00' }, /does not exist/],
    ['a date that is not one', { date: 'next week', time: '10:00' }, /date/],
    ['no time', { date: '2026-12-08', time: '' }, /time/],
    ['a time that is not one', { date: '2026-12-08', time: '25:00' }, /time/],
  ])('refuses %s with words a chair can act on', (_case, fields, message) => {
    expect(() => scheduleOfDraft({ ...fields, type: 'initial' })).toThrow(message)
  })

  it('gives back the fields of a schedule it made', () => {
    const draft = { date: '2027-03-29', time: '14:15', type: 'review' as const }
    const schedule = scheduleOfDraft(draft)
    expect(draftOf(schedule)).toEqual(draft)
    expect(draftOf(null)).toEqual(EMPTY_SCHEDULE_DRAFT)
  })
})
