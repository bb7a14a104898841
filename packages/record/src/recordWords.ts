// The words and formats of the written record: labels for roles, kinds, decisions, and dates as people read them.
import { CP_CATEGORIES, DECISION_OUTCOMES } from '@mapboard/map-model'
import type { ActorRole, CpCategory, DecisionOutcome, NoteKind, ScalingSubject } from '@mapboard/map-model'

/** Conferences are held in the UK: times print in UK time, with GMT or BST said. */
const TIME_ZONE = 'Europe/London'

const DATE = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, dateStyle: 'long' })
const TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
})
const CLOCK = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' })

/** An audit entry's day and time, to the second (entries come seconds apart). */
const AUDIT_DAY = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
})
const AUDIT_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
})

export const formatDate = (ms: number): string => DATE.format(ms)
export const formatAuditDay = (ms: number): string => AUDIT_DAY.format(ms)
export const formatAuditTime = (ms: number): string => AUDIT_TIME.format(ms)
export const formatDateTime = (ms: number): string => TIME.format(ms)
export const formatClock = (ms: number): string => CLOCK.format(ms)

/** The calendar date of `ms` in UK time as YYYY-MM-DD (next steps' due dates compare with it). */
export function isoDay(ms: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, dateStyle: 'short' }).format(ms)
  return parts
}

const ROLE_LABEL: Record<ActorRole, string> = {
  chair: 'Chair',
  professional: 'Professional',
  family: 'Family',
  viewer: 'Observer',
}

export const roleLabel = (role: ActorRole): string => ROLE_LABEL[role]

/** A role stored as text (an audit entry's): its label when it is one of ours, else as it was written. */
export function storedRoleLabel(role: string): string {
  return Object.entries(ROLE_LABEL).find(([known]) => known === role)?.[1] ?? role
}

const KIND_LABEL: Record<NoteKind, string> = {
  fact: 'Fact',
  observation: 'Observation',
  allegation: 'Allegation',
  opinion: 'Opinion',
}

export const kindLabel = (kind: NoteKind): string => KIND_LABEL[kind]

export const outcomeLabel = (outcome: DecisionOutcome): string => DECISION_OUTCOMES[outcome]
export const categoryLabel = (category: CpCategory): string => CP_CATEGORIES[category]

/** "Name (Role, Agency)", leaving out what is empty. */
export function personLabel(name: string, role: ActorRole | null, agency: string): string {
  const details = [role === null ? '' : roleLabel(role), agency].filter((part) => part !== '')
  const shown = name === '' ? 'Unnamed participant' : name
  return details.length === 0 ? shown : `${shown} (${details.join(', ')})`
}

export function subjectLabel(
  subject: ScalingSubject,
  dangerNumber: (id: string) => number | undefined,
): string {
  if (subject.kind === 'overall') return 'The map overall'
  const number = dangerNumber(subject.dangerId)
  return number === undefined ? 'A danger statement since removed' : `Danger statement ${number}`
}
