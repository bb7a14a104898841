// AUD-*: what each of a map's two documents may hold (audience.ts). The professionals' document holds notes and
// locks for the chair and professionals; the meeting itself (agenda, plan, decision, scaling, attendance) lives in
// the shared document only. A note's id says which document it belongs in, so nothing is ever written under a
// shared note's id into the professionals' document — the way a "move" from shared to restricted would be.
import { audienceOfNoteId } from '../audience.ts'
import type { Audience } from '../audience.ts'
import type { Actor } from './Actor.ts'
import type { DocumentChange } from './collectChanges.ts'
import { ALLOWED, refuse } from './verdict.ts'
import type { Verdict } from './verdict.ts'

export function checkAudience(changes: readonly DocumentChange[], actor: Actor, audience: Audience): Verdict {
  if (audience === 'professionals' && actor.role !== 'chair' && actor.role !== 'professional') {
    return refuse('AUD-1', 'Only the chair and professionals write notes for professionals only.')
  }
  for (const change of changes) {
    const wrongPlace =
      audience === 'professionals' &&
      change.kind !== 'locks' &&
      !change.kind.startsWith('note-') &&
      change.kind !== 'not-a-note' &&
      change.kind !== 'outside-schema'
    if (wrongPlace) {
      return refuse(
        'AUD-2',
        'Only notes are kept for professionals only; the meeting itself is on the shared map.',
      )
    }
    if (
      (change.kind === 'note-added' || change.kind === 'note-replaced') &&
      audienceOfNoteId(change.id) !== audience
    ) {
      return audience === 'professionals'
        ? refuse('AUD-3', 'A note the family has been able to see cannot become professionals only.')
        : refuse('AUD-3', 'A note for professionals only cannot be put on the shared map this way.')
    }
  }
  return ALLOWED
}
