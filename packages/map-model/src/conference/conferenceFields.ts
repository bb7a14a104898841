// The vocabulary and limits of the conference entries (types.ts): the words of the decision, the roles, and how
// long each kind of text may be. Lengths are String.length, as for notes.
import { MAX_NOTE_TEXT } from '../noteFields.ts'
import type { ConferenceType, CpCategory, DecisionOutcome } from './types.ts'

/** A danger statement, a safety goal or the family's view, in full. */
export const MAX_STATEMENT_TEXT = 2000
/** The decision's reasons, an agency's view, a dissent, a scaling reason. */
export const MAX_REASON_TEXT = 1000
/** One part of a danger statement or safety goal (what is worried about, what the child will experience…). */
export const MAX_PART_TEXT = 1000
/** Names, agencies, who is worried, who does a next step. */
export const MAX_SHORT_TEXT = 200
/** Apologies, agency views, dissents, scaling results: no meeting has more people than this. */
export const MAX_LIST_ITEMS = 100
/** The longest string any valid value of a map document holds: what a size check on updates must let through. */
export const MAX_VALUE_STRING_LENGTH = Math.max(MAX_NOTE_TEXT, MAX_STATEMENT_TEXT)
/** Product brief: "Up to four per map". */
export const MAX_DANGER_STATEMENTS = 4

/** The decision's outcomes, id → label (product brief, "Decision"). */
export const DECISION_OUTCOMES: Readonly<Record<DecisionOutcome, string>> = Object.freeze({
  'cp-plan': 'Child Protection Plan',
  'cin-plan': 'Child in Need Plan',
  'no-plan': 'No plan',
})

/** The kinds of conference, id → label (the record's "Conference type"). */
export const CONFERENCE_TYPES: Readonly<Record<ConferenceType, string>> = Object.freeze({
  initial: 'Initial child protection conference',
  review: 'Review child protection conference',
})

export function isConferenceType(value: unknown): value is ConferenceType {
  return typeof value === 'string' && Object.hasOwn(CONFERENCE_TYPES, value)
}

/** The categories of a Child Protection Plan, id → label. */
export const CP_CATEGORIES: Readonly<Record<CpCategory, string>> = Object.freeze({
  neglect: 'Neglect',
  'physical-abuse': 'Physical abuse',
  'emotional-abuse': 'Emotional abuse',
  'sexual-abuse': 'Sexual abuse',
})

export const CONFERENCE_ROLES = ['chair', 'professional', 'family', 'viewer'] as const
export type ConferenceRole = (typeof CONFERENCE_ROLES)[number]

export function isDecisionOutcome(value: unknown): value is DecisionOutcome {
  return typeof value === 'string' && Object.hasOwn(DECISION_OUTCOMES, value)
}

export function isCpCategory(value: unknown): value is CpCategory {
  return typeof value === 'string' && Object.hasOwn(CP_CATEGORIES, value)
}
