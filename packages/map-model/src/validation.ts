// Input checks shared by the commands. Each returns the value to store (trimmed where text) or throws
// MapValidationError; none of them touches a document.
import { MapValidationError } from './MapValidationError.ts'
import type { MapValidationCode } from './MapValidationError.ts'
import {
  MAX_AGENCY_TEXT,
  MAX_AUTHOR_ID_LENGTH,
  MAX_AUTHOR_TEXT,
  MAX_NOTE_TEXT,
  MAX_SOURCE_TEXT,
  MAX_TITLE_TEXT,
  MAX_WITHDRAWN_REASON,
  NOTE_COLOURS,
  NOTE_KINDS,
  isNoteColour,
  isNoteKind,
} from './noteFields.ts'
import type { NoteColour, NoteKind } from './noteFields.ts'
import { ZONE_IDS, isZoneId } from './zones.ts'
import type { ZoneId } from './zones.ts'

/** URL-safe ids: what createNoteId makes, and what a caller-chosen id must look like. */
const NOTE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

export function validateTitle(value: unknown): string {
  const title = trimmedString(value, 'title')
  if (title === '') throw new MapValidationError('TITLE_EMPTY', 'title', 'The map needs a title.')
  return bounded(title, 'title', MAX_TITLE_TEXT, 'TITLE_TOO_LONG', 'Title')
}

export function validateNoteText(value: unknown): string {
  const text = trimmedString(value, 'text')
  if (text === '') throw new MapValidationError('NOTE_TEXT_EMPTY', 'text', 'A note needs some text.')
  return bounded(text, 'text', MAX_NOTE_TEXT, 'NOTE_TEXT_TOO_LONG', 'Note text')
}

/** Where the information came from; may be empty. */
export function validateSource(value: unknown): string {
  return bounded(trimmedString(value, 'source'), 'source', MAX_SOURCE_TEXT, 'SOURCE_TOO_LONG', 'Source')
}

/** Why the chair withdraws a shared note: required, the family reads it. */
export function validateWithdrawnReason(value: unknown): string {
  const reason = trimmedString(value, 'reason')
  if (reason === '') throw new MapValidationError('REASON_EMPTY', 'reason', 'Say why the note is withdrawn.')
  return bounded(reason, 'reason', MAX_WITHDRAWN_REASON, 'REASON_TOO_LONG', 'The explanation')
}

export function validateAuthor(value: unknown): string {
  return bounded(trimmedString(value, 'author'), 'author', MAX_AUTHOR_TEXT, 'AUTHOR_TOO_LONG', 'Author name')
}

export function validateAgency(value: unknown): string {
  return bounded(trimmedString(value, 'agency'), 'agency', MAX_AGENCY_TEXT, 'AGENCY_TOO_LONG', 'Agency')
}

/** The participant id of whoever adds a note; '' only for notes nobody can be credited with. */
export function validateAuthorId(value: unknown): string {
  if (typeof value === 'string' && value.length <= MAX_AUTHOR_ID_LENGTH && value.trim() === value)
    return value
  throw new MapValidationError(
    'INVALID_AUTHOR_ID',
    'authorId',
    `authorId must be a participant id of at most ${MAX_AUTHOR_ID_LENGTH} characters, got ${describe(value)}.`,
  )
}

export function validateZone(value: unknown, field = 'zone'): ZoneId {
  if (isZoneId(value)) return value
  throw new MapValidationError(
    'UNKNOWN_ZONE',
    field,
    `Unknown section ${describe(value)}; expected one of ${ZONE_IDS.join(', ')}.`,
  )
}

export function validateKind(value: unknown): NoteKind {
  if (isNoteKind(value)) return value
  throw new MapValidationError(
    'UNKNOWN_KIND',
    'kind',
    `Unknown kind of information ${describe(value)}; expected one of ${NOTE_KINDS.join(', ')}.`,
  )
}

export function validateColour(value: unknown): NoteColour {
  if (isNoteColour(value)) return value
  throw new MapValidationError(
    'UNKNOWN_COLOUR',
    'colour',
    `Unknown colour ${describe(value)}; expected one of ${NOTE_COLOURS.join(', ')}.`,
  )
}

/** Milliseconds since the epoch. */
export function validateTimestamp(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value
  throw new MapValidationError(
    'INVALID_TIMESTAMP',
    field,
    `${field} must be a time in milliseconds since 1970, got ${describe(value)}.`,
  )
}

/** A position among a section's notes: an integer from 0. Values past the end mean "at the end". */
export function validateIndex(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value
  throw new MapValidationError(
    'INVALID_INDEX',
    'index',
    `index must be a whole number from 0, got ${describe(value)}.`,
  )
}

export function validateNoteId(value: unknown): string {
  if (typeof value === 'string' && NOTE_ID_PATTERN.test(value)) return value
  throw new MapValidationError(
    'INVALID_ID',
    'id',
    `Note id ${describe(value)} is not valid: use 1 to 64 letters, digits, '-' or '_'.`,
  )
}

function trimmedString(value: unknown, field: string): string {
  if (typeof value !== 'string') {
    throw new MapValidationError('INVALID_TYPE', field, `${field} must be text, got ${describe(value)}.`)
  }
  return value.trim()
}

function bounded(text: string, field: string, max: number, code: MapValidationCode, what: string): string {
  if (text.length > max) {
    throw new MapValidationError(
      code,
      field,
      `${what} is too long: ${text.length} characters, the limit is ${max}.`,
    )
  }
  return text
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (value === null) return 'null'
  if (typeof value === 'object') return 'an object'
  return String(value)
}
