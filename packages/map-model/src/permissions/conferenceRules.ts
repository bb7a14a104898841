// The rules for the conference parts of the document (rules.ts: AGENDA-1 … SHAPE-3): who writes which root, which
// section's lock binds it, and what each entry must be. Used by checkTransaction.
import type * as Y from 'yjs'
import { MAX_DANGER_STATEMENTS } from '../conference/conferenceFields.ts'
import { validateDangerStatement } from '../conference/validateConference.ts'
import { sameValue } from '../conference/sameValue.ts'
import { MapValidationError } from '../MapValidationError.ts'
import { getConferenceRoot, getDangersMap } from '../schema.ts'
import type { Actor } from './Actor.ts'
import { isNew } from './collectChanges.ts'
import { entryProblem } from './conferenceShape.ts'
import { mayWriteRoot } from './policy.ts'
import type { ClientConferenceRoot } from './policy.ts'
import { ALLOWED, refuse } from './verdict.ts'
import type { Verdict } from './verdict.ts'

/**
 * Judges the keys of one client-written conference root: who, then the lock (as it was: see checkTransaction),
 * then the value itself, its signature, and what it must pair with.
 */
export function checkEntries(
  root: ClientConferenceRoot,
  keys: readonly string[],
  actor: Actor,
  locked: ReadonlySet<string>,
  transaction: Y.Transaction,
): Verdict {
  const map = getConferenceRoot(transaction.doc, root)
  const dangers = getDangersMap(transaction.doc)
  for (const key of keys) {
    // A goal or view whose statement is gone goes with it: judged as part of removing the statement (DANGER-1).
    const cleanup = !map.has(key) && root !== 'dangers' && !dangers.has(key)
    if (cleanup) continue
    const may = mayWriteRoot(actor, locked, root)
    if (!may.allowed) return may
    if (!map.has(key)) continue
    // The key was written but an existing entry kept it (the write lost to it): an attempt, judged above.
    if (!isNew(map._map.get(key) ?? null, transaction)) continue
    const value = map.get(key)
    const problem = entryProblem(root, key, value)
    if (problem !== undefined) return refuse('SHAPE-3', problem)
    const signed = (value as { recordedBy: unknown }).recordedBy
    const own = { participantId: actor.participantId, name: actor.name, agency: actor.agency }
    if (!sameValue(signed, own)) return refuse('OWN-3', 'Every entry must carry your own name.')
    const verdict = pairing(root, key, map, dangers)
    if (!verdict.allowed) return verdict
  }
  return ALLOWED
}

function pairing(
  root: ClientConferenceRoot,
  key: string,
  map: Y.Map<unknown>,
  dangers: Y.Map<unknown>,
): Verdict {
  switch (root) {
    case 'dangers':
      return map.size > MAX_DANGER_STATEMENTS
        ? refuse('DANGER-1', `A map has at most ${MAX_DANGER_STATEMENTS} danger statements.`)
        : ALLOWED
    case 'goals':
      return isDanger(dangers, key)
        ? ALLOWED
        : refuse('DANGER-2', 'A safety goal must pair with an existing danger statement.')
    case 'familyViews':
      return isDanger(dangers, key)
        ? ALLOWED
        : refuse('FAMILY-1', "The family's view must be of an existing danger statement.")
    case 'nextSteps':
      return ALLOWED
  }
}

function isDanger(dangers: Y.Map<unknown>, id: string): boolean {
  try {
    return validateDangerStatement(dangers.get(id)).id === id
  } catch (error) {
    if (error instanceof MapValidationError) return false
    throw error
  }
}
