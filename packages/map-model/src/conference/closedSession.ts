// The closed session (product brief: the professionals may talk without the family). The chair starts and ends it;
// it is a list in meta.closedSessions, the last one lasting while its `endedAt` is null (CLOSED-1). While it lasts,
// nobody but the chair writes in the shared document (CLOSED-2), so the family's devices receive nothing new; the
// chair's and professionals' boards write to the professionals' document meanwhile.
import type { Doc } from 'yjs'
import { MapValidationError } from '../MapValidationError.ts'
import { getMetaMap } from '../schema.ts'
import { validateTimestamp } from '../validation.ts'
import { readConference } from './readConference.ts'
import type { ClosedSession, ClosedSessionAttendee, RecordedBy } from './types.ts'
import { MAX_CLOSED_SESSIONS, validateClosedSessions, validateRecordedBy } from './validateConference.ts'

/** The closed session lasting now, if any. */
export function currentClosedSession(sessions: readonly ClosedSession[]): ClosedSession | null {
  const last = sessions.at(-1)
  return last !== undefined && last.endedAt === null ? last : null
}

/** Starts a closed session, with the chair and professionals present (attendance) as its attendees. */
export function startClosedSession(
  doc: Doc,
  by: RecordedBy,
  now: number = Date.now(),
  origin?: unknown,
): void {
  const { closedSessions } = readConference(doc)
  if (currentClosedSession(closedSessions) !== null)
    throw new MapValidationError('UNKNOWN_VALUE', 'closedSessions', 'A closed session is already under way.')
  if (closedSessions.length >= MAX_CLOSED_SESSIONS)
    throw new MapValidationError(
      'TOO_MANY_ITEMS',
      'closedSessions',
      'This meeting has had as many as it can.',
    )
  const session: ClosedSession = {
    startedAt: validateTimestamp(now, 'startedAt'),
    endedAt: null,
    startedBy: validateRecordedBy(by, 'startedBy'),
    attendees: presentProfessionals(doc, []),
  }
  write(doc, [...closedSessions, session], origin)
}

/** Ends the closed session lasting now (nothing if none), adding anyone who joined it meanwhile. */
export function endClosedSession(doc: Doc, now: number = Date.now(), origin?: unknown): void {
  const { closedSessions } = readConference(doc)
  const current = currentClosedSession(closedSessions)
  if (current === null) return
  const ended: ClosedSession = {
    ...current,
    endedAt: Math.max(current.startedAt, validateTimestamp(now, 'endedAt')),
    attendees: presentProfessionals(doc, current.attendees),
  }
  write(doc, [...closedSessions.slice(0, -1), ended], origin)
}

function write(doc: Doc, sessions: ClosedSession[], origin: unknown): void {
  const value = validateClosedSessions(sessions)
  doc.transact(() => getMetaMap(doc).set('closedSessions', value), origin ?? null)
}

function presentProfessionals(doc: Doc, known: readonly ClosedSessionAttendee[]): ClosedSessionAttendee[] {
  const attendees = new Map(known.map((attendee) => [attendee.participantId, attendee]))
  for (const entry of readConference(doc).attendance) {
    if (!entry.present || (entry.role !== 'chair' && entry.role !== 'professional')) continue
    if (attendees.has(entry.participantId)) continue
    const { participantId, name, role, agency } = entry
    attendees.set(participantId, { participantId, name, role, agency })
  }
  return [...attendees.values()]
}
