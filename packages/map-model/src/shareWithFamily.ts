import type * as Y from 'yjs'
import { audienceOfNoteId } from './audience.ts'
import { addNote } from './addNote.ts'
import { findNote } from './findNote.ts'
import { MapValidationError } from './MapValidationError.ts'
import { MAX_SOURCE_TEXT } from './noteFields.ts'
import type { Ordered } from './order.ts'
import { readNote } from './readMap.ts'
import { validateTimestamp } from './validation.ts'

/** The chair, as the notes they write carry them (OWN-1). */
export interface ChairIdentity {
  /** Participant id. */
  id: string
  name: string
  agency: string
}

export interface ShareOptions {
  /** Milliseconds since the epoch; defaults to now. */
  now?: number
  /** The section's notes the copy goes after, as addNote's `among`; defaults to the shared document's. */
  among?: readonly Ordered[]
  /** Origin of the two transactions. */
  origin?: unknown
}

/**
 * "Share with the family": copies a note of the professionals' document into the shared one as a new note of the
 * chair's (a fresh shared id; the same section, text, kind, colour and source), then marks the original
 * `sharedAt`/`sharedBy`/`sharedAs`. The copy carries nothing else of the original: not its id, not its author's
 * name (a professional who wrote restricted material has not agreed to be named to the family); where the original
 * had no source, its author's agency becomes the copy's source, so the family still sees where it came from.
 *
 * Two documents, so two transactions: the copy first, so a note is never marked shared without its copy on this
 * replica. Returns the copy's id.
 */
export function shareWithFamily(
  sharedDoc: Y.Doc,
  professionalsDoc: Y.Doc,
  noteId: string,
  chair: ChairIdentity,
  options: ShareOptions = {},
): string {
  if (audienceOfNoteId(noteId) !== 'professionals')
    throw new MapValidationError('WRONG_DOCUMENT', 'id', 'Only a professionals-only note can be shared.')
  const original = findNote(professionalsDoc, noteId)
  if (original.has('sharedAt'))
    throw new MapValidationError('ALREADY_SHARED', 'id', 'This note has already been shared with the family.')
  const note = readNote(noteId, original)
  if (note === undefined)
    throw new MapValidationError('UNKNOWN_ZONE', 'zone', 'This note is in no section of the map.')
  const now = options.now === undefined ? Date.now() : validateTimestamp(options.now, 'now')
  const copyId = addNote(
    sharedDoc,
    {
      zone: note.zone,
      text: note.text,
      kind: note.kind,
      source: (note.source || note.agency).slice(0, MAX_SOURCE_TEXT).trim(),
      colour: note.colour,
      author: chair.name,
      authorId: chair.id,
      agency: chair.agency,
      createdAt: now,
      audience: 'shared',
      ...(options.among === undefined ? {} : { among: options.among }),
    },
    options.origin,
  )
  professionalsDoc.transact(() => {
    original.set('sharedAt', now)
    original.set('sharedBy', chair.name)
    original.set('sharedAs', copyId)
  }, options.origin ?? null)
  return copyId
}
