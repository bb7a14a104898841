// A map's document exactly as the store holds it, and what identifies that state in the record.
import { createHash } from 'node:crypto'
import * as Y from 'yjs'
import { rebuildDocument } from '../rooms/loadStoredDocument.ts'
import type { StoredDocument } from '../storage/DocumentLog.ts'

export interface DocumentAt {
  doc: Y.Doc
  /**
   * The document version: the store's sequence number of the last update it includes (`StoredDocument.lastSeq`;
   * 0 for a map nobody has written to since it was made). It only grows, one per stored update.
   */
  version: number
  /**
   * SHA-256 (hex) of `Y.encodeStateAsUpdate(doc)`: the whole state at that version, deleted content included.
   * Anyone with the store can rebuild the document the same way and compare (compaction does not change it).
   */
  sha256: string
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/**
 * Rebuilds the document from the stored snapshot and tail, the way a room loads it: a stored update that would
 * not load is left out (the room that loaded first has normally quarantined it already; see decision 0021).
 */
export function documentAt(stored: StoredDocument): DocumentAt {
  const { doc } = rebuildDocument(stored)
  return { doc, version: stored.lastSeq, sha256: sha256Hex(Y.encodeStateAsUpdate(doc)) }
}
