// The HTTP limits counted by every instance together (decision 0049). Each instance counting alone would let N
// instances allow N times a limit; in Redis, one key per limit and key holds the count of a fixed window.
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit'
import type { Redis } from 'ioredis'
import type { RoomLogger } from '../rooms/SocketLike.ts'

/**
 * One round trip: counts the request and, for the first of a window, starts the window. A key that lost its
 * expiry somehow gets it back rather than counting for ever.
 */
const COUNT_SCRIPT = `local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return {current, ttl}`

/** How long a count may wait on Redis before this instance decides with its own count instead. */
export const DEFAULT_COUNT_TIMEOUT_MS = 500
/** While Redis is failing, it is asked again at most this often; meanwhile requests are decided at once, here. */
const RETRY_MS = 1000
/** Keys the local count remembers; past that the oldest window is forgotten. */
const LOCAL_KEYS = 10_000

export interface WindowCount {
  /** Requests in the window so far, this one included. */
  current: number
  /** Milliseconds until the window ends. */
  ttl: number
}

export interface SharedRateCountsOptions {
  redis: Redis
  /** Put before every key (the cluster's prefix). */
  prefix: string
  logger: RoomLogger
  timeoutMs?: number
}

/** Fixed windows in this process's memory: what an instance decides by while Redis does not answer. */
class LocalWindows {
  readonly #windows = new Map<string, { current: number; endsAt: number }>()

  count(key: string, windowMs: number, now: number): WindowCount {
    let window = this.#windows.get(key)
    if (window === undefined || window.endsAt <= now) window = { current: 0, endsAt: now + windowMs }
    window.current++
    // Re-inserted, so the map's order is by last use and the first key is the one to forget.
    this.#windows.delete(key)
    this.#windows.set(key, window)
    if (this.#windows.size > LOCAL_KEYS) {
      const oldest = this.#windows.keys().next().value
      if (oldest !== undefined) this.#windows.delete(oldest)
    }
    return { current: window.current, ttl: window.endsAt - now }
  }
}

/**
 * Counts in Redis, under the cluster's prefix, and in this process too. When Redis fails or is slow, the request
 * is decided by this instance's own count (Redis is asked again once a second meanwhile), logged once until Redis
 * answers again: a Redis outage neither lets everyone in nor locks everyone out, it only makes the limits per
 * instance for its duration.
 */
export class SharedRateCounts {
  readonly #redis: Redis
  readonly #prefix: string
  readonly #logger: RoomLogger
  readonly #timeoutMs: number
  readonly #local = new LocalWindows()
  #failing = false
  #lastTriedAt = 0

  constructor(options: SharedRateCountsOptions) {
    this.#redis = options.redis
    this.#prefix = options.prefix
    this.#logger = options.logger
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_COUNT_TIMEOUT_MS
  }

  /** Counts one request under `key` in a window of `windowMs`. Never rejects. */
  async count(key: string, windowMs: number, now: number = Date.now()): Promise<WindowCount> {
    const local = this.#local.count(key, windowMs, now)
    // An outage does not make every request wait out the timeout: one asks Redis now and then, the rest go on.
    if (this.#failing && now - this.#lastTriedAt < RETRY_MS) return local
    this.#lastTriedAt = now
    let timer: NodeJS.Timeout | undefined
    try {
      const shared = await Promise.race([
        this.#redis.eval(COUNT_SCRIPT, 1, this.#prefix + key, String(windowMs)),
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error('redis did not answer in time')), this.#timeoutMs)
        }),
      ])
      const [current, ttl] = shared as [number, number]
      if (this.#failing) {
        this.#failing = false
        this.#logger.info({}, 'HTTP limits are counted in Redis again')
      }
      return { current, ttl }
    } catch (error) {
      if (!this.#failing) {
        this.#failing = true
        this.#logger.warn({ err: error }, 'HTTP limits fall back to this instance’s own count')
      }
      return local
    } finally {
      clearTimeout(timer)
    }
  }

  /** A store for @fastify/rate-limit that counts here. */
  store(): FastifyRateLimitStoreCtor {
    const count = (key: string, windowMs: number) => this.count(key, windowMs)
    class SharedStore implements FastifyRateLimitStore {
      incr(
        key: string,
        callback: (error: Error | null, result?: WindowCount) => void,
        timeWindow: number,
      ): void {
        void count(key, timeWindow).then((result) => callback(null, result))
      }

      child(): FastifyRateLimitStore {
        return this
      }
    }
    return SharedStore
  }
}
