// Who may do what, given only who they are and which sections are locked: the permission half of the rules
// (rules.ts), with no Yjs in it. The server's checkTransaction composes these with the shape checks to judge a
// transaction; the board asks the same functions before it offers an edit, so its predictions are the server's
// verdicts by construction (apps/web/src/board/Permissions.ts).
//
// Every check begins with the viewer rule: a viewer may do nothing, whatever else is true.
import type { ZoneId } from '../zones.ts'
import type { Actor, ActorRole } from './Actor.ts'
import type { RuleId } from './rules.ts'
import { ALLOWED, lockMessage, refuse } from './verdict.ts'
import type { Verdict } from './verdict.ts'

/** What the permission checks need to know of whoever acts. */
export type PolicyActor = Pick<Actor, 'role' | 'participantId'>

/** What the permission checks need to know of a note as it was before the change. */
export interface NoteFacts {
  /** '' for notes from before authorship was recorded: nobody's but the chair's to change. */
  authorId: string
  zone: unknown
}

/** The sections locked before the change. */
export type LockedSections = ReadonlySet<string>

/** The conference roots clients may write (the server alone writes `scaling` and `attendance`, SERVER-1). */
export type ClientConferenceRoot = 'dangers' | 'goals' | 'familyViews' | 'nextSteps'

interface RootRule {
  rule: RuleId
  writers: readonly ActorRole[]
  /** The section whose lock binds everyone but the chair. */
  lock: ZoneId
  refusal: string
}

/** Who writes each client-written conference root, and which section's lock closes it. */
export const ROOT_RULES: Readonly<Record<ClientConferenceRoot, RootRule>> = {
  dangers: {
    rule: 'DANGER-1',
    writers: ['chair', 'professional'],
    lock: 'future-danger',
    refusal: 'Only the chair and professionals can write danger statements.',
  },
  goals: {
    rule: 'DANGER-2',
    writers: ['chair', 'professional'],
    lock: 'safety-goals',
    refusal: 'Only the chair and professionals can write safety goals.',
  },
  familyViews: {
    rule: 'FAMILY-1',
    writers: ['chair', 'family'],
    lock: 'future-danger',
    refusal: "Only the family and the chair can record the family's view.",
  },
  nextSteps: {
    rule: 'PLAN-1',
    writers: ['chair', 'professional'],
    lock: 'next-steps',
    refusal: 'Only the chair and professionals can write next steps.',
  },
}

/** What a viewer is told when it tries to change the map (VIEW-1). */
export const VIEWER_REFUSAL = {
  allowed: false,
  rule: 'VIEW-1',
  message: 'Viewers can follow the map but not change it.',
} as const satisfies Verdict

/** VIEW-1: everyone but a viewer may change the map at all. */
export function mayWrite(actor: PolicyActor): Verdict {
  return actor.role === 'viewer' ? VIEWER_REFUSAL : ALLOWED
}

/** LOCK-1: a note may be added to an unlocked section, or to any by the chair. */
export function mayAddNote(actor: PolicyActor, locked: LockedSections, zone: unknown): Verdict {
  const write = mayWrite(actor)
  if (!write.allowed || actor.role === 'chair') return write
  return isLocked(locked, zone) ? refuse('LOCK-1', lockMessage(zone)) : ALLOWED
}

/** OWN-2, LOCK-2: edit a note (or reorder it within its section). */
export function mayChangeNote(actor: PolicyActor, locked: LockedSections, note: NoteFacts): Verdict {
  const write = mayWrite(actor)
  if (!write.allowed || actor.role === 'chair') return write
  if (!owns(actor, note)) return refuse('OWN-2', 'You can only change your own notes.')
  return isLocked(locked, note.zone) ? refuse('LOCK-2', lockMessage(note.zone)) : ALLOWED
}

/** OWN-2, LOCK-3: move a note to another section; neither end may be locked. */
export function mayMoveNote(
  actor: PolicyActor,
  locked: LockedSections,
  note: NoteFacts,
  to: unknown,
): Verdict {
  const write = mayWrite(actor)
  if (!write.allowed || actor.role === 'chair') return write
  if (!owns(actor, note)) return refuse('OWN-2', 'You can only change your own notes.')
  if (isLocked(locked, note.zone)) return refuse('LOCK-3', lockMessage(note.zone))
  return isLocked(locked, to) ? refuse('LOCK-3', lockMessage(to)) : ALLOWED
}

/** OWN-2, LOCK-4: delete a note. */
export function mayRemoveNote(actor: PolicyActor, locked: LockedSections, note: NoteFacts): Verdict {
  const write = mayWrite(actor)
  if (!write.allowed || actor.role === 'chair') return write
  if (!owns(actor, note)) return refuse('OWN-2', 'You can only remove your own notes.')
  return isLocked(locked, note.zone) ? refuse('LOCK-4', lockMessage(note.zone)) : ALLOWED
}

/** CHAIR-1: lock or unlock a section. */
export function mayLock(actor: PolicyActor): Verdict {
  const write = mayWrite(actor)
  if (!write.allowed || actor.role === 'chair') return write
  return refuse('CHAIR-1', 'Only the chair can lock or unlock a section.')
}

/** AGENDA-1, DECISION-1, ROSTER-1, CLOSED-1, SCHEDULE-1, CHAIR-2: write these keys of `meta` (the meeting's details and steps). */
export function mayWriteMeta(actor: PolicyActor, keys: readonly string[]): Verdict {
  const write = mayWrite(actor)
  if (!write.allowed || actor.role === 'chair') return write
  if (keys.includes('step')) return refuse('AGENDA-1', 'Only the chair can move the meeting to another step.')
  if (keys.includes('decision')) return refuse('DECISION-1', 'Only the chair can record the decision.')
  if (keys.includes('apologies')) return refuse('ROSTER-1', 'Only the chair can mark apologies.')
  if (keys.includes('closedSessions'))
    return refuse('CLOSED-1', 'Only the chair can start or end a closed session.')
  if (keys.includes('schedule')) return refuse('SCHEDULE-1', 'Only the chair can set when the conference is.')
  return refuse('CHAIR-2', 'Only the chair can change the meeting details.')
}

/** DANGER-1, DANGER-2, FAMILY-1, PLAN-1: write an entry of a conference root (who, then the section's lock). */
export function mayWriteRoot(
  actor: PolicyActor,
  locked: LockedSections,
  root: ClientConferenceRoot,
): Verdict {
  const write = mayWrite(actor)
  if (!write.allowed) return write
  const { rule, writers, lock, refusal } = ROOT_RULES[root]
  if (!writers.includes(actor.role)) return refuse(rule, refusal)
  if (actor.role !== 'chair' && locked.has(lock)) return refuse(rule, lockMessage(lock))
  return ALLOWED
}

/** SHARE-1: mark a professionals' note shared with the family (the chair's "Share with the family"). */
export function mayShare(actor: PolicyActor): Verdict {
  const write = mayWrite(actor)
  if (!write.allowed || actor.role === 'chair') return write
  return refuse('SHARE-1', 'Only the chair shares a note with the family.')
}

/** WITHDRAW-1: withdraw a shared note, or take a withdrawal back. */
export function mayWithdraw(actor: PolicyActor): Verdict {
  const write = mayWrite(actor)
  if (!write.allowed || actor.role === 'chair') return write
  return refuse('WITHDRAW-1', 'Only the chair withdraws a note.')
}

/** WITHDRAW-2: edit, move or delete a note the chair has withdrawn. */
export function mayChangeWithdrawn(actor: PolicyActor): Verdict {
  const write = mayWrite(actor)
  if (!write.allowed || actor.role === 'chair') return write
  return refuse('WITHDRAW-2', 'This note has been withdrawn by the chair and can no longer be changed.')
}

/** Added by this participant. Notes from before authorship was recorded have no author id: only the chair's. */
export function owns(actor: PolicyActor, note: NoteFacts): boolean {
  return note.authorId !== '' && note.authorId === actor.participantId
}

function isLocked(locked: LockedSections, zone: unknown): boolean {
  return typeof zone === 'string' && locked.has(zone)
}
