// `receivedAt` (SERVER-2): the server's clock when it first stored a note. The room calls `stamp()` in the turn it
// has applied a writer's update, so the stamp is stored and broadcast in the same batch as the note itself; every
// client, the author included, then reads the server's time. A note is received once: the stamp is written only
// where a note has none, and a note that comes back under the same id (an undo of its delete, or a client that
// replaced it) gets the time the server first stored it. Loading a map stamps nothing, so a restart changes no
// time; notes from before the server stamped them keep none (readMap then gives their createdAt, decision 0035).
import * as Y from 'yjs'
import { RECEIVED_AT, stampReceivedAt } from '@mapboard/map-model'
import { SERVER_ORIGIN } from './serverOrigin.ts'

export class NoteReceipts {
  readonly #doc: Y.Doc
  readonly #notes: Y.Map<unknown>
  readonly #now: () => number
  /** Every note id's first receipt, kept after a delete so a note that comes back keeps its time. */
  readonly #received = new Map<string, number>()
  /** Notes added (or put back) since the last stamp that have no receipt. */
  readonly #due = new Set<string>()

  constructor(doc: Y.Doc, now: () => number) {
    this.#doc = doc
    this.#notes = doc.getMap<unknown>('notes')
    this.#now = now
    this.#notes.forEach((note, id) => this.#note(id, note))
    this.#due.clear()
    doc.on('afterTransaction', this.#observe)
  }

  /** Writes the receipt of every note added since the last call that has none, as the server's own change. */
  stamp(): void {
    if (this.#due.size === 0) return
    const now = this.#now()
    const stamps = new Map<string, number>()
    for (const id of this.#due) stamps.set(id, this.#received.get(id) ?? now)
    this.#due.clear()
    stampReceivedAt(this.#doc, stamps, SERVER_ORIGIN)
    for (const id of stamps.keys()) this.#note(id, this.#notes.get(id))
  }

  destroy(): void {
    this.#doc.off('afterTransaction', this.#observe)
  }

  readonly #observe = (transaction: Y.Transaction): void => {
    // Keys of `notes` written: notes added, replaced, brought back or deleted. A stamp writes inside a note.
    for (const [type, keys] of transaction.changed) {
      if (type !== (this.#notes as unknown)) continue
      for (const id of keys) if (id !== null) this.#note(id, this.#notes.get(id))
    }
  }

  #note(id: string, note: unknown): void {
    if (!(note instanceof Y.Map)) {
      this.#due.delete(id)
      return
    }
    const at: unknown = (note as Y.Map<unknown>).get(RECEIVED_AT)
    if (typeof at === 'number') {
      if (!this.#received.has(id)) this.#received.set(id, at)
      this.#due.delete(id)
    } else {
      this.#due.add(id)
    }
  }
}
