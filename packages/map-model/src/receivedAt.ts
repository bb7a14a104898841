// `receivedAt`, the server's own fact about a note (SERVER-2): when it first stored it, by its clock. Only the
// server calls this, in the turn it accepts a note, with its own origin; the rules refuse it from any client.
import * as Y from 'yjs'
import { RECEIVED_AT } from './permissions/noteShape.ts'
import { readNote } from './readMap.ts'
import { getNotesMap } from './schema.ts'
import { validateTimestamp } from './validation.ts'

/**
 * Writes `receivedAt` on each note of `stamps` (note id → ms) that has none, in one transaction. A note that is gone
 * or already has one is left as it is: a note is received once.
 */
export function stampReceivedAt(doc: Y.Doc, stamps: ReadonlyMap<string, number>, origin?: unknown): void {
  const notes = getNotesMap(doc)
  const due: Array<[Y.Map<unknown>, number]> = []
  for (const [id, at] of stamps) {
    const note = notes.get(id)
    if (note instanceof Y.Map && !note.has(RECEIVED_AT))
      due.push([note as Y.Map<unknown>, validateTimestamp(at, RECEIVED_AT)])
  }
  if (due.length === 0) return
  doc.transact(() => {
    for (const [note, at] of due) note.set(RECEIVED_AT, at)
  }, origin ?? null)
}

/**
 * The latest `receivedAt` among the document's notes, as readMap gives it (a note without one counts its
 * `createdAt`); null when there are no notes. The server asks it on each family visit: a visit after which nothing
 * new arrived tells nothing that the one before did not (apps/server FamilyVisits).
 */
export function latestReceivedAt(doc: Y.Doc): number | null {
  let latest: number | null = null
  getNotesMap(doc).forEach((note, id) => {
    if (!(note instanceof Y.Map)) return
    const snapshot = readNote(id, note as Y.Map<unknown>)
    if (snapshot !== undefined && (latest === null || snapshot.receivedAt > latest))
      latest = snapshot.receivedAt
  })
  return latest
}
