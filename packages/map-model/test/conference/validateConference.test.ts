import { describe, expect, test } from 'vitest'
import {
  MAX_REASON_TEXT,
  MAX_SHORT_TEXT,
  MAX_STATEMENT_TEXT,
  validateDate,
  validateDecision,
  validateRecordedBy,
} from '../../src/index.ts'
import { expectValidationError } from '../helpers.ts'

describe('conference validation', () => {
  test('limits are the documented ones', () => {
    expect([MAX_STATEMENT_TEXT, MAX_REASON_TEXT, MAX_SHORT_TEXT]).toEqual([2000, 1000, 200])
  })

  test('dates are real calendar dates written YYYY-MM-DD', () => {
    expect(validateDate('2028-02-29', 'due')).toBe('2028-02-29')
    for (const bad of [
      '2027-02-29',
      '2026-13-01',
      '2026-00-10',
      ' 2026-01-01',
      '2026-01-01T00:00',
      20260101,
      null,
    ])
      expectValidationError(() => validateDate(bad, 'due'), 'INVALID_DATE', 'due')
  })

  test('recordedBy is trimmed; a participant id is required', () => {
    expect(validateRecordedBy({ participantId: 'p', name: ' Ann ', agency: '', extra: 1 })).toEqual({
      participantId: 'p',
      name: 'Ann',
      agency: '',
    })
    expectValidationError(() => validateRecordedBy('p'), 'INVALID_TYPE', 'recordedBy')
    expectValidationError(
      () => validateRecordedBy({ participantId: ' p', name: '', agency: '' }),
      'INVALID_AUTHOR_ID',
      'recordedBy.participantId',
    )
  })

  test('lists and text are bounded; numbers must be finite', () => {
    const decision = {
      outcome: 'no-plan',
      category: null,
      reasons: '',
      agencyViews: [],
      dissent: [],
      recordedAt: 1,
    }
    expect(validateDecision(decision)).toEqual(decision)
    expectValidationError(
      () => validateDecision({ ...decision, reasons: 'x'.repeat(MAX_REASON_TEXT + 1) }),
      'TEXT_TOO_LONG',
      'reasons',
    )
    const many = Array.from({ length: 101 }, () => ({ agency: 'A', view: 'B' }))
    expectValidationError(
      () => validateDecision({ ...decision, agencyViews: many }),
      'TOO_MANY_ITEMS',
      'agencyViews',
    )
    expectValidationError(
      () => validateDecision({ ...decision, recordedAt: Number.POSITIVE_INFINITY }),
      'INVALID_TIMESTAMP',
      'recordedAt',
    )
    expectValidationError(() => validateDecision([]), 'INVALID_TYPE', 'decision')
  })
})
