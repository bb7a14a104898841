// Checks for every conference shape (types.ts). Each validator takes anything, returns the value to store — text
// trimmed, lists copied, keys in a fixed order — or throws MapValidationError. The commands use them on their input,
// readConference on what it reads, and the permission rules (SHAPE-3) to tell a value a command could have written
// from one it could not.
import { MapValidationError } from '../MapValidationError.ts'
import type { MapValidationCode } from '../MapValidationError.ts'
import { MAX_AGENCY_TEXT, MAX_AUTHOR_ID_LENGTH, MAX_AUTHOR_TEXT } from '../noteFields.ts'
import { validateTimestamp } from '../validation.ts'
import {
  CONFERENCE_ROLES,
  CP_CATEGORIES,
  DECISION_OUTCOMES,
  MAX_DANGER_STATEMENTS,
  MAX_LIST_ITEMS,
  MAX_PART_TEXT,
  MAX_REASON_TEXT,
  MAX_SHORT_TEXT,
  MAX_STATEMENT_TEXT,
  isConferenceType,
  isCpCategory,
  isDecisionOutcome,
} from './conferenceFields.ts'
import type { ConferenceRole } from './conferenceFields.ts'
import type {
  AgencyView,
  Apology,
  AttendanceEntry,
  ClosedSession,
  ClosedSessionAttendee,
  ConferenceSchedule,
  Decision,
  DangerStatement,
  Dissent,
  FamilyView,
  NextStep,
  RecordedBy,
  SafetyGoal,
  ScaleResult,
  ScalingRound,
  ScalingSubject,
} from './types.ts'

/** Ids the commands make (createNoteId) and ids a caller may choose. */
const ENTRY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

// Building blocks.

/** Trimmed text of at most `max` characters; `required` refuses ''. */
export function validateText(value: unknown, field: string, max: number, required = false): string {
  if (typeof value !== 'string') fail('INVALID_TYPE', field, `${field} must be text, got ${describe(value)}.`)
  const text = value.trim()
  if (required && text === '') fail('TEXT_EMPTY', field, `${field} cannot be empty.`)
  if (text.length > max)
    fail('TEXT_TOO_LONG', field, `${field} is too long: ${text.length} characters, the limit is ${max}.`)
  return text
}

export function validateEntryId(value: unknown, field = 'id'): string {
  if (typeof value === 'string' && ENTRY_ID_PATTERN.test(value)) return value
  return fail(
    'INVALID_ID',
    field,
    `${field} ${describe(value)} is not valid: use 1 to 64 letters, digits, '-' or '_'.`,
  )
}

/** A participant id as tokens carry it: not empty, no surrounding spaces. */
export function validateParticipantId(value: unknown, field: string): string {
  if (
    typeof value === 'string' &&
    value !== '' &&
    value.length <= MAX_AUTHOR_ID_LENGTH &&
    value.trim() === value
  )
    return value
  return fail('INVALID_AUTHOR_ID', field, `${field} must be a participant id, got ${describe(value)}.`)
}

/** A calendar date, YYYY-MM-DD, that exists (no 31 February). */
export function validateDate(value: unknown, field: string): string {
  const match = typeof value === 'string' ? DATE_PATTERN.exec(value) : null
  if (match !== null) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
    const date = new Date(Date.UTC(year, month - 1, day))
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day)
      return value as string
  }
  return fail('INVALID_DATE', field, `${field} must be a date written YYYY-MM-DD, got ${describe(value)}.`)
}

/** A whole number from `min` to `max`. */
export function validateInteger(value: unknown, field: string, min: number, max: number): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value
  return fail(
    'INVALID_NUMBER',
    field,
    `${field} must be a whole number from ${min} to ${max}, got ${describe(value)}.`,
  )
}

export function validateBoolean(value: unknown, field: string): boolean {
  if (typeof value === 'boolean') return value
  return fail('INVALID_TYPE', field, `${field} must be true or false, got ${describe(value)}.`)
}

export function validateRole(value: unknown, field: string): ConferenceRole {
  if (typeof value === 'string' && (CONFERENCE_ROLES as readonly string[]).includes(value))
    return value as ConferenceRole
  return fail(
    'UNKNOWN_VALUE',
    field,
    `Unknown role ${describe(value)}; expected one of ${CONFERENCE_ROLES.join(', ')}.`,
  )
}

export function validateRecordedBy(value: unknown, field = 'recordedBy'): RecordedBy {
  const input = record(value, field)
  return {
    participantId: validateParticipantId(input.participantId, `${field}.participantId`),
    name: validateText(input.name, `${field}.name`, MAX_AUTHOR_TEXT),
    agency: validateText(input.agency, `${field}.agency`, MAX_AGENCY_TEXT),
  }
}

// The shapes of types.ts.

export interface DangerParts {
  who: string
  worry: string
  outcome: string
}

export function validateDangerParts(value: unknown, field = 'danger'): DangerParts {
  const input = record(value, field)
  return {
    who: validateText(input.who, 'who', MAX_SHORT_TEXT),
    worry: validateText(input.worry, 'worry', MAX_PART_TEXT),
    outcome: validateText(input.outcome, 'outcome', MAX_PART_TEXT),
  }
}

export function validateStatementText(value: unknown, field = 'text'): string {
  return validateText(value, field, MAX_STATEMENT_TEXT, true)
}

export function validateDangerStatement(value: unknown): DangerStatement {
  const input = record(value, 'danger')
  return {
    id: validateEntryId(input.id),
    ...validateDangerParts(input),
    text: validateStatementText(input.text),
    number: validateInteger(input.number, 'number', 1, MAX_DANGER_STATEMENTS),
    createdAt: validateTimestamp(input.createdAt, 'createdAt'),
    recordedBy: validateRecordedBy(input.recordedBy),
  }
}

export interface GoalParts {
  parents: string
  child: string
  professionals: string
}

export function validateGoalParts(value: unknown, field = 'goal'): GoalParts {
  const input = record(value, field)
  return {
    parents: validateText(input.parents, 'parents', MAX_PART_TEXT),
    child: validateText(input.child, 'child', MAX_PART_TEXT),
    professionals: validateText(input.professionals, 'professionals', MAX_PART_TEXT),
  }
}

export function validateSafetyGoal(value: unknown): SafetyGoal {
  const input = record(value, 'goal')
  return {
    dangerId: validateEntryId(input.dangerId, 'dangerId'),
    ...validateGoalParts(input),
    text: validateStatementText(input.text),
    recordedBy: validateRecordedBy(input.recordedBy),
  }
}

export function validateFamilyView(value: unknown): FamilyView {
  const input = record(value, 'familyView')
  return {
    dangerId: validateEntryId(input.dangerId, 'dangerId'),
    text: validateStatementText(input.text),
    recordedBy: validateRecordedBy(input.recordedBy),
  }
}

export function validateNextStep(value: unknown): NextStep {
  const input = record(value, 'nextStep')
  return {
    id: validateEntryId(input.id),
    what: validateText(input.what, 'what', MAX_PART_TEXT, true),
    who: validateText(input.who, 'who', MAX_SHORT_TEXT, true),
    agency: validateText(input.agency, 'agency', MAX_SHORT_TEXT),
    due: validateDate(input.due, 'due'),
    done: validateBoolean(input.done, 'done'),
    createdAt: validateTimestamp(input.createdAt, 'createdAt'),
    recordedBy: validateRecordedBy(input.recordedBy),
  }
}

export function validateDecision(value: unknown): Decision {
  const input = record(value, 'decision')
  const outcome = input.outcome
  if (!isDecisionOutcome(outcome)) {
    const expected = Object.keys(DECISION_OUTCOMES).join(', ')
    fail('UNKNOWN_VALUE', 'outcome', `Unknown outcome ${describe(outcome)}; expected one of ${expected}.`)
  }
  const category = input.category
  if (outcome === 'cp-plan' && !isCpCategory(category)) {
    const expected = Object.keys(CP_CATEGORIES).join(', ')
    fail('INVALID_CATEGORY', 'category', `A Child Protection Plan needs a category: one of ${expected}.`)
  }
  if (outcome !== 'cp-plan' && category !== null)
    fail('INVALID_CATEGORY', 'category', 'Only a Child Protection Plan has a category; use null.')
  return {
    outcome,
    category: isCpCategory(category) ? category : null,
    reasons: validateText(input.reasons, 'reasons', MAX_REASON_TEXT),
    agencyViews: list(input.agencyViews, 'agencyViews', validateAgencyView),
    dissent: list(input.dissent, 'dissent', validateDissent),
    recordedAt: validateTimestamp(input.recordedAt, 'recordedAt'),
  }
}

function validateAgencyView(value: unknown, field: string): AgencyView {
  const input = record(value, field)
  return {
    agency: validateText(input.agency, `${field}.agency`, MAX_SHORT_TEXT, true),
    view: validateText(input.view, `${field}.view`, MAX_REASON_TEXT, true),
  }
}

function validateDissent(value: unknown, field: string): Dissent {
  const input = record(value, field)
  return {
    name: validateText(input.name, `${field}.name`, MAX_SHORT_TEXT, true),
    agency: validateText(input.agency, `${field}.agency`, MAX_SHORT_TEXT),
    view: validateText(input.view, `${field}.view`, MAX_REASON_TEXT, true),
  }
}

export function validateApologies(value: unknown): Apology[] {
  return list(value, 'apologies', validateApology)
}

function validateApology(value: unknown, field: string): Apology {
  const input = record(value, field)
  return {
    name: validateText(input.name, `${field}.name`, MAX_SHORT_TEXT, true),
    role: validateRole(input.role, `${field}.role`),
    agency: validateText(input.agency, `${field}.agency`, MAX_SHORT_TEXT),
  }
}

/** At most this many closed sessions in one meeting: a few in practice, a bound against a flood. */
export const MAX_CLOSED_SESSIONS = 20

export function validateClosedSessions(value: unknown): ClosedSession[] {
  const sessions = list(value, 'closedSessions', validateClosedSession)
  if (sessions.length > MAX_CLOSED_SESSIONS)
    fail(
      'TOO_MANY_ITEMS',
      'closedSessions',
      `A meeting holds at most ${MAX_CLOSED_SESSIONS} closed sessions.`,
    )
  sessions.forEach((session, index) => {
    if (session.endedAt === null && index !== sessions.length - 1)
      fail(
        'INVALID_TIMESTAMP',
        `closedSessions[${index}].endedAt`,
        'Only the last closed session can be lasting.',
      )
  })
  return sessions
}

function validateClosedSession(value: unknown, field: string): ClosedSession {
  const input = record(value, field)
  const startedAt = validateTimestamp(input.startedAt, `${field}.startedAt`)
  const endedAt = input.endedAt === null ? null : validateTimestamp(input.endedAt, `${field}.endedAt`)
  if (endedAt !== null && endedAt < startedAt)
    fail('INVALID_TIMESTAMP', `${field}.endedAt`, 'A closed session cannot end before it started.')
  return {
    startedAt,
    endedAt,
    startedBy: validateRecordedBy(input.startedBy, `${field}.startedBy`),
    attendees: list(input.attendees, `${field}.attendees`, validateAttendee),
  }
}

function validateAttendee(value: unknown, field: string): ClosedSessionAttendee {
  const input = record(value, field)
  const role = input.role
  if (role !== 'chair' && role !== 'professional')
    fail('UNKNOWN_VALUE', `${field}.role`, 'Only the chair and professionals are in a closed session.')
  return {
    participantId: validateParticipantId(input.participantId, `${field}.participantId`),
    name: validateText(input.name, `${field}.name`, MAX_AUTHOR_TEXT),
    role,
    agency: validateText(input.agency, `${field}.agency`, MAX_AGENCY_TEXT),
  }
}

export function validateScalingRound(value: unknown): ScalingRound {
  const input = record(value, 'round')
  const status = input.status
  if (status !== 'open' && status !== 'revealed')
    fail('UNKNOWN_VALUE', 'status', `A round is 'open' or 'revealed', got ${describe(status)}.`)
  const revealedAt = status === 'revealed' ? validateTimestamp(input.revealedAt, 'revealedAt') : null
  if (status === 'open' && input.revealedAt !== null)
    fail('INVALID_TIMESTAMP', 'revealedAt', 'An open round has not been revealed: revealedAt must be null.')
  const results = list(input.results, 'results', validateScaleResult).sort(
    (a, b) =>
      a.score - b.score || compareText(a.name, b.name) || compareText(a.participantId, b.participantId),
  )
  if (status === 'open' && results.length > 0)
    fail('TOO_MANY_ITEMS', 'results', 'An open round shows no results until the reveal.')
  return {
    id: validateEntryId(input.id),
    subject: validateSubject(input.subject),
    chairScales: validateBoolean(input.chairScales, 'chairScales'),
    status,
    openedAt: validateTimestamp(input.openedAt, 'openedAt'),
    count: validateInteger(input.count, 'count', 0, MAX_LIST_ITEMS),
    revealedAt,
    results,
  }
}

function validateSubject(value: unknown): ScalingSubject {
  const input = record(value, 'subject')
  if (input.kind === 'overall') return { kind: 'overall' }
  if (input.kind === 'danger')
    return { kind: 'danger', dangerId: validateEntryId(input.dangerId, 'subject.dangerId') }
  return fail(
    'UNKNOWN_VALUE',
    'subject.kind',
    `A round is about 'overall' or a 'danger', got ${describe(input.kind)}.`,
  )
}

function validateScaleResult(value: unknown, field: string): ScaleResult {
  const input = record(value, field)
  const role = validateRole(input.role, `${field}.role`)
  if (role === 'viewer') fail('UNKNOWN_VALUE', `${field}.role`, 'Viewers do not scale.')
  return {
    participantId: validateParticipantId(input.participantId, `${field}.participantId`),
    name: validateText(input.name, `${field}.name`, MAX_SHORT_TEXT),
    role: role as ScaleResult['role'],
    agency: validateText(input.agency, `${field}.agency`, MAX_SHORT_TEXT),
    score: validateInteger(input.score, `${field}.score`, 0, 10),
    reason: validateText(input.reason, `${field}.reason`, MAX_REASON_TEXT),
  }
}

export function validateAttendanceEntry(value: unknown): AttendanceEntry {
  const input = record(value, 'attendance')
  const leftAt = input.leftAt === null ? null : validateTimestamp(input.leftAt, 'leftAt')
  return {
    participantId: validateParticipantId(input.participantId, 'participantId'),
    name: validateText(input.name, 'name', MAX_SHORT_TEXT),
    role: validateRole(input.role, 'role'),
    agency: validateText(input.agency, 'agency', MAX_SHORT_TEXT),
    joinedAt: validateTimestamp(input.joinedAt, 'joinedAt'),
    present: validateBoolean(input.present, 'present'),
    leftAt,
  }
}

// Helpers.

/** Code-unit order, the same on every replica (localeCompare is not). */
export function validateSchedule(value: unknown): ConferenceSchedule {
  const input = record(value, 'schedule')
  const startsAt = validateTimestamp(input.startsAt, 'schedule.startsAt')
  if (!Number.isInteger(startsAt))
    fail('INVALID_TIMESTAMP', 'schedule.startsAt', 'A start time is whole milliseconds.')
  const type = input.type
  if (!isConferenceType(type))
    fail('UNKNOWN_VALUE', 'schedule.type', 'A conference is an initial conference or a review.')
  return { startsAt, type }
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return value as Record<string, unknown>
  return fail('INVALID_TYPE', field, `${field} must be an object, got ${describe(value)}.`)
}

function list<T>(value: unknown, field: string, validate: (item: unknown, field: string) => T): T[] {
  if (!Array.isArray(value)) fail('INVALID_TYPE', field, `${field} must be a list, got ${describe(value)}.`)
  const items = value as unknown[]
  if (items.length > MAX_LIST_ITEMS)
    fail('TOO_MANY_ITEMS', field, `${field} has ${items.length} entries; the limit is ${MAX_LIST_ITEMS}.`)
  return items.map((item, i) => validate(item, `${field}[${i}]`))
}

function fail(code: MapValidationCode, field: string, message: string): never {
  throw new MapValidationError(code, field, message)
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'an object'
  return String(value)
}
