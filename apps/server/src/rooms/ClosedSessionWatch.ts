// Whether a closed session lasts in a shared document (decision 0033), as the room needs to know it: the family's
// and observers' connections hear nobody's presence meanwhile (AwarenessRelay.holdBack). The watch reads
// `meta.closedSessions` as stored — after the gate has reverted whatever it refused — so a forged start written by
// someone who may not start one never holds anything back.
import type * as Y from 'yjs'
import { currentClosedSession, observeConference, readConference } from '@mapboard/map-model'

export interface ClosedSessionWatchOptions {
  /** A closed session has begun (or was already lasting when the room loaded). */
  onStart(): void
  /** The closed session has ended. */
  onEnd(): void
}

export class ClosedSessionWatch {
  readonly #doc: Y.Doc
  readonly #options: ClosedSessionWatchOptions
  readonly #unobserve: () => void
  /** The conference changed since the last check; most updates are notes and leave it alone. */
  #changed = false
  #lasting = false

  constructor(doc: Y.Doc, options: ClosedSessionWatchOptions) {
    this.#doc = doc
    this.#options = options
    this.#unobserve = observeConference(doc, () => {
      this.#changed = true
    })
    this.#changed = true
    this.check()
  }

  get lasting(): boolean {
    return this.#lasting
  }

  /** Called once what was applied is stored: starts or ends the hold if the closed session did. */
  check(): void {
    if (!this.#changed) return
    this.#changed = false
    const lasting = currentClosedSession(readConference(this.#doc).closedSessions) !== null
    if (lasting === this.#lasting) return
    this.#lasting = lasting
    if (lasting) this.#options.onStart()
    else this.#options.onEnd()
  }

  destroy(): void {
    this.#unobserve()
  }
}
