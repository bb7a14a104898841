/**
 * A token bucket: `burst` tokens at most, refilled at `perSecond`. Taking never goes below zero, so a sender that
 * is refused is not further in debt for having asked; it waits `wait()` and asks again.
 */
export class TokenBucket {
  readonly #perSecond: number
  readonly #burst: number
  #tokens: number
  #updatedAt: number

  constructor(perSecond: number, burst: number, now: number = Date.now()) {
    this.#perSecond = perSecond
    this.#burst = burst
    this.#tokens = burst
    this.#updatedAt = now
  }

  /** Milliseconds until `cost` tokens are there (0: now). A cost above the burst waits for a full bucket. */
  wait(cost: number, now: number = Date.now()): number {
    this.#refill(now)
    const needed = Math.min(cost, this.#burst) - this.#tokens
    return needed <= 0 ? 0 : Math.ceil((needed / this.#perSecond) * 1000)
  }

  /** Takes `cost` tokens; call only after `wait` said 0. A cost above the burst empties the bucket. */
  take(cost: number, now: number = Date.now()): void {
    this.#refill(now)
    this.#tokens = Math.max(0, this.#tokens - cost)
  }

  #refill(now: number): void {
    const elapsed = Math.max(0, now - this.#updatedAt)
    this.#updatedAt = now
    this.#tokens = Math.min(this.#burst, this.#tokens + (elapsed * this.#perSecond) / 1000)
  }
}
