// What the contract suites share: the harness an engine's test file gives them, and the records they store.
import * as Y from 'yjs'
import type { ExportRecord } from '../../../src/storage/ExportStore.ts'
import type { LinkRecord } from '../../../src/storage/LinkStore.ts'
import type { MapRecord } from '../../../src/storage/MapCatalog.ts'
import type { ScalingSubmissionRecord } from '../../../src/storage/ScalingStore.ts'

/** A store under test: the stores of one engine that a suite needs, over one set of data. */
export interface StoreHarness<Store> {
  store: Store
  /** Closes the store and opens a new one on the same data (a restart). */
  reopen(): Promise<Store>
  /** Closes whatever is open and removes the data. */
  dispose(): Promise<void>
}

let counter = 0

/** An id no other test of this run uses. */
export const uniqueId = (prefix: string): string => `${prefix}-${counter++}`

export const mapRecord = (title = 'A map'): MapRecord => ({
  id: `map-${Date.now()}-${counter++}`,
  title,
  createdAt: 1_700_000_000_000,
})

export const link = (mapId: string, role: LinkRecord['role'], id = uniqueId('link')): LinkRecord => ({
  id,
  mapId,
  role,
  createdAt: 1_700_000_000_000,
  expiresAt: 1_700_000_000_000 + 86_400_000,
  revokedAt: null,
})

export const submission = (
  mapId: string,
  roundId: string,
  participantId: string,
  score: number,
  reason = `reason of ${participantId}`,
): ScalingSubmissionRecord => ({
  mapId,
  roundId,
  participantId,
  name: `Name of ${participantId}`,
  role: 'professional',
  agency: 'Health visiting',
  score,
  reason,
  updatedAt: 1_700_000_000_000 + score,
})

export const exportRecord = (
  mapId: string,
  id: string,
  generatedAt: number,
  format: 'pdf' | 'png' = 'pdf',
): ExportRecord => {
  const bytes = new Uint8Array([37, 80, 68, 70, counter++ % 256, 0, 255])
  return {
    id,
    mapId,
    format,
    audience: 'shared',
    documentVersion: 12,
    documentSha256: 'a'.repeat(64),
    professionals: null,
    bytesSha256: 'b'.repeat(64),
    byteLength: bytes.byteLength,
    bytes,
    generatedBy: { participantId: 'p-chair', name: 'Zoë Łukasz-Nowak', role: 'chair', agency: 'Reviewing' },
    generatedAt,
  }
}

export const withoutBytes = ({ bytes: _bytes, ...summary }: ExportRecord) => summary

/** A map document update that sets one key, made by a fresh client. */
export function setUpdate(doc: Y.Doc, key: string, value: string): Uint8Array {
  const before = Y.encodeStateVector(doc)
  doc.getMap('meta').set(key, value)
  return Y.encodeStateAsUpdate(doc, before)
}

/** The document the stored snapshot + tail describe. */
export function rebuild(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc()
  if (stored.snapshot !== null) Y.applyUpdate(doc, stored.snapshot)
  for (const update of stored.updates) Y.applyUpdate(doc, update)
  return doc
}
