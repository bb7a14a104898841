import type { Doc, Map as YMap } from 'yjs'
import { MapValidationError } from './MapValidationError.ts'
import { getNoteMap } from './schema.ts'

/** The note's Y.Map, or NOTE_NOT_FOUND (e.g. someone else deleted it a moment ago). */
export function findNote(doc: Doc, id: string): YMap<unknown> {
  const note = typeof id === 'string' ? getNoteMap(doc, id) : undefined
  if (!note)
    throw new MapValidationError('NOTE_NOT_FOUND', 'id', `There is no note with id ${JSON.stringify(id)}.`)
  return note
}
