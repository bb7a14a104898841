// How simulated participants write: through map-model's commands, on every server, so all of them carry the same
// shape of data (the peers store it in the same Y.Maps without knowing what it means).
import { addNote, updateNote } from '@mapboard/map-model'
import type { ZoneId } from '@mapboard/map-model'
import type * as Y from 'yjs'
import type { Seat } from './Seat.ts'

/** Adds a note authored by `seat` (author fields as the server knows the participant: rule OWN-1); returns its id. */
export function writeNote(doc: Y.Doc, seat: Seat, zone: ZoneId, text: string): string {
  return addNote(doc, {
    zone,
    text,
    kind: 'observation',
    author: seat.name,
    authorId: seat.participantId,
    agency: seat.agency,
  })
}

/** Changes the text of one of the seat's own notes (rule OWN-2: professionals edit only their own). */
export function rewriteNote(doc: Y.Doc, id: string, text: string): void {
  updateNote(doc, id, { text })
}
