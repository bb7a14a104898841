// Where a writer's update enters the room's document, and where permission rules plug in.
//
// A writer's update is always applied — never "rejected" by not applying it: Yjs would then see a gap in that
// client's clock and keep every later update from it pending forever (see docs: architecture, sync server).
// A rule that objects instead has the change reverted on the server; the revert is an ordinary update, so it is
// persisted and sent to everyone together with the original (Room batches both), and the author's view snaps back.
import * as Y from 'yjs'
import type { Role } from '@mapboard/protocol'
import { ROOT_TYPE_NAMES } from './checkUpdate.ts'

/** What the rules know about whoever wrote an update. */
export interface UpdateAuthor {
  readonly identity: { readonly role: Role; readonly linkId: string }
}

export type Verdict = { allowed: true } | { allowed: false; reason: string }

/**
 * Permission rules (role, section locks, ownership). `inspect` sees the transaction that applied an author's
 * update — `transaction.changed`, `changedParentTypes`, `deleteSet` — and must not modify the document.
 */
export interface UpdateRules {
  inspect(transaction: Y.Transaction, author: UpdateAuthor): Verdict
}

export type GateOutcome = { reverted: false } | { reverted: true; reason: string }

export class UpdateGate {
  readonly #doc: Y.Doc
  readonly #rules: UpdateRules | undefined
  readonly #undo: Y.UndoManager | undefined
  #author: UpdateAuthor | null = null
  #verdict: Verdict = { allowed: true }

  /** Without rules every update is applied as it is. */
  constructor(doc: Y.Doc, rules?: UpdateRules) {
    this.#doc = doc
    this.#rules = rules
    if (rules === undefined) return
    const scope = [...ROOT_TYPE_NAMES].map((name) => doc.getMap(name))
    // Tracks only the author being applied (added and removed around each apply); captureTimeout 0 keeps
    // every client transaction its own stack item, so one undo() reverts exactly that transaction.
    this.#undo = new Y.UndoManager(scope, { trackedOrigins: new Set(), captureTimeout: 0 })
    doc.on('afterTransaction', this.#inspect)
  }

  /** Applies `update` with `author` as the transaction origin; reverts it if a rule objects. */
  apply(update: Uint8Array, author: UpdateAuthor): GateOutcome {
    const undo = this.#undo
    if (undo === undefined) {
      Y.applyUpdate(this.#doc, update, author)
      return { reverted: false }
    }
    this.#author = author
    this.#verdict = { allowed: true }
    undo.trackedOrigins.add(author)
    try {
      Y.applyUpdate(this.#doc, update, author)
    } finally {
      undo.trackedOrigins.delete(author)
      this.#author = null
    }
    const verdict = this.#takeVerdict()
    if (!verdict.allowed) undo.undo()
    // The gate keeps no history: the next update is judged on its own.
    undo.clear()
    return verdict.allowed ? { reverted: false } : { reverted: true, reason: verdict.reason }
  }

  /** Read through a method: TypeScript would otherwise keep the narrowing from the reset in `apply`. */
  #takeVerdict(): Verdict {
    return this.#verdict
  }

  destroy(): void {
    this.#doc.off('afterTransaction', this.#inspect)
    this.#undo?.destroy()
  }

  readonly #inspect = (transaction: Y.Transaction): void => {
    const author = this.#author
    if (author === null || transaction.origin !== author || this.#rules === undefined) return
    const verdict = this.#rules.inspect(transaction, author)
    if (!verdict.allowed && this.#verdict.allowed) this.#verdict = verdict
  }
}
