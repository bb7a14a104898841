import type { InformationStatus, NoteSnapshot } from '@mapboard/map-model'

/**
 * Which late or new items have just arrived, for the chair's notice. Everything present by the time the map has
 * loaded (this device's copy and the server's catch-up) is what was there when the chair opened it, so it is
 * seen, not arrived; so is the chair's own item. After that, each note id is told once, the first time it is
 * there and late or new — a note that only becomes late because the schedule changed is not an arrival.
 */
export class ArrivalTracker {
  private readonly seen = new Set<string>()
  private loaded = false

  constructor(private readonly myId: string) {}

  /** The notes of this snapshot that arrived since the last one, late or new, oldest first. */
  observe(
    notes: readonly NoteSnapshot[],
    loaded: boolean,
    statusOf: (note: NoteSnapshot) => InformationStatus,
  ): NoteSnapshot[] {
    const arrived: NoteSnapshot[] = []
    const telling = this.loaded
    for (const note of notes) {
      if (this.seen.has(note.id)) continue
      this.seen.add(note.id)
      if (telling && note.authorId !== this.myId && statusOf(note) !== 'in-time') arrived.push(note)
    }
    if (loaded) this.loaded = true
    return arrived.sort((a, b) => a.receivedAt - b.receivedAt)
  }
}
