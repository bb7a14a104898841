// Whether the family and observers may download the record. Chair and professionals always may; the family and
// viewers only while the chair allows it with `meta.familyMayExport = true` (a plain meta value, so only the chair
// may write it: rule CHAIR-2). The server reads the same key before it generates an export.
import type { Doc } from 'yjs'
import { getMetaMap } from '../schema.ts'

const FAMILY_MAY_EXPORT = 'familyMayExport'

/** The chair allows (or stops) the family and observers downloading the record. */
export function setFamilyMayExport(doc: Doc, allowed: boolean, origin?: unknown): void {
  const meta = getMetaMap(doc)
  if (meta.get(FAMILY_MAY_EXPORT) === allowed) return
  doc.transact(() => meta.set(FAMILY_MAY_EXPORT, allowed), origin ?? null)
}

/** True only when the chair has written `true`: anything else (absent, stray values) keeps the record closed. */
export function familyMayExport(doc: Doc): boolean {
  return getMetaMap(doc).get(FAMILY_MAY_EXPORT) === true
}
