// The server's view of a change, without a server: a replica (the client) edits its copy, its update is applied
// to the authoritative document, and the transaction that applied it is judged with checkTransaction.
import * as Y from 'yjs'
import { NoteIndex, ROOT_TYPE_NAMES, addNote, checkTransaction, initMap } from '../../src/index.ts'
import type { Actor, Audience, Verdict, ZoneId } from '../../src/index.ts'

export const chair: Actor = { role: 'chair', participantId: 'chair-1', name: 'Ann Chair', agency: 'Council' }
export const pro: Actor = { role: 'professional', participantId: 'pro-1', name: 'Ms Patel', agency: 'School' }
export const pro2: Actor = {
  role: 'professional',
  participantId: 'pro-2',
  name: 'PC Jones',
  agency: 'Police',
}
export const family: Actor = { role: 'family', participantId: 'fam-1', name: 'Mum', agency: '' }
export const viewer: Actor = { role: 'viewer', participantId: 'view-1', name: 'Student', agency: '' }

/** The author fields of `actor`, for addNote. */
export function by(actor: Actor): { authorId: string; author: string; agency: string } {
  return { authorId: actor.participantId, author: actor.name, agency: actor.agency }
}

/** What the server holds: an authoritative document and its index, kept in step as the server keeps it. */
export class Server {
  readonly doc = new Y.Doc()
  readonly index: NoteIndex
  #judging: { origin: object; actor: Actor; verdict?: Verdict } | undefined
  readonly #undo: Y.UndoManager

  /** Which of a map's documents this server holds (audience.ts). */
  constructor(readonly audience: Audience = 'shared') {
    initMap(this.doc, { title: 'Review conference', createdAt: 1 })
    this.index = NoteIndex.fromDoc(this.doc)
    const roots = ROOT_TYPE_NAMES.map((name) => this.doc.getMap(name))
    this.#undo = new Y.UndoManager(roots, { trackedOrigins: new Set(), captureTimeout: 0 })
    // As the server's gate does: judge the author's transaction against the index as it was, then bring the
    // index up to date (with every transaction, judged or not).
    this.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      const judging = this.#judging
      if (judging !== undefined && transaction.origin === judging.origin) {
        judging.verdict = checkTransaction(transaction, judging.actor, this.index, this.audience)
      }
      this.index.update(transaction)
    })
  }

  /** Adds a note as `actor` would, accepted without judging (setting the scene). */
  note(actor: Actor, zone: ZoneId, id: string, text = id): string {
    return addNote(this.doc, { zone, text, id, createdAt: 2, ...by(actor) })
  }

  /** A client's replica, synced with the server now. */
  replica(): Y.Doc {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.doc))
    return doc
  }

  /**
   * Applies `update` as coming from `actor` and returns the verdict on the transaction that applied it. A refused
   * transaction is reverted, as the server reverts it, so the scene is as it was for the next attempt.
   */
  judgeUpdate(actor: Actor, update: Uint8Array): Verdict {
    const judging: { origin: object; actor: Actor; verdict?: Verdict } = { origin: { actor }, actor }
    this.#judging = judging
    this.#undo.trackedOrigins.add(judging.origin)
    try {
      Y.applyUpdate(this.doc, update, judging.origin)
    } finally {
      this.#judging = undefined
      this.#undo.trackedOrigins.delete(judging.origin)
    }
    const verdict = judging.verdict
    if (verdict === undefined) throw new Error('the update applied no transaction')
    if (!verdict.allowed) this.#undo.undo()
    this.#undo.clear()
    return verdict
  }

  /** The verdict on `edit`, made by `actor` on a fresh replica of the server's document. */
  judge(actor: Actor, edit: (doc: Y.Doc) => void): Verdict {
    const doc = this.replica()
    const before = Y.encodeStateVector(doc)
    edit(doc)
    return this.judgeUpdate(actor, Y.encodeStateAsUpdate(doc, before))
  }
}

export function refusedBy(verdict: Verdict): string | undefined {
  return verdict.allowed ? undefined : verdict.rule
}
