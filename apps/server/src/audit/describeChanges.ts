// What an audit entry says about one change: pure functions from a thing as it was before a turn and as it is
// after (DocumentAudit keeps the before side) to the entries' action, target, section and summary. The summary is
// short plain text — before → after for an edit — and never a scaling number (only counts and status are read).
import type * as Y from 'yjs'
import { MAP_CLOSURE_KEY, agendaStep, isAgendaStepId, isZoneId, zoneLabel } from '@mapboard/map-model'
import { isRole } from '@mapboard/protocol'
import type { AuditAction, AuditActor } from '@mapboard/protocol'

/** An entry without who, when and for whom: DocumentAudit adds those. */
export interface ChangeEntry {
  action: AuditAction
  target: string
  section: string | null
  summary: string
}

/** What the trail says about a note, read from its map (NOTE_FIELDS); receivedAt and authorship never change. */
export interface NoteFacts {
  zone: string
  text: string
  kind: string
  source: string
  colour: string
  order: string
  shared: boolean
  withdrawn: boolean
  withdrawnReason: string
}

/** Longest quoted text in a summary; the entry is a pointer to the change, not a second copy of the map. */
const QUOTE_LENGTH = 160

export function quote(text: string): string {
  const flat = text.replace(/\s+/gu, ' ').trim()
  return `“${flat.length > QUOTE_LENGTH ? `${flat.slice(0, QUOTE_LENGTH - 1)}…` : flat}”`
}

function sectionName(zone: string): string {
  return isZoneId(zone) ? zoneLabel(zone) : zone
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

export function noteFacts(note: Y.Map<unknown>): NoteFacts {
  return {
    zone: text(note.get('zone')),
    text: text(note.get('text')),
    kind: text(note.get('kind')),
    source: text(note.get('source')),
    colour: text(note.get('colour')),
    order: text(note.get('order')),
    shared: note.has('sharedAt'),
    withdrawn: note.has('withdrawnAt'),
    withdrawnReason: text(note.get('withdrawnReason')),
  }
}

/** Entries for one note from before to after (undefined: no note). */
export function describeNote(
  id: string,
  before: NoteFacts | undefined,
  after: NoteFacts | undefined,
): ChangeEntry[] {
  if (before === undefined && after === undefined) return []
  if (before === undefined && after !== undefined) {
    const kind = after.kind === '' ? '' : ` (${after.kind})`
    return [{ action: 'note.added', target: id, section: after.zone, summary: `${quote(after.text)}${kind}` }]
  }
  if (before !== undefined && after === undefined) {
    return [{ action: 'note.deleted', target: id, section: before.zone, summary: quote(before.text) }]
  }
  if (before === undefined || after === undefined) return []
  const entries: ChangeEntry[] = []
  const at = (action: AuditAction, summary: string): void => {
    entries.push({ action, target: id, section: after.zone, summary })
  }
  if (before.zone !== after.zone) at('note.moved', `${sectionName(before.zone)} → ${sectionName(after.zone)}`)
  else if (before.order !== after.order) at('note.moved', `Reordered in ${sectionName(after.zone)}`)
  const edits: string[] = []
  if (before.text !== after.text) edits.push(`${quote(before.text)} → ${quote(after.text)}`)
  if (before.kind !== after.kind) edits.push(`kind: ${before.kind || 'none'} → ${after.kind || 'none'}`)
  if (before.source !== after.source) edits.push(`source: ${quote(before.source)} → ${quote(after.source)}`)
  if (before.colour !== after.colour)
    edits.push(`colour: ${before.colour || 'none'} → ${after.colour || 'none'}`)
  if (edits.length > 0) at('note.edited', edits.join('; '))
  if (!before.shared && after.shared) at('note.shared', 'Shared with the family')
  if (!before.withdrawn && after.withdrawn) at('note.withdrawn', `Reason: ${quote(after.withdrawnReason)}`)
  if (before.withdrawn && !after.withdrawn) at('note.reinstated', 'Withdrawal taken back')
  return entries
}

/** The roots whose values the trail describes, each key holding one plain JSON value (or `true` in locks). */
export type ValueRoot =
  'meta' | 'locks' | 'dangers' | 'goals' | 'familyViews' | 'nextSteps' | 'scaling' | 'attendance'

type Plain = Record<string, unknown>

function record(value: unknown): Plain | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Plain) : undefined
}

function field(value: unknown, name: string): string {
  return text(record(value)?.[name])
}

/** added / edited / removed of one conference entry, with the text that says what it is. */
function describeEntry(
  kinds: { added: AuditAction; edited: AuditAction; removed: AuditAction },
  key: string,
  section: string,
  before: unknown,
  after: unknown,
  say: (value: unknown) => string,
): ChangeEntry[] {
  if (after === undefined)
    return [{ action: kinds.removed, target: key, section, summary: quote(say(before)) }]
  if (before === undefined) return [{ action: kinds.added, target: key, section, summary: quote(say(after)) }]
  const was = say(before)
  const now = say(after)
  const summary = was === now ? 'Details changed' : `${quote(was)} → ${quote(now)}`
  return [{ action: kinds.edited, target: key, section, summary }]
}

function nextStepText(value: unknown): string {
  const who = field(value, 'who')
  const due = field(value, 'due')
  const done = record(value)?.done === true ? ' (done)' : ''
  return `${field(value, 'what')}${who === '' ? '' : ` — ${who}`}${due === '' ? '' : `, by ${due}`}${done}`
}

function stepLabel(value: unknown): string {
  return isAgendaStepId(value) ? agendaStep(value).label : text(value) || 'none'
}

function describeMeta(key: string, before: unknown, after: unknown): ChangeEntry[] {
  const entry = (action: AuditAction, summary: string): ChangeEntry[] => [
    { action, target: key, section: null, summary },
  ]
  switch (key) {
    case 'step':
      return entry('agenda.step', `${stepLabel(before)} → ${stepLabel(after)}`)
    case 'title':
      return entry('map.renamed', `${quote(text(before))} → ${quote(text(after))}`)
    case 'decision': {
      if (after === undefined || after === null) return entry('decision.removed', 'Decision taken away')
      const outcome = field(after, 'outcome')
      const category = field(after, 'category')
      return entry('decision.recorded', `${outcome}${category === '' ? '' : ` (${category})`}`)
    }
    case 'apologies': {
      const count = Array.isArray(after) ? after.length : 0
      return entry('apologies.changed', `${count} ${count === 1 ? 'apology' : 'apologies'}`)
    }
    case 'schedule':
      return entry('schedule.set', `${field(after, 'type') || 'none'}`)
    case 'closedSessions':
      return describeClosedSessions(before, after)
    case MAP_CLOSURE_KEY:
      return describeClosure(before, after)
    default:
      return entry('map.details', `${key} changed`)
  }
}

/**
 * "Export and close" and its reverse (decision 0042): only the server writes the closure, for the chair who asked.
 * Closing a closed map again rewrites the same closure and says nothing.
 */
function describeClosure(before: unknown, after: unknown): ChangeEntry[] {
  const closed = record(after) !== undefined
  if (closed === (record(before) !== undefined)) return []
  const summary = closed
    ? 'Map closed: read-only for everyone until the chair reopens it'
    : 'Map reopened: changes are taken again'
  return [{ action: closed ? 'map.closed' : 'map.reopened', target: MAP_CLOSURE_KEY, section: null, summary }]
}

function describeClosedSessions(before: unknown, after: unknown): ChangeEntry[] {
  const was = Array.isArray(before) ? before : []
  const now = Array.isArray(after) ? after : []
  const entries: ChangeEntry[] = []
  now.forEach((session: unknown, index) => {
    const earlier: unknown = was[index]
    const ended = record(session)?.endedAt
    const target = `closed-session-${index + 1}`
    if (earlier === undefined) {
      entries.push({
        action: 'closedSession.started',
        target,
        section: null,
        summary: 'Closed session started',
      })
    }
    if (typeof ended === 'number' && typeof record(earlier)?.endedAt !== 'number') {
      entries.push({ action: 'closedSession.ended', target, section: null, summary: 'Closed session ended' })
    }
  })
  return entries
}

/** A scaling round: opened, answered (the count only) and revealed. Never reads a score or a reason. */
function describeRound(key: string, before: unknown, after: unknown): ChangeEntry[] {
  if (after === undefined) return []
  const subject = record(record(after)?.subject)
  const about = subject?.kind === 'danger' ? `danger statement ${text(subject.dangerId)}` : 'the map overall'
  const count = (value: unknown): number => {
    const n = record(value)?.count
    return typeof n === 'number' ? n : 0
  }
  const entries: ChangeEntry[] = []
  const at = (action: AuditAction, summary: string): void => {
    entries.push({ action, target: key, section: null, summary })
  }
  if (before === undefined) at('scaling.opened', `Scaling about ${about}`)
  const revealed = record(after)?.status === 'revealed'
  const wasRevealed = record(before)?.status === 'revealed'
  if (!revealed && count(after) > count(before)) at('scaling.answered', `${count(after)} answered so far`)
  if (revealed && !wasRevealed) at('scaling.revealed', `${count(after)} answers revealed`)
  return entries
}

/** How each list of conference entries is described: its three actions, its section and the text it is known by. */
const CONFERENCE_ENTRIES: Record<
  'dangers' | 'goals' | 'familyViews' | 'nextSteps',
  {
    kinds: { added: AuditAction; edited: AuditAction; removed: AuditAction }
    section: string
    say: (value: unknown) => string
  }
> = {
  dangers: {
    kinds: { added: 'danger.added', edited: 'danger.edited', removed: 'danger.removed' },
    section: 'future-danger',
    say: (value) => field(value, 'text'),
  },
  goals: {
    kinds: { added: 'goal.added', edited: 'goal.edited', removed: 'goal.removed' },
    section: 'safety-goals',
    say: (value) => field(value, 'text'),
  },
  familyViews: {
    kinds: { added: 'familyView.added', edited: 'familyView.edited', removed: 'familyView.removed' },
    section: 'future-danger',
    say: (value) => field(value, 'text'),
  },
  nextSteps: {
    kinds: { added: 'nextStep.added', edited: 'nextStep.edited', removed: 'nextStep.removed' },
    section: 'next-steps',
    say: nextStepText,
  },
}

/** Entries for one key of a value root, from its value before to after (undefined: absent). */
export function describeValue(root: ValueRoot, key: string, before: unknown, after: unknown): ChangeEntry[] {
  switch (root) {
    case 'meta':
      return describeMeta(key, before, after)
    case 'locks': {
      const locked = after === true
      if (locked === (before === true)) return []
      return [
        {
          action: locked ? 'section.locked' : 'section.unlocked',
          target: key,
          section: key,
          summary: `${sectionName(key)} ${locked ? 'locked' : 'unlocked'}`,
        },
      ]
    }
    case 'dangers':
    case 'goals':
    case 'familyViews':
    case 'nextSteps': {
      const { kinds, section, say } = CONFERENCE_ENTRIES[root]
      return describeEntry(kinds, key, section, before, after, say)
    }
    case 'scaling':
      return describeRound(key, before, after)
    case 'attendance':
      // Joins and leaves are the entries' own actors' (DocumentAudit); nothing is said about them here.
      return []
  }
}

/**
 * An attendance entry's change as a join or a leave, with the person it is about as the actor: the server wrote
 * the entry from their verified token as their first connection opened or their last one closed.
 */
export function describePresence(
  key: string,
  before: unknown,
  after: unknown,
): { entry: ChangeEntry; actor: AuditActor } | null {
  const now = record(after)
  if (now === undefined) return null
  const present = now.present === true
  if (present === (record(before)?.present === true)) return null
  const role = now.role
  if (!isRole(role)) return null
  const actor = { participantId: key, name: field(now, 'name'), role, agency: field(now, 'agency') }
  const entry: ChangeEntry = present
    ? { action: 'participant.joined', target: key, section: null, summary: 'Joined the meeting' }
    : { action: 'participant.left', target: key, section: null, summary: 'Left the meeting' }
  return { entry, actor }
}
