// What a professionals' record prints of the map's audit trail (decision 0043): the professionals' view of the
// entries as stored, the chain's check and its head, all from one read of the store. Only a professionals'
// record is given it; the shared record has no appendix, as entries about professionals-only material must
// never reach it.
import type { RecordAuditTrail } from '@mapboard/record'
import { auditView } from '../audit/auditView.ts'
import { verifyAudit } from '../storage/auditChain.ts'
import type { StoredAudit } from '../storage/AuditStore.ts'

export function recordAuditTrail(stored: StoredAudit): RecordAuditTrail {
  return {
    entries: auditView(stored.entries, { audience: 'professionals' }).map((entry) => ({
      seq: entry.seq,
      at: entry.at,
      actor:
        entry.actor === null
          ? null
          : { name: entry.actor.name, role: entry.actor.role, agency: entry.actor.agency },
      action: entry.action,
      summary: entry.summary,
    })),
    verification: verifyAudit(stored),
    head: stored.head === null ? null : { seq: stored.head.seq, hash: stored.head.hash },
  }
}
