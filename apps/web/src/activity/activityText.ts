import { isZoneId, zoneLabel } from '@mapboard/map-model'
import type { AuditActor } from '@mapboard/protocol'
import { ROLE_LABEL } from '../ui/PresenceList.tsx'

// How one entry of the Activity tab reads: who, with their role and agency; the section by its name; the time to
// the second, with the day when it is not the day of the entry above.

/** "Sam Patel", and "Professional, Riverside Primary School"; the server acting on its own is "Mapboard". */
export function actorText(actor: AuditActor | null): { name: string; detail: string } {
  if (actor === null) return { name: 'Mapboard', detail: 'on its own' }
  return { name: actor.name, detail: [ROLE_LABEL[actor.role], actor.agency].filter(Boolean).join(', ') }
}

/** A section's words, or the id as given if it is not one of the seven. */
export function sectionText(section: string | null): string | null {
  if (section === null || section === '') return null
  return isZoneId(section) ? zoneLabel(section) : section
}

/**
 * The line under "who · what": the section, then the server's summary, each left out where it would only repeat
 * what is already said ("Joined the meeting" twice; "Next steps: Next steps locked").
 */
export function detailText(
  entry: { section: string | null; summary: string },
  label: string,
): { section: string | null; summary: string } {
  const summary = entry.summary.trim().toLowerCase() === label.toLowerCase() ? '' : entry.summary
  const section = sectionText(entry.section)
  const repeated = section !== null && summary.toLowerCase().startsWith(section.toLowerCase())
  return { section: repeated ? null : section, summary }
}

const day = (ms: number): string =>
  new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })

/** "14:05:09", or "14:05:09, 3 Dec 2026" for the first entry and the first of each new day. */
export function entryTime(at: number, previousAt: number | null): string {
  const time = new Date(at).toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
  return previousAt !== null && day(previousAt) === day(at) ? time : `${time}, ${day(at)}`
}
