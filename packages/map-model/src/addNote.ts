import * as Y from 'yjs'
import { MapValidationError } from './MapValidationError.ts'
import { DEFAULT_COLOUR_BY_COLUMN, DEFAULT_NOTE_KIND } from './noteFields.ts'
import type { NoteColour, NoteKind } from './noteFields.ts'
import type { Audience } from './audience.ts'
import { createNoteId } from './noteId.ts'
import { compareInZone, placeAt } from './order.ts'
import type { Ordered } from './order.ts'
import { readZoneNotes } from './readMap.ts'
import { getNotesMap } from './schema.ts'
import {
  validateAgency,
  validateAuthor,
  validateAuthorId,
  validateColour,
  validateKind,
  validateNoteId,
  validateNoteText,
  validateSource,
  validateTimestamp,
  validateZone,
} from './validation.ts'
import { zoneColumn } from './zones.ts'
import type { ZoneId } from './zones.ts'

export interface AddNoteInput {
  zone: ZoneId
  /** Trimmed; must not be empty; at most MAX_NOTE_TEXT. */
  text: string
  /** Defaults to 'observation'. */
  kind?: NoteKind
  /** Where the information came from; defaults to ''. */
  source?: string
  /**
   * Display name of whoever adds it; defaults to ''. With `authorId` and `agency` these are the note's author
   * fields: the server accepts a note only if they are those of the connection that adds it (rule OWN-1), and
   * nobody may change them afterwards.
   */
  author?: string
  /** Participant id of whoever adds it (`Participant.id` from joining); defaults to ''. */
  authorId?: string
  /** Agency of whoever adds it ('' for family); defaults to ''. */
  agency?: string
  /** Defaults to the column's colour (worries pink, working well green, needs to happen blue). */
  colour?: NoteColour
  /** Defaults to a fresh random id. Give one only to replay or import notes. */
  id?: string
  /**
   * Which of the map's documents `doc` is (audience.ts): a fresh id for the professionals' document carries their
   * prefix. Defaults to 'shared'.
   */
  audience?: Audience
  /**
   * The section's notes it goes after, where the section shows more than `doc`'s own (the board shows both of a
   * map's documents in one section); defaults to the section's notes in `doc`. Only the new note is written.
   */
  among?: readonly Ordered[]
  /** Milliseconds since the epoch; defaults to now. */
  createdAt?: number
}

/** Adds a note at the end of its section and returns its id. */
export function addNote(doc: Y.Doc, input: AddNoteInput, origin?: unknown): string {
  const zone = validateZone(input.zone)
  const text = validateNoteText(input.text)
  const kind = input.kind === undefined ? DEFAULT_NOTE_KIND : validateKind(input.kind)
  const source = validateSource(input.source ?? '')
  const author = validateAuthor(input.author ?? '')
  const authorId = validateAuthorId(input.authorId ?? '')
  const agency = validateAgency(input.agency ?? '')
  const colour =
    input.colour === undefined ? DEFAULT_COLOUR_BY_COLUMN[zoneColumn(zone)] : validateColour(input.colour)
  const createdAt =
    input.createdAt === undefined ? Date.now() : validateTimestamp(input.createdAt, 'createdAt')
  const notes = getNotesMap(doc)
  let id: string
  if (input.id === undefined) {
    do {
      id = createNoteId(input.audience)
    } while (notes.has(id))
  } else {
    id = validateNoteId(input.id)
    if (notes.has(id))
      throw new MapValidationError('DUPLICATE_ID', 'id', `A note with id "${id}" already exists.`)
  }
  const siblings = input.among !== undefined ? [...input.among].sort(compareInZone) : readZoneNotes(doc, zone)
  const order = placeAt(siblings, siblings.length, id)

  doc.transact(() => {
    const note = new Y.Map<unknown>()
    notes.set(id, note)
    note.set('id', id)
    note.set('zone', zone)
    note.set('text', text)
    note.set('kind', kind)
    note.set('source', source)
    note.set('author', author)
    note.set('authorId', authorId)
    note.set('agency', agency)
    note.set('createdAt', createdAt)
    note.set('order', order)
    note.set('colour', colour)
  }, origin ?? null)
  return id
}
