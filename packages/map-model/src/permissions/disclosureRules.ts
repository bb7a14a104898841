// SHARE-1, WITHDRAW-1, WITHDRAW-2: who may mark a note shared with the family or withdrawn, in which document,
// and what a withdrawn note then allows (disclosure.ts). What each field holds is SHAPE-1's (noteShape.ts); here
// only who, where, once, and each group written whole.
import type * as Y from 'yjs'
import { SHARED_FIELDS, WITHDRAWN_FIELDS, isSharedField, isWithdrawnField } from '../disclosure.ts'
import { audienceOfNoteId } from '../audience.ts'
import type { Audience } from '../audience.ts'
import type { Actor } from './Actor.ts'
import type { DocumentChange } from './collectChanges.ts'
import { mayChangeWithdrawn, mayShare, mayWithdraw } from './policy.ts'
import { ALLOWED, refuse } from './verdict.ts'
import type { Verdict } from './verdict.ts'

export function checkDisclosure(change: DocumentChange, actor: Actor, audience: Audience): Verdict {
  switch (change.kind) {
    case 'note-added':
    case 'note-replaced': {
      // A new note carries a mark only as the chair brings a deleted one back (undo): never anyone else's.
      const keys = [...change.note.keys()]
      const verdict = checkGroups(keys, change.note, actor, audience)
      if (!verdict.allowed) return verdict
      return change.kind === 'note-replaced' && change.before.withdrawn ? mayChangeWithdrawn(actor) : ALLOWED
    }
    case 'note-deleted':
      return change.before.withdrawn ? mayChangeWithdrawn(actor) : ALLOWED
    case 'note-changed': {
      const verdict = checkGroups(change.fields, change.note, actor, audience)
      if (!verdict.allowed) return verdict
      if (change.fields.some(isSharedField) && change.before.shared)
        return refuse('SHARE-1', 'A note shared with the family stays marked as shared.')
      const withdrawing = change.fields.some(isWithdrawnField)
      if (withdrawing && change.before.withdrawn && change.note.has('withdrawnAt'))
        return refuse('WITHDRAW-1', 'This note has already been withdrawn.')
      const touched = change.fields.length > 0 || change.keyWritten
      return change.before.withdrawn && touched ? mayChangeWithdrawn(actor) : ALLOWED
    }
    default:
      return ALLOWED
  }
}

/** `written` are the keys the change wrote; the note as it is now says whether each group is whole. */
function checkGroups(
  written: readonly string[],
  note: Y.Map<unknown>,
  actor: Actor,
  audience: Audience,
): Verdict {
  if (written.some(isSharedField)) {
    if (audience !== 'professionals')
      return refuse('SHARE-1', 'Only a professionals-only note is marked as shared with the family.')
    const who = mayShare(actor)
    if (!who.allowed) return who
    if (!whole(SHARED_FIELDS, note))
      return refuse('SHARE-1', 'Sharing with the family records when, by whom and as which note.')
    const as = note.get('sharedAs')
    if (typeof as !== 'string' || audienceOfNoteId(as) !== 'shared')
      return refuse('SHARE-1', 'A note is shared with the family as a note of the shared map.')
    if (note.get('sharedBy') !== actor.name)
      return refuse('SHARE-1', 'Sharing with the family carries your own name.')
  }
  if (written.some(isWithdrawnField)) {
    if (audience !== 'shared') return refuse('WITHDRAW-1', 'Only a note on the shared map can be withdrawn.')
    const who = mayWithdraw(actor)
    if (!who.allowed) return who
    const present = WITHDRAWN_FIELDS.filter((field) => note.has(field)).length
    if (present !== 0 && present !== WITHDRAWN_FIELDS.length)
      return refuse('WITHDRAW-1', 'Withdrawing a note records when, by whom and why.')
    if (present !== 0 && note.get('withdrawnBy') !== actor.name)
      return refuse('WITHDRAW-1', 'Withdrawing a note carries your own name.')
  }
  return ALLOWED
}

function whole(fields: readonly string[], note: Y.Map<unknown>): boolean {
  return fields.every((field) => note.has(field))
}
