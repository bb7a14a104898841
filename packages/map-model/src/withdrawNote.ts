import type * as Y from 'yjs'
import { audienceOfNoteId } from './audience.ts'
import type { ChairIdentity } from './shareWithFamily.ts'
import { findNote } from './findNote.ts'
import { MapValidationError } from './MapValidationError.ts'
import { validateAuthor, validateTimestamp, validateWithdrawnReason } from './validation.ts'

/**
 * The chair withdraws a note of the shared document, saying why. Nothing moves from shared to restricted (the
 * family has seen it), so the note stays where it is, marked `withdrawnAt`/`withdrawnBy`/`withdrawnReason`; the
 * board and the records show it withdrawn, with the reason. One transaction.
 */
export function withdrawNote(
  sharedDoc: Y.Doc,
  noteId: string,
  chair: Pick<ChairIdentity, 'name'>,
  reason: string,
  now: number = Date.now(),
  origin?: unknown,
): void {
  if (audienceOfNoteId(noteId) !== 'shared')
    throw new MapValidationError('WRONG_DOCUMENT', 'id', 'Only a note on the shared map can be withdrawn.')
  const note = findNote(sharedDoc, noteId)
  if (note.has('withdrawnAt'))
    throw new MapValidationError('ALREADY_WITHDRAWN', 'id', 'This note has already been withdrawn.')
  const why = validateWithdrawnReason(reason)
  const by = validateAuthor(chair.name)
  const at = validateTimestamp(now, 'now')
  sharedDoc.transact(() => {
    note.set('withdrawnAt', at)
    note.set('withdrawnBy', by)
    note.set('withdrawnReason', why)
  }, origin ?? null)
}
