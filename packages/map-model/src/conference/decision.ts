// The decision (product brief, "Decision"): the chair decides, with reasons; agencies give their view; anyone who
// disagrees is recorded by name and agency. One value in meta.decision, replaced whole (DECISION-1).
import type { Doc } from 'yjs'
import { getMetaMap } from '../schema.ts'
import { validateTimestamp } from '../validation.ts'
import type { Decision } from './types.ts'
import { validateDecision } from './validateConference.ts'

/** Records the decision. `category` is required for a Child Protection Plan and must be null otherwise. */
export function recordDecision(
  doc: Doc,
  decision: Omit<Decision, 'recordedAt'>,
  now: number = Date.now(),
  origin?: unknown,
): void {
  const value = validateDecision({ ...decision, recordedAt: validateTimestamp(now, 'recordedAt') })
  doc.transact(() => getMetaMap(doc).set('decision', value), origin ?? null)
}
