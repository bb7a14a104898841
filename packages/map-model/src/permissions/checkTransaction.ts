// Judges one transaction against the rules (rules.ts). The server applies a writer's update, calls this from
// `afterTransaction` with the actor of the connection and its NoteIndex (the "before" facts), and reverts the
// transaction when it is refused. Pure: it reads the transaction, the document and the index, and changes nothing.
import type * as Y from 'yjs'
import { validateTimestamp, validateTitle } from '../validation.ts'
import { MapValidationError } from '../MapValidationError.ts'
import { getLocksMap, getMetaMap } from '../schema.ts'
import { MAP_CLOSURE_KEY, readMapClosure } from '../mapClosure.ts'
import { isZoneId } from '../zones.ts'
import type { Audience } from '../audience.ts'
import type { Actor } from './Actor.ts'
import { checkAudience } from './audienceRules.ts'
import { collectChanges } from './collectChanges.ts'
import type { DocumentChange } from './collectChanges.ts'
import { checkEntries } from './conferenceRules.ts'
import { checkDisclosure } from './disclosureRules.ts'
import { isConferenceMetaKey, metaValueProblem } from './conferenceShape.ts'
import type { IndexedNote, NoteIndex } from './NoteIndex.ts'
import { AUTHOR_FIELDS, RECEIVED_AT, fieldProblem, isRequiredNoteField, noteProblem } from './noteShape.ts'
import {
  mayAddNote,
  mayChangeNote,
  mayLock,
  mayMoveNote,
  mayRemoveNote,
  mayWrite,
  mayWriteMeta,
  owns,
} from './policy.ts'
import { ALLOWED, refuse } from './verdict.ts'
import type { Verdict } from './verdict.ts'

export type { Verdict } from './verdict.ts'

/**
 * Whether `actor` may make the change `transaction` made. The first rule broken decides the answer.
 *
 * `audience` is the document's (audience.ts): the AUD-* rules come first, then the same rules in both documents.
 *
 * Lock state is judged as it was before the transaction: anyone but the chair is refused any change to `locks`
 * before notes are looked at, so for them the locks map read now is the locks map as it was; the chair is not
 * bound by locks at all.
 */
export function checkTransaction(
  transaction: Y.Transaction,
  actor: Actor,
  index: NoteIndex,
  audience: Audience = 'shared',
): Verdict {
  if (actor.role === 'viewer') return wroteAnything(transaction) ? mayWrite(actor) : ALLOWED
  const changes = collectChanges(transaction, index)
  const chair = actor.role === 'chair'
  // READONLY-2 before READONLY-1: once nobody may write `meta.closed`, the closure read now is the one from before.
  if (changes.some((change) => change.kind === 'meta' && change.keys.includes(MAP_CLOSURE_KEY))) {
    return refuse('READONLY-2', 'Only the server closes or reopens the map.')
  }
  if (readMapClosure(transaction.doc) !== null && wroteAnything(transaction)) {
    return refuse(
      'READONLY-1',
      'This map is closed: nothing on it can be changed unless the chair reopens it.',
    )
  }
  const placed = checkAudience(changes, actor, audience)
  if (!placed.allowed) return placed

  // Structure first, then who may touch what.
  for (const change of changes) {
    if (change.kind === 'outside-schema') return refuse('SHAPE-2', 'That change does not fit the map.')
  }
  for (const change of changes) {
    if (change.kind === 'locks' && !chair) return mayLock(actor)
    if (change.kind === 'meta' && !chair) return mayWriteMeta(actor, change.keys)
    if (change.kind === 'scaling' || change.kind === 'attendance')
      return refuse('SERVER-1', 'Scaling and attendance are recorded by the server, not by hand.')
  }
  // CLOSED-2: anyone but the chair who wrote `meta` was refused above (CLOSED-1), so for them the closed sessions
  // read now are those from before the transaction.
  if (audience === 'shared' && !chair && changes.length > 0 && closedSessionLasts(transaction.doc)) {
    return refuse('CLOSED-2', 'During a closed session only the chair changes the shared map.')
  }
  // Before ownership: an author may change their own note, but not mark it shared or change it once withdrawn.
  for (const change of changes) {
    const disclosed = checkDisclosure(change, actor, audience)
    if (!disclosed.allowed) return disclosed
  }
  const locked = lockedSections(transaction.doc)
  for (const change of changes) {
    const verdict = judge(change, actor, index, locked, transaction)
    if (!verdict.allowed) return verdict
  }
  return ALLOWED
}

function closedSessionLasts(doc: Y.Doc): boolean {
  const sessions = getMetaMap(doc).get('closedSessions')
  if (!Array.isArray(sessions)) return false
  const last: unknown = sessions.at(-1)
  return typeof last === 'object' && last !== null && (last as { endedAt?: unknown }).endedAt === null
}

function judge(
  change: DocumentChange,
  actor: Actor,
  index: NoteIndex,
  locked: ReadonlySet<string>,
  transaction: Y.Transaction,
): Verdict {
  const doc = transaction.doc
  switch (change.kind) {
    case 'outside-schema':
      return refuse('SHAPE-2', 'That change does not fit the map.')
    case 'locks':
      return checkLocks(change.keys, doc)
    case 'meta':
      return checkMeta(change.keys, doc)
    case 'scaling':
    case 'attendance':
      return refuse('SERVER-1', 'Scaling and attendance are recorded by the server, not by hand.')
    case 'dangers':
    case 'goals':
    case 'familyViews':
    case 'nextSteps':
      return checkEntries(change.kind, change.keys, actor, locked, transaction)
    case 'not-a-note':
      return refuse('SHAPE-1', 'The notes list can only hold notes.')
    case 'note-deleted':
      return mayRemoveNote(actor, locked, change.before)
    case 'note-replaced': {
      const removal = mayRemoveNote(actor, locked, change.before)
      return removal.allowed ? mayAdd(change.id, change.note, actor, index, locked, change.before) : removal
    }
    case 'note-added':
      return mayAdd(change.id, change.note, actor, index, locked)
    case 'note-changed': {
      if (change.fields.includes(RECEIVED_AT)) return refuse('SERVER-2', RECEIVED_AT_REFUSAL)
      for (const field of change.fields) {
        const problem = fieldProblem(change.id, field, change.note.get(field))
        // Deleting a field writes it as absent: every known field must stay, a stray unknown one may go.
        if (problem !== undefined && (change.note.has(field) || isRequiredNoteField(field)))
          return refuse('SHAPE-1', problem)
      }
      if (change.fields.some((field) => AUTHOR_FIELDS.includes(field as never))) {
        return refuse('OWN-1', 'Nobody can change who wrote a note.')
      }
      if (change.fields.includes('createdAt')) {
        return refuse('OWN-4', 'Nobody can change when a note was added.')
      }
      const from = change.before.zone
      const to = change.note.get('zone')
      const moved = change.fields.includes('zone') && from !== to
      return moved
        ? mayMoveNote(actor, locked, change.before, to)
        : mayChangeNote(actor, locked, change.before)
    }
  }
}

const RECEIVED_AT_REFUSAL = 'Only the server records when a note was received.'

/** `replaced`: the note this one takes the place of under the same id, if any (note-replaced). */
function mayAdd(
  id: string,
  note: Y.Map<unknown>,
  actor: Actor,
  index: NoteIndex,
  locked: ReadonlySet<string>,
  replaced?: IndexedNote,
): Verdict {
  const problem = noteProblem(id, note)
  if (problem !== undefined) return refuse('SHAPE-1', problem)
  // A new note comes without it; only a note brought back (an undo of its delete) may carry the value it had.
  if (note.has(RECEIVED_AT)) {
    const had = (replaced ?? index.getDeleted(id))?.receivedAt
    if (had === undefined || note.get(RECEIVED_AT) !== had) return refuse('SERVER-2', RECEIVED_AT_REFUSAL)
  }
  const written = {
    authorId: note.get('authorId'),
    author: note.get('author'),
    agency: note.get('agency'),
  }
  const own =
    written.authorId === actor.participantId &&
    written.author === actor.name &&
    written.agency === actor.agency
  if (!own) {
    // An undo of a delete brings the note back as it was: allowed to whoever could have deleted it.
    const deleted = index.getDeleted(id)
    const restored =
      deleted !== undefined &&
      written.authorId === deleted.authorId &&
      written.author === deleted.author &&
      written.agency === deleted.agency &&
      (actor.role === 'chair' || owns(actor, deleted))
    if (!restored) return refuse('OWN-1', 'A new note must carry your own name.')
  }
  return mayAddNote(actor, locked, note.get('zone'))
}

function checkLocks(keys: readonly string[], doc: Y.Doc): Verdict {
  const locks = getLocksMap(doc)
  for (const key of keys) {
    if (!isZoneId(key)) return refuse('SHAPE-2', 'Only sections of the map can be locked.')
    if (locks.has(key) && locks.get(key) !== true) return refuse('SHAPE-2', 'A lock is either on or off.')
  }
  return ALLOWED
}

function checkMeta(keys: readonly string[], doc: Y.Doc): Verdict {
  const meta = getMetaMap(doc)
  for (const key of keys) {
    if (!meta.has(key)) continue
    const value = meta.get(key)
    // A Y type in meta is outside the schema, whichever key holds it.
    if (!isPlain(value)) return refuse('SHAPE-2', 'That change does not fit the map.')
    if (isConferenceMetaKey(key)) {
      const problem = metaValueProblem(key, value)
      if (problem !== undefined) return refuse('SHAPE-3', problem)
      continue
    }
    try {
      if (key === 'title' && validateTitle(value) !== value) throw new Error('untrimmed')
      if (key === 'createdAt') validateTimestamp(value, 'createdAt')
    } catch (error) {
      return refuse(
        'SHAPE-2',
        error instanceof MapValidationError ? error.message : 'That title is not valid.',
      )
    }
  }
  return ALLOWED
}

function lockedSections(doc: Y.Doc): Set<string> {
  const locked = new Set<string>()
  getLocksMap(doc).forEach((value, zone) => {
    if (value === true) locked.add(zone)
  })
  return locked
}

function isPlain(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true
  if (Array.isArray(value)) return value.every(isPlain)
  if (Object.getPrototypeOf(value) !== Object.prototype) return false
  return Object.values(value).every(isPlain)
}

/** Whether the transaction added or deleted any struct at all (even one nobody can see). */
function wroteAnything(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true
  for (const [client, clock] of transaction.afterState) {
    if ((transaction.beforeState.get(client) ?? 0) !== clock) return true
  }
  return false
}
