import { CP_CATEGORIES, DECISION_OUTCOMES } from '@mapboard/map-model'
import type { Decision } from '@mapboard/map-model'

/** "Child Protection Plan (Neglect)": the outcome, with the category for a Child Protection Plan. */
export function decisionHeadline(decision: Pick<Decision, 'outcome' | 'category'>): string {
  const outcome = DECISION_OUTCOMES[decision.outcome]
  return decision.outcome === 'cp-plan' && decision.category !== null
    ? `${outcome} (${CP_CATEGORIES[decision.category]})`
    : outcome
}
