/** More refused edits than this within WINDOW_MS close the connection with TooManyRefusals. */
export const MAX_REFUSALS = 50
export const REFUSAL_WINDOW_MS = 60_000

/**
 * Counts one connection's refused edits over a sliding minute. A person who drags a note into a locked section
 * now and then is refused a few times; a client that keeps at it is a modified one, and is closed.
 */
export class RefusalWindow {
  readonly #times: number[] = []
  readonly #max: number
  readonly #windowMs: number

  constructor(max = MAX_REFUSALS, windowMs = REFUSAL_WINDOW_MS) {
    this.#max = max
    this.#windowMs = windowMs
  }

  /** Records a refusal at `now`; true once there have been more than the bound within the window. */
  record(now: number = Date.now()): boolean {
    this.#times.push(now)
    while (this.#times.length > 0 && (this.#times[0] ?? now) <= now - this.#windowMs) this.#times.shift()
    return this.#times.length > this.#max
  }
}
