import type { AuditEntryInfo } from '@mapboard/protocol'
import { KNOWN_ACTIONS, actionLabel } from './actionLabels.ts'

// What the chair narrows the Activity tab to (decision 0044): one person, one section, one action and a time
// span. The page filters the trail it holds, so a change of filter shows at once, even on bad wifi; the CSV is
// asked for with the same filter as the server's query, so the file holds exactly the entries on screen.

/** An entry as the page reads it. The action is any text: a server newer than this page may know more actions. */
export type ActivityEntry = Omit<AuditEntryInfo, 'action'> & { action: string }

/** Each field '' for "any". `from` and `to` are `<input type="datetime-local">` values, in this device's time. */
export interface ActivityFilter {
  person: string
  section: string
  action: string
  from: string
  to: string
}

export const NO_FILTER: ActivityFilter = { person: '', section: '', action: '', from: '', to: '' }

/** A minute as the time fields give it; the end of the span includes the whole of its last minute. */
const MINUTE = 60_000

function localMinute(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined
  const ms = new Date(value).getTime()
  return Number.isNaN(ms) ? undefined : ms
}

/** The span in ms since the epoch, both ends included; a field left empty (or not a time) leaves that end open. */
export function filterSpan(filter: Pick<ActivityFilter, 'from' | 'to'>): { from?: number; to?: number } {
  const from = localMinute(filter.from)
  const to = localMinute(filter.to)
  return {
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to: to + MINUTE - 1 }),
  }
}

export function isFiltered(filter: ActivityFilter): boolean {
  return Object.values(filter).some((value) => value !== '')
}

export function matchesFilter(entry: ActivityEntry, filter: ActivityFilter): boolean {
  const { from, to } = filterSpan(filter)
  return (
    (filter.person === '' || entry.actor?.participantId === filter.person) &&
    (filter.section === '' || entry.section === filter.section) &&
    (filter.action === '' || entry.action === filter.action) &&
    (from === undefined || entry.at >= from) &&
    (to === undefined || entry.at <= to)
  )
}

/** The same filter as `GET /api/maps/<id>/audit`'s query (person, section, action, from, to), '' when none. */
export function filterQuery(filter: ActivityFilter): string {
  const { from, to } = filterSpan(filter)
  const query = new URLSearchParams()
  if (filter.person !== '') query.set('person', filter.person)
  if (filter.section !== '') query.set('section', filter.section)
  if (filter.action !== '') query.set('action', filter.action)
  if (from !== undefined) query.set('from', String(from))
  if (to !== undefined) query.set('to', String(to))
  return query.toString()
}

export interface PersonOption {
  id: string
  /** "Sam Patel (Riverside Primary School)" — with the agency, since two people may share a name. */
  label: string
}

/** Everyone the trail names, once each (by participant id), sorted by name. */
export function peopleIn(entries: readonly ActivityEntry[]): PersonOption[] {
  const people = new Map<string, PersonOption>()
  for (const { actor } of entries) {
    if (actor === null || people.has(actor.participantId)) continue
    const label = actor.agency === '' ? actor.name : `${actor.name} (${actor.agency})`
    people.set(actor.participantId, { id: actor.participantId, label })
  }
  return [...people.values()].sort((a, b) => a.label.localeCompare(b.label, 'en-GB'))
}

/** The actions the trail holds, in the protocol's order, each with its words; unknown ones last, as named. */
export function actionsIn(entries: readonly ActivityEntry[]): Array<{ action: string; label: string }> {
  const present = new Set(entries.map((entry) => entry.action))
  const known = KNOWN_ACTIONS.filter((action) => present.has(action))
  const unknown = [...present].filter((action) => !KNOWN_ACTIONS.includes(action)).sort()
  return [...known, ...unknown].map((action) => ({ action, label: actionLabel(action) }))
}
