// Who sent which edit when, and who has seen it. Writers and observers live in the same load-generator process,
// so the ledger is shared memory, not a protocol.
import type * as Y from 'yjs'
import { readStamp } from './editStamp.ts'

export class EditLedger {
  /** Per writer, the intended send time of each visible edit; index = seq (from 1). */
  readonly #intended: number[][] = []
  #windowStart = Number.POSITIVE_INFINITY
  #windowEnd = Number.NEGATIVE_INFINITY

  addWriter(): number {
    this.#intended.push([Number.NaN])
    return this.#intended.length - 1
  }

  /** Records a visible edit; returns its sequence number. */
  record(writer: number, intendedMs: number): number {
    const edits = this.#writerEdits(writer)
    edits.push(intendedMs)
    return edits.length - 1
  }

  intended(writer: number, seq: number): number {
    return this.#writerEdits(writer)[seq] ?? Number.NaN
  }

  /** Only edits meant to be sent in [start, end) count. */
  setWindow(startMs: number, endMs: number): void {
    this.#windowStart = startMs
    this.#windowEnd = endMs
  }

  inWindow(intendedMs: number): boolean {
    return intendedMs >= this.#windowStart && intendedMs < this.#windowEnd
  }

  /** Visible edits of `writer` in the window. */
  editsInWindow(writer: number): number {
    return this.#writerEdits(writer).filter((t) => this.inWindow(t)).length
  }

  #writerEdits(writer: number): number[] {
    const edits = this.#intended[writer]
    if (edits === undefined) throw new Error(`unknown writer ${writer}`)
    return edits
  }
}

/** What the observers of one workload saw. */
export interface Observations {
  /** Edit-to-observe latency (ms) of every (edit in window, observer) pair that arrived. */
  latencies: number[]
  /** Notes aimed at a locked section that an observer saw (must stay 0: a revert hides them). */
  leaked: number
}

/**
 * Watches a client's notes for other writers' stamps. Yjs integrates one client's updates in order, so seeing edit
 * `s` of a writer means every earlier edit of that writer has arrived too (a text overwritten within one merged
 * update still counts as delivered, when the later one was).
 */
export function observeEdits(
  doc: Y.Doc,
  self: number | undefined,
  ledger: EditLedger,
  into: Observations,
): () => void {
  const lastSeen = new Map<number, number>()
  const notes = doc.getMap<unknown>('notes')
  const see = (text: unknown, now: number) => {
    const stamp = readStamp(text)
    if (stamp === undefined || stamp.writer === self) return
    if (stamp.seq < 0) {
      into.leaked++
      return
    }
    const last = lastSeen.get(stamp.writer) ?? 0
    if (stamp.seq <= last) return
    for (let seq = last + 1; seq <= stamp.seq; seq++) {
      const intended = ledger.intended(stamp.writer, seq)
      if (ledger.inWindow(intended)) into.latencies.push(now - intended)
    }
    lastSeen.set(stamp.writer, stamp.seq)
  }
  const onEvents = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
    const now = performance.now()
    for (const event of events) {
      if (event.target === notes) {
        for (const [key, change] of event.changes.keys) {
          if (change.action === 'delete') continue
          const note = notes.get(key) as Y.Map<unknown> | undefined
          see(note?.get('text'), now)
        }
      } else if (event.target.parent === notes && event.changes.keys.has('text')) {
        see((event.target as Y.Map<unknown>).get('text'), now)
      }
    }
  }
  notes.observeDeep(onEvents)
  return () => notes.unobserveDeep(onEvents)
}
