import type { Doc } from 'yjs'
import { findNote } from './findNote.ts'
import { getNotesMap } from './schema.ts'

export function deleteNote(doc: Doc, id: string, origin?: unknown): void {
  findNote(doc, id)
  doc.transact(() => {
    getNotesMap(doc).delete(id)
  }, origin ?? null)
}
