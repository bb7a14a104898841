// What the rules need to know about each note *before* a transaction: its section and its author. After a
// transaction the document holds only the new values, so the server keeps this index and brings it up to date
// after every transaction it keeps (accepted updates and its own reverts alike).
import * as Y from 'yjs'
import { getNotesMap } from '../schema.ts'

export interface IndexedNote {
  /** The `zone` field as stored (a string that may not be a known section), or undefined. */
  zone: string | undefined
  /** '' when the note has none (added before authorship was recorded). */
  authorId: string
  author: string
  agency: string
  /** Marked shared with the family (SHARE-1: once only). */
  shared: boolean
  /** Withdrawn by the chair (WITHDRAW-2: then nobody else changes it). */
  withdrawn: boolean
  /** The server's `receivedAt` (SERVER-2), or undefined if the note has none yet. */
  receivedAt: number | undefined
}

export class NoteIndex {
  readonly #doc: Y.Doc
  readonly #notes = new Map<string, IndexedNote>()
  /** Notes deleted while the index watched, as they last were: tells a restore (undo) from a forgery (OWN-1). */
  readonly #deleted = new Map<string, IndexedNote>()

  private constructor(doc: Y.Doc) {
    this.#doc = doc
  }

  /** An index of every note the document holds now. */
  static fromDoc(doc: Y.Doc): NoteIndex {
    const index = new NoteIndex(doc)
    getNotesMap(doc).forEach((value, id) => {
      if (value instanceof Y.Map) index.#notes.set(id, indexedNote(value as Y.Map<unknown>))
    })
    return index
  }

  get size(): number {
    return this.#notes.size
  }

  get(id: string): IndexedNote | undefined {
    return this.#notes.get(id)
  }

  /** The last known state of a note that has been deleted (and not restored) since the index was built. */
  getDeleted(id: string): IndexedNote | undefined {
    return this.#deleted.get(id)
  }

  /** Brings the index in step with the document after `transaction`: it re-reads every note the transaction touched. */
  update(transaction: Y.Transaction): void {
    const notes = getNotesMap(this.#doc)
    const touched = new Set<string>()
    for (const [type, keys] of transaction.changed) {
      if (type === (notes as unknown)) {
        for (const key of keys) if (key !== null) touched.add(key)
      } else {
        const item = type._item
        if (item !== null && item.parent === notes && typeof item.parentSub === 'string')
          touched.add(item.parentSub)
      }
    }
    for (const id of touched) {
      const value = notes.get(id)
      if (value instanceof Y.Map) {
        this.#notes.set(id, indexedNote(value as Y.Map<unknown>))
        this.#deleted.delete(id)
        continue
      }
      const before = this.#notes.get(id)
      if (before === undefined) continue
      this.#notes.delete(id)
      this.#deleted.set(id, before)
    }
  }
}

/** The facts the rules need about one note map, read as they are now. */
export function indexedNote(note: Y.Map<unknown>): IndexedNote {
  const zone = note.get('zone')
  return {
    zone: typeof zone === 'string' ? zone : undefined,
    authorId: stringOr(note.get('authorId')),
    author: stringOr(note.get('author')),
    agency: stringOr(note.get('agency')),
    shared: note.has('sharedAt'),
    withdrawn: note.has('withdrawnAt'),
    receivedAt: numberOr(note.get('receivedAt')),
  }
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined
}

function stringOr(value: unknown): string {
  return typeof value === 'string' ? value : ''
}
