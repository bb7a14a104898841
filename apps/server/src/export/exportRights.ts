// Who may generate a record. Chair and professionals always; the family and observers only while the chair
// allows it (map-model's familyMayExport: `meta.familyMayExport`, a chair-only write under CHAIR-2).
import type * as Y from 'yjs'
import { familyMayExport } from '@mapboard/map-model'
import type { Role } from '@mapboard/protocol'

export function mayExport(role: Role, doc: Y.Doc): boolean {
  return role === 'chair' || role === 'professional' || familyMayExport(doc)
}
