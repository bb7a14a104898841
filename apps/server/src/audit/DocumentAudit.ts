// The audit trail of one room's document: what each turn changed, as entries for the store to chain. It keeps what
// the trail says about every note and value as it was before (the document only holds the after), and after each
// of its turns compares the touched ones: an author's update once the gate has judged it — so a refused change,
// which the gate has reverted by then, comes out as one "refused" entry with the rule and nothing else — and the
// server's own writes as they happen. Who did it comes from the verified token, never from the update.
import * as Y from 'yjs'
import { MAP_CLOSURE_KEY } from '@mapboard/map-model'
import type { AuditActor, DocumentAudience } from '@mapboard/protocol'
import type { AuditDraft } from '../storage/AuditStore.ts'
import { describeNote, describePresence, describeValue, noteFacts } from './describeChanges.ts'
import type { ChangeEntry, NoteFacts, ValueRoot } from './describeChanges.ts'

const VALUE_ROOTS: readonly ValueRoot[] = [
  'meta',
  'locks',
  'dangers',
  'goals',
  'familyViews',
  'nextSteps',
  'scaling',
  'attendance',
]

/**
 * `meta` keys the server copies into the professionals' document from the map's own state (the closure): the
 * shared document's entry says it once, for both.
 */
const MIRRORED_META: ReadonlySet<string> = new Set([MAP_CLOSURE_KEY])

/** The section a refused change to a value root was about. */
const ROOT_SECTIONS: Partial<Record<ValueRoot, string>> = {
  dangers: 'future-danger',
  goals: 'safety-goals',
  familyViews: 'future-danger',
  nextSteps: 'next-steps',
}

export interface DocumentAuditOptions {
  /** Which of the map's documents this is: the entries' audience. */
  audience: DocumentAudience
  /** The server's clock, ms since the epoch. */
  now: () => number
  /** Entries of one turn, in order, to be stored with that turn's updates. */
  record: (drafts: AuditDraft[]) => void
}

/** What the outcome of an author's update says, as far as the trail is concerned (the gate's GateOutcome). */
export type JudgedOutcome = { reverted: false } | { reverted: true; rule: string; message: string }

interface Touched {
  notes: Set<string>
  values: Map<ValueRoot, Set<string>>
}

const emptyTouched = (): Touched => ({ notes: new Set(), values: new Map() })

export class DocumentAudit {
  readonly #doc: Y.Doc
  readonly #options: DocumentAuditOptions
  readonly #notesRoot: Y.Map<unknown>
  readonly #roots: ReadonlyMap<unknown, ValueRoot>
  /** Each note as the trail last described it. */
  readonly #notes = new Map<string, NoteFacts>()
  /** Each value as the trail last described it, as JSON (an identical rewrite is no change). */
  readonly #values = new Map<ValueRoot, Map<string, string>>()
  #touched: Touched = emptyTouched()
  /** An author's update is being applied: its turn is described once the gate has judged it. */
  #judging = false
  /** Who the server's own write being made is for (a scaling round the chair opened), if anyone. */
  #onBehalfOf: AuditActor | null = null

  constructor(doc: Y.Doc, options: DocumentAuditOptions) {
    this.#doc = doc
    this.#options = options
    this.#notesRoot = doc.getMap('notes')
    this.#roots = new Map(VALUE_ROOTS.map((name) => [doc.getMap(name), name]))
    this.#notesRoot.forEach((value, id) => {
      if (value instanceof Y.Map) this.#notes.set(id, noteFacts(value as Y.Map<unknown>))
    })
    for (const root of VALUE_ROOTS) {
      const values = new Map<string, string>()
      doc.getMap(root).forEach((value, key) => values.set(key, JSON.stringify(value)))
      this.#values.set(root, values)
    }
    doc.on('afterTransaction', this.#collect)
  }

  /** Applies an author's update through `apply` (the gate) and records what it did, or that it was refused. */
  judge<T extends JudgedOutcome>(actor: AuditActor, apply: () => T): T {
    this.#judging = true
    let outcome: T
    try {
      outcome = apply()
    } finally {
      this.#judging = false
    }
    const touched = this.#take()
    const entries = this.#describe(touched, actor)
    if (outcome.reverted) entries.push(this.#draft(actor, refusal(touched, outcome, this.#notes)))
    this.#emit(entries)
    return outcome
  }

  /** Runs the server's own write `write` on behalf of `actor`: its entries name them. */
  onBehalfOf<T>(actor: AuditActor | null, write: () => T): T {
    const previous = this.#onBehalfOf
    this.#onBehalfOf = actor
    try {
      return write()
    } finally {
      this.#onBehalfOf = previous
    }
  }

  destroy(): void {
    this.#doc.off('afterTransaction', this.#collect)
  }

  readonly #collect = (transaction: Y.Transaction): void => {
    const touched = this.#touched
    for (const [changedType, keys] of transaction.changed) {
      const type: { _item: Y.Item | null } = changedType
      if (type === (this.#notesRoot as unknown)) {
        for (const key of keys) if (key !== null) touched.notes.add(key)
        continue
      }
      const root = this.#roots.get(type)
      if (root !== undefined) {
        let set = touched.values.get(root)
        if (set === undefined) touched.values.set(root, (set = new Set()))
        for (const key of keys) if (key !== null) set.add(key)
        continue
      }
      const item = type._item
      if (item !== null && item.parent === this.#notesRoot && typeof item.parentSub === 'string')
        touched.notes.add(item.parentSub)
    }
    if (this.#judging) return
    this.#emit(this.#describe(this.#take(), this.#onBehalfOf))
  }

  #take(): Touched {
    const touched = this.#touched
    this.#touched = emptyTouched()
    return touched
  }

  /** Compares what `touched` names with what the trail last said about it, and brings that up to date. */
  #describe(touched: Touched, actor: AuditActor | null): AuditDraft[] {
    const drafts: AuditDraft[] = []
    for (const id of touched.notes) {
      const value = this.#notesRoot.get(id)
      const after = value instanceof Y.Map ? noteFacts(value as Y.Map<unknown>) : undefined
      const before = this.#notes.get(id)
      if (after === undefined) this.#notes.delete(id)
      else this.#notes.set(id, after)
      for (const entry of describeNote(id, before, after)) drafts.push(this.#draft(actor, entry))
    }
    for (const [root, keys] of touched.values) {
      const values = this.#values.get(root)
      if (values === undefined) continue
      const map = this.#doc.getMap(root)
      for (const key of keys) {
        const json = map.has(key) ? JSON.stringify(map.get(key)) : undefined
        const beforeJson = values.get(key)
        if (json === beforeJson) continue
        if (json === undefined) values.delete(key)
        else values.set(key, json)
        const before: unknown = beforeJson === undefined ? undefined : JSON.parse(beforeJson)
        const after: unknown = json === undefined ? undefined : JSON.parse(json)
        if (root === 'meta' && this.#options.audience === 'professionals' && MIRRORED_META.has(key)) continue
        if (root === 'attendance') {
          const presence = describePresence(key, before, after)
          if (presence !== null) drafts.push(this.#draft(presence.actor, presence.entry))
          continue
        }
        for (const entry of describeValue(root, key, before, after)) drafts.push(this.#draft(actor, entry))
      }
    }
    return drafts
  }

  #draft(actor: AuditActor | null, entry: ChangeEntry): AuditDraft {
    return { at: this.#options.now(), actor, ...entry, audience: this.#options.audience }
  }

  #emit(drafts: AuditDraft[]): void {
    if (drafts.length > 0) this.#options.record(drafts)
  }
}

/** The refusal entry: the rule, what it said, and the first thing the update tried to change. */
function refusal(
  touched: Touched,
  outcome: { rule: string; message: string },
  notes: ReadonlyMap<string, NoteFacts>,
): ChangeEntry {
  const summary = `${outcome.rule}: ${outcome.message}`
  for (const id of touched.notes) {
    return { action: 'refused', target: id, section: notes.get(id)?.zone ?? null, summary }
  }
  for (const [root, keys] of touched.values) {
    for (const key of keys) {
      const section = root === 'locks' ? key : (ROOT_SECTIONS[root] ?? null)
      return { action: 'refused', target: `${root}/${key}`, section, summary }
    }
  }
  return { action: 'refused', target: '', section: null, summary }
}
