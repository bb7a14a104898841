// SHAPE-3: what the conference parts of the document may hold, checked with the validators the commands use. A value
// passes only if it is exactly what a command would have written (text trimmed, no stray keys, plain JSON), so
// anything a hand-made update writes that no command could is refused.
import { MapValidationError } from '../MapValidationError.ts'
import type { ConferenceRootName } from '../schema.ts'
import { isAgendaStepId } from '../conference/agenda.ts'
import { isPlainJson, sameValue } from '../conference/sameValue.ts'
import {
  validateApologies,
  validateClosedSessions,
  validateAttendanceEntry,
  validateDangerStatement,
  validateDecision,
  validateFamilyView,
  validateNextStep,
  validateSafetyGoal,
  validateScalingRound,
  validateSchedule,
} from '../conference/validateConference.ts'

/** The conference keys of `meta`; its other keys (title, createdAt…) are the meeting's details. */
export const CONFERENCE_META_KEYS = ['step', 'decision', 'apologies', 'closedSessions', 'schedule'] as const
export type ConferenceMetaKey = (typeof CONFERENCE_META_KEYS)[number]

export function isConferenceMetaKey(key: string): key is ConferenceMetaKey {
  return (CONFERENCE_META_KEYS as readonly string[]).includes(key)
}

interface EntryShape {
  validate: (value: unknown) => object
  /** The entry's own key, which it must be stored under. */
  keyOf: (entry: Record<string, unknown>) => unknown
}

const ENTRY_SHAPES: Record<ConferenceRootName, EntryShape> = {
  dangers: { validate: validateDangerStatement, keyOf: (entry) => entry.id },
  goals: { validate: validateSafetyGoal, keyOf: (entry) => entry.dangerId },
  familyViews: { validate: validateFamilyView, keyOf: (entry) => entry.dangerId },
  nextSteps: { validate: validateNextStep, keyOf: (entry) => entry.id },
  scaling: { validate: validateScalingRound, keyOf: (entry) => entry.id },
  attendance: { validate: validateAttendanceEntry, keyOf: (entry) => entry.participantId },
}

/** Why `value` cannot be the entry under `key` of `root`, in one sentence for people; undefined if it can. */
export function entryProblem(root: ConferenceRootName, key: string, value: unknown): string | undefined {
  const shape = ENTRY_SHAPES[root]
  const problem = exactly(value, shape.validate)
  if (problem !== undefined) return problem
  return shape.keyOf(value as Record<string, unknown>) === key
    ? undefined
    : 'An entry must sit under its own id.'
}

/** Why `value` cannot be `meta[key]`; undefined if it can. */
export function metaValueProblem(key: ConferenceMetaKey, value: unknown): string | undefined {
  switch (key) {
    case 'step':
      return isAgendaStepId(value) ? undefined : 'That step is not on the agenda.'
    case 'decision':
      return exactly(value, validateDecision)
    case 'apologies':
      return exactly(value, validateApologies)
    case 'closedSessions':
      return exactly(value, validateClosedSessions)
    case 'schedule':
      return exactly(value, validateSchedule)
  }
}

function exactly(value: unknown, validate: (value: unknown) => unknown): string | undefined {
  if (!isPlainJson(value)) return 'That change does not fit the map.'
  try {
    return sameValue(validate(value), value)
      ? undefined
      : 'That entry is not as the map writes it (a stray field, or text with spaces around it).'
  } catch (error) {
    if (error instanceof MapValidationError) return error.message
    throw error
  }
}
