// SHAPE-1: what a note may hold, checked with the same validation the commands use. A value passes only if it is
// exactly what a command would have written (text already trimmed, a known kind…), so anything a hand-made update
// writes that no command could is refused.
import * as Y from 'yjs'
import { SHARED_FIELDS, WITHDRAWN_FIELDS } from '../disclosure.ts'
import { MapValidationError } from '../MapValidationError.ts'
import { isNoteColour, isNoteKind } from '../noteFields.ts'
import { isOrderKey } from '../order.ts'
import {
  validateAgency,
  validateAuthor,
  validateAuthorId,
  validateNoteId,
  validateNoteText,
  validateSource,
  validateTimestamp,
  validateWithdrawnReason,
} from '../validation.ts'
import { isZoneId } from '../zones.ts'

/** Every field of a note; a new note has all of them, and no others. */
export const NOTE_FIELDS = [
  'id',
  'zone',
  'text',
  'kind',
  'source',
  'author',
  'authorId',
  'agency',
  'createdAt',
  'order',
  'colour',
] as const

/**
 * Fields a note may also have, each group written whole by one of the chair's commands (disclosure.ts): who may
 * write them, where and when is SHARE-1 and WITHDRAW-1; here only what each holds.
 */
export const OPTIONAL_NOTE_FIELDS = [...SHARED_FIELDS, ...WITHDRAWN_FIELDS] as const
export type NoteField = (typeof NOTE_FIELDS)[number] | (typeof OPTIONAL_NOTE_FIELDS)[number]

/**
 * The field only the server writes (SERVER-2): when it first stored the note. A client's new note is complete
 * without it; the server adds it in the turn it accepts the note.
 */
export const RECEIVED_AT = 'receivedAt'

/** The fields that say who wrote a note (OWN-1). */
export const AUTHOR_FIELDS: readonly NoteField[] = ['authorId', 'author', 'agency']

export function isNoteField(key: string): key is NoteField {
  return isRequiredNoteField(key) || (OPTIONAL_NOTE_FIELDS as readonly string[]).includes(key)
}

/** A field every note has: writing it as absent breaks the note. */
export function isRequiredNoteField(key: string): boolean {
  return (NOTE_FIELDS as readonly string[]).includes(key)
}

/** Why `value` cannot be field `field` of note `id`, in one sentence for people; undefined if it can. */
export function fieldProblem(id: string, field: string, value: unknown): string | undefined {
  if (field === RECEIVED_AT) return exactly(value, (v) => validateTimestamp(v, RECEIVED_AT))
  if (!isNoteField(field)) return `A note has no field "${field.slice(0, 40)}".`
  if (value instanceof Y.AbstractType) return `A note's ${field} must be a plain value.`
  switch (field) {
    case 'id':
      return value === id ? undefined : 'A note’s id cannot change.'
    case 'zone':
      return isZoneId(value) ? undefined : 'That section does not exist.'
    case 'kind':
      return isNoteKind(value) ? undefined : 'That kind of information does not exist.'
    case 'colour':
      return isNoteColour(value) ? undefined : 'That colour does not exist.'
    case 'order':
      return isOrderKey(value) ? undefined : 'That position in the section is not valid.'
    case 'text':
      return exactly(value, validateNoteText)
    case 'source':
      return exactly(value, validateSource)
    case 'author':
      return exactly(value, validateAuthor)
    case 'authorId':
      return exactly(value, validateAuthorId)
    case 'agency':
      return exactly(value, validateAgency)
    case 'createdAt':
    case 'sharedAt':
    case 'withdrawnAt':
      return exactly(value, (v) => validateTimestamp(v, field))
    case 'sharedBy':
    case 'withdrawnBy':
      return exactly(value, validateAuthor)
    case 'sharedAs':
      return exactly(value, validateNoteId)
    case 'withdrawnReason':
      return exactly(value, validateWithdrawnReason)
  }
}

/**
 * Why a note map is not a valid note (every field present, valid, and nothing else but the server's `receivedAt`);
 * undefined if it is.
 */
export function noteProblem(id: string, note: Y.Map<unknown>): string | undefined {
  for (const field of NOTE_FIELDS) {
    if (!note.has(field)) return `A new note needs its ${field}.`
  }
  for (const [field, value] of note.entries()) {
    const problem = fieldProblem(id, field, value)
    if (problem !== undefined) return problem
  }
  return undefined
}

function exactly(value: unknown, validate: (value: unknown) => unknown): string | undefined {
  try {
    return validate(value) === value ? undefined : 'Text must not start or end with spaces.'
  } catch (error) {
    if (error instanceof MapValidationError) return error.message
    throw error
  }
}
