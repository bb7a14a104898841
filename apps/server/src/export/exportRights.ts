// Who may generate a record. Chair and professionals always; the family and observers only while the chair
// allows it, with `meta.familyMayExport = true` in the map document (a chair-only write: map-model's CHAIR-2).
import type * as Y from 'yjs'
import type { Role } from '@mapboard/protocol'

/** The key of the chair's switch in the document's `meta` map. */
export const FAMILY_MAY_EXPORT_KEY = 'familyMayExport'

export function familyMayExport(doc: Y.Doc): boolean {
  return doc.getMap('meta').get(FAMILY_MAY_EXPORT_KEY) === true
}

export function mayExport(role: Role, doc: Y.Doc): boolean {
  return role === 'chair' || role === 'professional' || familyMayExport(doc)
}
