import type { Doc } from 'yjs'
import { findNote } from './findNote.ts'
import type { NoteColour, NoteKind } from './noteFields.ts'
import { validateColour, validateKind, validateNoteText, validateSource } from './validation.ts'

/** Fields to change; absent fields are left alone. Validated as in addNote. */
export interface NotePatch {
  text?: string
  kind?: NoteKind
  source?: string
  colour?: NoteColour
}

/**
 * Changes some of a note's fields. Only fields whose value differs are written: each field merges last-writer-wins,
 * so rewriting an unchanged one could overwrite someone else's concurrent edit of it.
 */
export function updateNote(doc: Doc, id: string, patch: NotePatch, origin?: unknown): void {
  const note = findNote(doc, id)
  const changes: Array<[keyof NotePatch, string]> = []
  if (patch.text !== undefined) changes.push(['text', validateNoteText(patch.text)])
  if (patch.kind !== undefined) changes.push(['kind', validateKind(patch.kind)])
  if (patch.source !== undefined) changes.push(['source', validateSource(patch.source)])
  if (patch.colour !== undefined) changes.push(['colour', validateColour(patch.colour)])
  doc.transact(() => {
    for (const [field, value] of changes) if (note.get(field) !== value) note.set(field, value)
  }, origin ?? null)
}
