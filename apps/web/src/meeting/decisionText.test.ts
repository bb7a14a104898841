import { describe, expect, it } from 'vitest'
import { decisionHeadline } from './decisionText.ts'

describe('decisionHeadline', () => {
  it('names the category only for a Child Protection Plan', () => {
    expect(decisionHeadline({ outcome: 'cp-plan', category: 'neglect' })).toBe(
      'Child Protection Plan (Neglect)',
    )
    expect(decisionHeadline({ outcome: 'cin-plan', category: null })).toBe('Child in Need Plan')
    expect(decisionHeadline({ outcome: 'no-plan', category: null })).toBe('No plan')
  })
})
