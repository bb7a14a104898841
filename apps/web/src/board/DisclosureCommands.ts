import type * as Y from 'yjs'
import { shareWithFamily, withdrawNote } from '@mapboard/map-model'
import type { Ordered, ZoneId } from '@mapboard/map-model'
import type { Participant } from '@mapboard/protocol'

/**
 * The chair's "Share with the family" and "Withdraw…" (decision 0034). Not part of undo: like the meeting's own
 * writes they are acts the family sees, and the server keeps a note marked shared for good (SHARE-1).
 */
export interface DisclosureCommands {
  /** Copies a professionals-only note into the shared map, at the end of its section; returns the copy's id. */
  shareWithFamily(note: { id: string; zone: ZoneId }): string
  /** Withdraws a note of the shared map, saying why. */
  withdrawNote(noteId: string, reason: string): void
}

export function createDisclosureCommands(
  shared: Y.Doc,
  professionals: Y.Doc | null,
  me: Participant,
  /** A section's notes in both documents (sectionOfBoth), so the copy lands at the end of what the board shows. */
  sectionNotes?: (zone: ZoneId) => readonly Ordered[],
): DisclosureCommands {
  const chair = { id: me.id, name: me.name, agency: me.agency }
  return {
    shareWithFamily({ id, zone }) {
      if (professionals === null) throw new Error('This device has no professionals’ notes to share.')
      const among = sectionNotes === undefined ? {} : { among: sectionNotes(zone) }
      return shareWithFamily(shared, professionals, id, chair, among)
    },
    withdrawNote: (noteId, reason) => withdrawNote(shared, noteId, chair, reason),
  }
}
