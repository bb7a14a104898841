// The one audit entry an erased map keeps (decision 0042): who asked is the deployment's administrator or the
// retention policy, when, and why — nothing of the map's content.
import type { AuditDraft } from './AuditStore.ts'
import type { ErasureRequest } from './MapErasure.ts'

export function erasureEntry(mapId: string, request: ErasureRequest): AuditDraft {
  return {
    at: request.erasedAt,
    actor: null,
    action: 'map.erased',
    target: mapId,
    section: null,
    summary: `Erased (${request.keepRecords ? 'records kept' : 'records removed'}): ${request.reason}`,
    audience: 'shared',
  }
}
