// Which entries of a trail someone is shown: the audience's view, narrowed by the filters of
// `GET /api/maps/<id>/audit`. The shared view leaves out every entry about professionals-only material; the
// professionals' view (the chair's, and a professionals' record appendix) has them all.
import type { AuditAudience } from '@mapboard/protocol'
import type { AuditRecord } from '../storage/AuditStore.ts'

export interface AuditFilter {
  /** Whose view: 'shared' holds only shared entries, 'professionals' every entry. */
  audience: AuditAudience
  /** Entries by this participant (their actor's id). */
  person?: string
  /** Entries about this section. */
  section?: string
  /** From and to this time, ms since the epoch, both included. */
  from?: number
  to?: number
  action?: string
}

export function auditView(entries: readonly AuditRecord[], filter: AuditFilter): AuditRecord[] {
  return entries.filter(
    (entry) =>
      (filter.audience === 'professionals' || entry.audience === 'shared') &&
      (filter.person === undefined || entry.actor?.participantId === filter.person) &&
      (filter.section === undefined || entry.section === filter.section) &&
      (filter.from === undefined || entry.at >= filter.from) &&
      (filter.to === undefined || entry.at <= filter.to) &&
      (filter.action === undefined || entry.action === filter.action),
  )
}
