import { performance } from 'node:perf_hooks'
import type { RoomLogger } from '../rooms/SocketLike.ts'
import type { Fence } from '../storage/Fence.ts'
import type { RedisLink } from './RedisLink.ts'

/** How long a lease lasts without renewal: an authority that dies is replaced about this long after. */
export const DEFAULT_LEASE_MS = 3000

/** Extends the lease if it is still ours (same value), atomically; 1 if it was. */
const RENEW_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`
/** Deletes the lease if it is still ours. */
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`

interface HeldLease {
  /** `<instance id>:<fencing token>`, as stored under the lease key. */
  value: string
  token: number
  /**
   * Until when (performance.now()) this instance may act as the authority: the time the last successful
   * acquire or renewal was *sent*, plus the lease's length, less a margin for clock-rate drift. Redis expires the
   * lease no sooner than that after it received the command, so nobody else holds it before this moment passes.
   */
  validUntil: number
}

/** The instance whose lease value (`<instance id>:<fencing token>`) this is. */
export function leaseInstance(value: string): string {
  return value.slice(0, value.lastIndexOf(':'))
}

/** The holder of a room's lease, as another instance reads it. */
export interface LeaseHolder {
  instanceId: string
  /** The stored value; a forwarder compares it later to notice that the authority changed. */
  value: string
}

export interface RoomLeasesOptions {
  link: RedisLink
  logger: RoomLogger
  leaseMs?: number
  /** This instance lost the lease of `room` (not renewed in time, or taken): it must stop serving the room. */
  onLost: (room: string) => void
}

/**
 * The leases this instance holds: one per room it is the authority of (decision 0047). A lease is a Redis key
 * set with NX and PX holding this instance's id and a fencing token from INCR, renewed every third of its length.
 * A renewal that fails, or that does not come back before the lease would lapse, loses it: the room is evicted.
 */
export class RoomLeases {
  readonly #link: RedisLink
  readonly #logger: RoomLogger
  readonly #leaseMs: number
  readonly #onLost: (room: string) => void
  readonly #held = new Map<string, HeldLease>()
  /** Claims under way, so concurrent clients of one room ask Redis once. */
  readonly #claiming = new Map<string, Promise<boolean>>()
  readonly #timer: NodeJS.Timeout
  #renewing = false
  #closed = false

  constructor(options: RoomLeasesOptions) {
    this.#link = options.link
    this.#logger = options.logger
    this.#leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS
    this.#onLost = options.onLost
    this.#timer = setInterval(() => void this.#renewAll(), Math.max(1, Math.floor(this.#leaseMs / 3)))
    this.#timer.unref()
  }

  get leaseMs(): number {
    return this.#leaseMs
  }

  /**
   * True while this instance holds room `room`'s lease and it cannot have lapsed: the check before every write
   * of the room's document (FencedRoomStore).
   */
  holds(room: string): boolean {
    const lease = this.#held.get(room)
    return lease !== undefined && performance.now() < lease.validUntil
  }

  /**
   * The fence of this instance's writes to `room` (the lease's token) while it holds the lease and it cannot have
   * lapsed; undefined otherwise.
   */
  fenceOf(room: string): Fence | undefined {
    const lease = this.#held.get(room)
    return lease !== undefined && performance.now() < lease.validUntil ? { token: lease.token } : undefined
  }

  /**
   * A write of `room` was refused: the lease had lapsed here (no `token`), or the store holds a newer authority's
   * token than `token`. The lease is lost now, and so the room evicted, unless a newer one was taken since.
   */
  surrender(room: string, token?: number): void {
    const lease = this.#held.get(room)
    if (lease === undefined) return
    if (token === undefined ? performance.now() >= lease.validUntil : lease.token <= token)
      this.#lose(room, lease)
  }

  /** Resolves true once this instance holds the lease of `room` (it did already, or has just taken it). */
  claim(room: string): Promise<boolean> {
    if (this.holds(room)) return Promise.resolve(true)
    const pending = this.#claiming.get(room)
    if (pending !== undefined) return pending
    const claiming = this.#acquire(room).finally(() => this.#claiming.delete(room))
    this.#claiming.set(room, claiming)
    return claiming
  }

  async #acquire(room: string): Promise<boolean> {
    if (this.#closed) return false
    const commands = this.#link.commands
    const token = await commands.incr(this.#link.key(`fence:${room}`))
    const value = `${this.#link.instanceId}:${token}`
    const sentAt = performance.now()
    const set = await commands.set(this.#leaseKey(room), value, 'PX', this.#leaseMs, 'NX')
    if (set !== 'OK') return false
    this.#held.set(room, { value, token, validUntil: this.#validFrom(sentAt) })
    this.#logger.info({ mapId: room, token }, 'took the lease of a room')
    return true
  }

  /** Who holds `room`'s lease now, if anyone. */
  async holder(room: string): Promise<LeaseHolder | null> {
    const value = await this.#link.commands.get(this.#leaseKey(room))
    return value === null ? null : { instanceId: leaseInstance(value), value }
  }

  /** The current value of each room's lease key (null: nobody holds it), in one round trip. */
  async holders(rooms: readonly string[]): Promise<Array<string | null>> {
    if (rooms.length === 0) return []
    return this.#link.commands.mget(rooms.map((room) => this.#leaseKey(room)))
  }

  /** Gives the lease of `room` up, if this instance still holds it, so the next instance need not wait it out. */
  release(room: string): void {
    const lease = this.#held.get(room)
    if (lease === undefined) return
    this.#held.delete(room)
    this.#link.commands.eval(RELEASE_SCRIPT, 1, this.#leaseKey(room), lease.value).then(
      () => this.#logger.info({ mapId: room, token: lease.token }, 'released the lease of a room'),
      (error: unknown) => this.#logger.warn({ mapId: room, err: error }, 'could not release a lease'),
    )
  }

  /** Stops renewing; the leases still held are released by the registry as it unloads their rooms. */
  close(): void {
    this.#closed = true
    clearInterval(this.#timer)
  }

  async #renewAll(): Promise<void> {
    if (this.#closed) return
    // A renewal still waiting on Redis does not keep a lease past its time.
    for (const [room, lease] of this.#held) if (performance.now() >= lease.validUntil) this.#lose(room, lease)
    if (this.#renewing) return
    this.#renewing = true
    try {
      await Promise.all([...this.#held].map(([room, lease]) => this.#renew(room, lease)))
    } finally {
      this.#renewing = false
    }
  }

  async #renew(room: string, lease: HeldLease): Promise<void> {
    const sentAt = performance.now()
    let renewed: boolean
    try {
      const answer = await this.#link.commands.eval(
        RENEW_SCRIPT,
        1,
        this.#leaseKey(room),
        lease.value,
        String(this.#leaseMs),
      )
      renewed = answer === 1
    } catch (error) {
      this.#logger.warn({ mapId: room, err: error }, 'could not renew a lease')
      // Unreachable Redis: the lease is kept while it cannot have lapsed, and lost after.
      renewed = false
      if (performance.now() < lease.validUntil) return
    }
    if (this.#held.get(room) !== lease) return
    if (renewed) {
      lease.validUntil = this.#validFrom(sentAt)
      return
    }
    this.#lose(room, lease)
  }

  #lose(room: string, lease: HeldLease): void {
    if (this.#held.get(room) !== lease) return
    this.#held.delete(room)
    this.#logger.warn({ mapId: room, token: lease.token }, 'lost the lease of a room')
    this.#onLost(room)
  }

  #validFrom(sentAt: number): number {
    // A tenth of the lease covers clocks that run at different rates on two machines, and more.
    return sentAt + this.#leaseMs * 0.9
  }

  #leaseKey(room: string): string {
    return this.#link.key(`lease:${room}`)
  }
}
