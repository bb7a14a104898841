// The vocabulary of a note's fields: what kinds and colours exist, how long text may be, and the defaults.
import { zoneColumn } from './zones.ts'
import type { ColumnId, ZoneId } from './zones.ts'

/** Fair process: every item says what kind of information it is (product.md, "What kind of information, and from whom"). */
export const NOTE_KINDS = ['fact', 'observation', 'allegation', 'opinion'] as const
export type NoteKind = (typeof NOTE_KINDS)[number]

export const NOTE_COLOURS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple'] as const
export type NoteColour = (typeof NOTE_COLOURS)[number]

// Lengths are String.length (UTF-16 code units), so the server's size checks and these agree exactly.
export const MAX_NOTE_TEXT = 1000
export const MAX_SOURCE_TEXT = 200
export const MAX_TITLE_TEXT = 200
export const MAX_AUTHOR_TEXT = 100
export const MAX_AGENCY_TEXT = 100
/** The chair's explanation when withdrawing a shared note. */
export const MAX_WITHDRAWN_REASON = 500
/** Participant ids are short ('link-' + a link id, or 16 random characters); this is a generous bound. */
export const MAX_AUTHOR_ID_LENGTH = 100

export const DEFAULT_NOTE_KIND: NoteKind = 'observation'

/** A new note takes its column's colour unless it asks for another. */
export const DEFAULT_COLOUR_BY_COLUMN: Readonly<Record<ColumnId, NoteColour>> = Object.freeze({
  worries: 'pink',
  'working-well': 'green',
  'needs-to-happen': 'blue',
})

export function isNoteKind(value: unknown): value is NoteKind {
  return typeof value === 'string' && (NOTE_KINDS as readonly string[]).includes(value)
}

export function isNoteColour(value: unknown): value is NoteColour {
  return typeof value === 'string' && (NOTE_COLOURS as readonly string[]).includes(value)
}

/** The colour a new note in `zone` takes when it asks for none. */
export function defaultNoteColour(zone: ZoneId): NoteColour {
  return DEFAULT_COLOUR_BY_COLUMN[zoneColumn(zone)]
}
