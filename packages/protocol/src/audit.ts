// The audit trail as the API gives it (`GET /api/maps/<id>/audit`, decision 0041): what each entry says, and the
// closed set of actions an entry can record. The server derives every entry from what it accepted or refused; no
// client writes one.
import type { Role } from './Role.ts'

/** Every action an audit entry can record. Never renamed: stored entries and their hashes keep the name. */
export const AUDIT_ACTIONS = [
  'note.added',
  'note.edited',
  'note.moved',
  'note.deleted',
  'note.shared',
  'note.withdrawn',
  'note.reinstated',
  'section.locked',
  'section.unlocked',
  'agenda.step',
  'map.renamed',
  'map.details',
  'schedule.set',
  'apologies.changed',
  'danger.added',
  'danger.edited',
  'danger.removed',
  'goal.added',
  'goal.edited',
  'goal.removed',
  'familyView.added',
  'familyView.edited',
  'familyView.removed',
  'nextStep.added',
  'nextStep.edited',
  'nextStep.removed',
  'decision.recorded',
  'decision.removed',
  'closedSession.started',
  'closedSession.ended',
  'scaling.opened',
  'scaling.answered',
  'scaling.revealed',
  'link.created',
  'link.withdrawn',
  'participant.joined',
  'participant.left',
  'export.created',
  'refused',
  'map.erased',
  'map.closed',
  'map.reopened',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value)
}

/**
 * Who an entry is about: everyone sees 'shared' entries' material; 'professionals' entries are about the
 * professionals' document (or a professionals' record) and belong only in the professionals' view.
 */
export const AUDIT_AUDIENCES = ['shared', 'professionals'] as const
export type AuditAudience = (typeof AUDIT_AUDIENCES)[number]

/** Who did it, as their verified token said; null when the server acted on its own. */
export interface AuditActor {
  participantId: string
  name: string
  role: Role
  agency: string
}

/** One entry of `GET /api/maps/<id>/audit` (oldest first). */
export interface AuditEntryInfo {
  /** 1, 2, … per map. */
  seq: number
  /** The server's clock, ms since the epoch. */
  at: number
  actor: AuditActor | null
  action: AuditAction
  /** What it was done to: a note, a section, a danger statement, a link, a round… ('' when nothing in particular). */
  target: string
  /** The section it concerns, when it concerns one (the `?section=` filter). */
  section: string | null
  /** Short plain text: before → after for an edit, the rule for a refusal. Never a scaling number. */
  summary: string
  audience: AuditAudience
  /** SHA-256 (hex) over the previous entry's hash and this entry's content. */
  hash: string
}

/** `GET /api/maps/<id>/audit/verify`: whether every entry is as written, in order, none missing. */
export interface AuditVerification {
  ok: boolean
  entries: number
  /** The first sequence number that is not as written (changed, missing or out of place). */
  firstBad?: number
}
