// Apologies: people expected at the conference who could not come, marked by the chair (ROSTER-1). The record
// lists them with the attendance.
import type { Doc } from 'yjs'
import { getMetaMap } from '../schema.ts'
import { sameValue } from './sameValue.ts'
import type { Apology } from './types.ts'
import { validateApologies } from './validateConference.ts'

/** Replaces the list of apologies. */
export function setApologies(doc: Doc, apologies: Apology[], origin?: unknown): void {
  const value = validateApologies(apologies)
  const meta = getMetaMap(doc)
  if (sameValue(value, meta.get('apologies'))) return
  doc.transact(() => meta.set('apologies', value), origin ?? null)
}
