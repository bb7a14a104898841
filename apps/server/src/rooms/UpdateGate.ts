// Where a writer's update enters the room's document, and where permission rules plug in.
//
// A writer's update is always applied — never "rejected" by not applying it: Yjs would then see a gap in that
// client's clock and keep every later update from it pending forever (see docs: architecture, sync server).
// A rule that objects instead has the change reverted on the server; the revert is an ordinary update, so it is
// persisted and sent to everyone together with the original (Room batches both), and the author's view snaps back.
import * as Y from 'yjs'
import type { DocumentAudience, ParticipantClaims, Role } from '@mapboard/protocol'
import { ROOT_TYPE_NAMES } from './checkUpdate.ts'
import type { DecodedUpdate } from './checkUpdate.ts'
import { lateDeletes, lateSets, recordWithdrawn } from './lateWrites.ts'
import type { Written } from './lateWrites.ts'

/** What the rules know about whoever wrote an update: the connection's verified identity. */
export interface UpdateAuthor {
  readonly identity: {
    readonly role: Role
    readonly linkId: string
    readonly participant: ParticipantClaims
  }
}

/** `rule` is a rule id (map-model's RULES); `message` is one sentence for the author. */
export type Verdict = { allowed: true } | { allowed: false; rule: string; message: string }

/**
 * Permission rules for one room's document (role, section locks, ownership). `inspect` sees the transaction that
 * applied an author's update — `transaction.changed`, `changedParentTypes`, `deleteSet` — and must not modify the
 * document. `observe`, if given, sees every transaction the document runs after any inspection (accepted updates,
 * refused ones and their reverts, the server's own writes), so rules can keep what they know in step.
 */
export interface UpdateRules {
  inspect(transaction: Y.Transaction, author: UpdateAuthor): Verdict
  observe?(transaction: Y.Transaction): void
}

/**
 * Makes the rules for one room's document; called once, when the room has loaded it, with which of the map's
 * documents it is (the professionals' one has rules of its own besides, AUD-*).
 */
export type RulesFactory = (doc: Y.Doc, audience: DocumentAudience) => UpdateRules

export type GateOutcome = { reverted: false } | { reverted: true; rule: string; message: string }

export class UpdateGate {
  readonly #doc: Y.Doc
  readonly #rules: UpdateRules | undefined
  readonly #undo: Y.UndoManager | undefined
  #author: UpdateAuthor | null = null
  #verdict: Verdict = { allowed: true }
  /** What the client transaction being applied wrote (lateWrites.ts); null while not applying one. */
  #written: Written | null = null
  /** Whether anything has been reverted yet: until then no update can refer to restored content. */
  #hasReverted = false
  /** Map values that refused changes wrote and their reverts deleted (lateWrites.ts, case 4). */
  readonly #withdrawn = new WeakSet<Y.Item>()
  readonly #passedOn = new WeakMap<Y.Item, Y.Item>()

  /** Without rules every update is applied as it is. */
  constructor(doc: Y.Doc, rules?: RulesFactory, audience: DocumentAudience = 'shared') {
    this.#doc = doc
    if (rules === undefined) return
    this.#rules = rules(doc, audience)
    const scope = [...ROOT_TYPE_NAMES].map((name) => doc.getMap(name))
    // Tracks only the author being applied (added and removed around each apply); captureTimeout 0 keeps
    // every client transaction its own stack item, so one undo() reverts exactly that transaction.
    this.#undo = new Y.UndoManager(scope, { trackedOrigins: new Set(), captureTimeout: 0 })
    doc.on('afterTransaction', this.#inspect)
  }

  /**
   * Applies `update` with `author` as the transaction origin; reverts it if a rule objects. `decoded` is the same
   * update as decodeAndCheckUpdate (checkUpdate.ts) already read it, so it is not decoded twice.
   */
  apply(
    update: Uint8Array,
    author: UpdateAuthor,
    decoded: DecodedUpdate = Y.decodeUpdate(update),
  ): GateOutcome {
    const undo = this.#undo
    if (undo === undefined) {
      Y.applyUpdate(this.#doc, update, author)
      return { reverted: false }
    }
    const couldReferToRestored = this.#hasReverted
    const written: Written = {
      sets: [],
      keys: new Map(),
      withdrawn: this.#withdrawn,
      passedOn: this.#passedOn,
    }
    this.#written = written
    let outcome: GateOutcome
    try {
      outcome = this.#judged(undo, author, () => Y.applyUpdate(this.#doc, update, author))
    } finally {
      this.#written = null
    }
    if (outcome.reverted || !couldReferToRestored) return outcome
    const late = [...written.sets, ...lateDeletes(decoded, this.#doc.store, written)]
    if (late.length === 0) return outcome
    // Edits made to content before their author's client heard that a revert had restored it, passed on to the
    // restored content and judged like any edit of theirs (see lateWrites.ts). The server writes them, so the
    // origin is not the author's connection: the author must be sent them like everyone else.
    const onBehalf: UpdateAuthor = { identity: author.identity }
    const passed = this.#judged(undo, onBehalf, () =>
      this.#doc.transact(() => {
        for (const write of late) {
          if (write.kind === 'delete') write.target.delete(write.key)
          else if (write.target.get(write.key) !== write.value) write.target.set(write.key, write.value)
        }
      }, onBehalf),
    )
    // The author's client still holds its own item as the key's value until it hears of this: a delete of that
    // item it sends meanwhile must reach the item that carries the value now (see lateDeletes).
    for (const write of late) {
      const carrier = write.kind === 'set' ? write.target._map.get(write.key) : undefined
      if (write.kind === 'set' && carrier !== undefined) this.#passedOn.set(write.replaces, carrier)
    }
    return passed
  }

  destroy(): void {
    this.#doc.off('afterTransaction', this.#inspect)
    this.#undo?.destroy()
  }

  /** Runs `write` (transactions with `author` as origin) and reverts what it did if a rule objects. */
  #judged(undo: Y.UndoManager, author: UpdateAuthor, write: () => void): GateOutcome {
    this.#author = author
    this.#verdict = { allowed: true }
    undo.trackedOrigins.add(author)
    try {
      write()
    } finally {
      undo.trackedOrigins.delete(author)
      this.#author = null
    }
    const verdict = this.#takeVerdict()
    if (!verdict.allowed) {
      const refused = undo.undoStack[undo.undoStack.length - 1]
      undo.undo()
      if (refused !== undefined) recordWithdrawn(refused.insertions, this.#doc.store, this.#withdrawn)
      this.#hasReverted = true
    }
    // The gate keeps no history: the next update is judged on its own.
    undo.clear()
    return verdict.allowed
      ? { reverted: false }
      : { reverted: true, rule: verdict.rule, message: verdict.message }
  }

  /** Read through a method: TypeScript would otherwise keep the narrowing from the reset in `#judged`. */
  #takeVerdict(): Verdict {
    return this.#verdict
  }

  readonly #inspect = (transaction: Y.Transaction): void => {
    const rules = this.#rules
    if (rules === undefined) return
    const author = this.#author
    if (author !== null && transaction.origin === author) {
      const verdict = rules.inspect(transaction, author)
      if (!verdict.allowed && this.#verdict.allowed) this.#verdict = verdict
      if (this.#written !== null) lateSets(transaction, this.#written)
    }
    rules.observe?.(transaction)
  }
}
