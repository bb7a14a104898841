import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import {
  CP_CATEGORIES,
  DECISION_OUTCOMES,
  readConference,
  recordDecision,
  setApologies,
} from '../../src/index.ts'
import type { Decision } from '../../src/index.ts'
import { expectValidationError, recordTransactions } from '../helpers.ts'

const decision: Omit<Decision, 'recordedAt'> = {
  outcome: 'cin-plan',
  category: null,
  reasons: ' Things are better. ',
  agencyViews: [{ agency: 'School', view: 'Agrees' }],
  dissent: [{ name: 'PC Jones', agency: 'Police', view: 'Wants a Child Protection Plan' }],
}

describe('decision', () => {
  test('outcomes and categories carry the words of the product brief', () => {
    expect(DECISION_OUTCOMES).toEqual({
      'cp-plan': 'Child Protection Plan',
      'cin-plan': 'Child in Need Plan',
      'no-plan': 'No plan',
    })
    expect(Object.values(CP_CATEGORIES)).toEqual([
      'Neglect',
      'Physical abuse',
      'Emotional abuse',
      'Sexual abuse',
    ])
  })

  test('recordDecision stores the decision with its time, trimmed', () => {
    const doc = new Y.Doc()
    expect(readConference(doc).decision).toBe(null)
    recordDecision(doc, decision, 42)
    expect(readConference(doc).decision).toEqual({
      ...decision,
      reasons: 'Things are better.',
      recordedAt: 42,
    })
    recordDecision(doc, { ...decision, outcome: 'cp-plan', category: 'emotional-abuse' }, 43)
    expect(readConference(doc).decision).toMatchObject({ outcome: 'cp-plan', category: 'emotional-abuse' })
  })

  test('a category is given exactly for a Child Protection Plan', () => {
    const doc = new Y.Doc()
    const seen = recordTransactions(doc)
    expectValidationError(
      () => recordDecision(doc, { ...decision, outcome: 'cp-plan' }),
      'INVALID_CATEGORY',
      'category',
    )
    expectValidationError(
      () => recordDecision(doc, { ...decision, category: 'neglect' }),
      'INVALID_CATEGORY',
      'category',
    )
    expectValidationError(
      () => recordDecision(doc, { ...decision, outcome: 'maybe' as never }),
      'UNKNOWN_VALUE',
      'outcome',
    )
    expectValidationError(
      () => recordDecision(doc, { ...decision, dissent: [{ name: '', agency: '', view: 'No' }] }),
      'TEXT_EMPTY',
      'dissent[0].name',
    )
    expectValidationError(() => recordDecision(doc, decision, -1), 'INVALID_TIMESTAMP', 'recordedAt')
    expect(seen).toHaveLength(0)
  })
})

describe('apologies', () => {
  test('setApologies replaces the list; bad entries are refused', () => {
    const doc = new Y.Doc()
    setApologies(doc, [{ name: ' Dr Khan ', role: 'professional', agency: 'GP surgery' }])
    expect(readConference(doc).apologies).toEqual([
      { name: 'Dr Khan', role: 'professional', agency: 'GP surgery' },
    ])
    expectValidationError(
      () => setApologies(doc, [{ name: 'X', role: 'boss' as never, agency: '' }]),
      'UNKNOWN_VALUE',
      'apologies[0].role',
    )
    setApologies(doc, [])
    expect(readConference(doc).apologies).toEqual([])
  })
})
