import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import type { RoomLogger } from '../rooms/SocketLike.ts'
import { decodeClusterMessage, encodeClusterMessage } from './clusterMessages.ts'
import type { ClusterMessage } from './clusterMessages.ts'

/** A message waiting for this turn's publishes, and the senders waiting to learn how many instances heard it. */
interface Outgoing {
  readonly channel: string
  message: ClusterMessage
  readonly heard: Array<{ resolve: (count: number) => void; reject: (error: unknown) => void }>
}

export interface RedisLinkOptions {
  url: string
  /** Put before every key and channel, so several deployments (or tests) share one Redis. */
  prefix: string
  logger: RoomLogger
  /** Every message sent to this instance, or to all of them, in the order Redis delivered it. */
  onMessage: (message: ClusterMessage) => void
  /** The subscription dropped: whatever was sent to this instance meanwhile is lost (pub/sub keeps nothing). */
  onDown: () => void
}

/**
 * This instance's two connections to Redis: one for commands and publishing, one subscribed to this instance's
 * channel and to the channel every instance hears. Pub/sub delivers each connection's messages in order and
 * drops them only while a subscriber is away, which `onDown` reports (decision 0047).
 */
export class RedisLink {
  /** Random per process: a restarted instance is a new one, and nothing meant for the old one reaches it. */
  readonly instanceId = randomBytes(6).toString('base64url')
  readonly commands: Redis
  readonly #subscriber: Redis
  readonly #prefix: string
  /** This turn's messages, in the order sent; published together at the end of the turn (#flush). */
  #outbox: Outgoing[] = []
  #closing = false

  private constructor(options: RedisLinkOptions) {
    this.#prefix = options.prefix
    // Commands wait for a reconnect rather than fail at once; a lease renewal that waits too long lapses anyway.
    // Auto-pipelining: what one turn publishes goes out as one write, in the order it was sent — the order
    // pub/sub then delivers.
    this.commands = new Redis(options.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 2,
      enableAutoPipelining: true,
    })
    this.#subscriber = new Redis(options.url, { lazyConnect: true })
    for (const [name, client] of [
      ['commands', this.commands],
      ['subscriber', this.#subscriber],
    ] as const) {
      client.on('error', (error: unknown) => {
        if (!this.#closing) options.logger.warn({ redis: name, err: error }, 'redis connection error')
      })
    }
    this.#subscriber.on('messageBuffer', (_channel: Buffer, message: Buffer) => {
      let decoded: ClusterMessage
      try {
        decoded = decodeClusterMessage(message)
      } catch (error) {
        options.logger.error({ err: error }, 'dropped an unreadable message from another instance')
        return
      }
      options.onMessage(decoded)
    })
    this.#subscriber.on('close', () => {
      if (!this.#closing) options.onDown()
    })
  }

  /** Connects both and subscribes; resolves once messages for this instance are being received. */
  static async open(options: RedisLinkOptions): Promise<RedisLink> {
    const link = new RedisLink(options)
    try {
      await Promise.all([link.commands.connect(), link.#subscriber.connect()])
      await link.#subscriber.subscribe(link.channelOf(link.instanceId), link.#everyone)
    } catch (error) {
      link.#closing = true
      link.commands.disconnect()
      link.#subscriber.disconnect()
      throw error
    }
    return link
  }

  /** A key of ours: the prefix, then `name`. */
  key(name: string): string {
    return this.#prefix + name
  }

  channelOf(instanceId: string): string {
    return this.key(`instance:${instanceId}`)
  }

  get #everyone(): string {
    return this.key('everyone')
  }

  /**
   * Sends `message` to instance `to`; resolves with whether an instance was subscribed to hear it (false: that
   * instance is gone, or its subscription is down).
   */
  async send(to: string, message: ClusterMessage): Promise<boolean> {
    return (await this.#publish(this.channelOf(to), message)) > 0
  }

  /** Sends `message` to every instance (this one hears it too); resolves with how many instances heard it. */
  sendToAll(message: ClusterMessage): Promise<number> {
    return this.#publish(this.#everyone, message)
  }

  /**
   * Queues `message` behind everything sent before it this turn. A frame the room broadcasts goes to each of its
   * clients in turn, the same bytes each time: those bound for one instance, one after another, become one
   * `frames` message, so a broadcast crosses Redis once per instance rather than once per client. Only
   * neighbours merge, so every client's messages keep their order.
   */
  #publish(channel: string, message: ClusterMessage): Promise<number> {
    return new Promise((resolve, reject) => {
      const last = this.#outbox.at(-1)
      const merged =
        last !== undefined && last.channel === channel ? withSameFrame(last.message, message) : null
      if (last !== undefined && merged !== null) {
        last.message = merged
        last.heard.push({ resolve, reject })
        return
      }
      if (this.#outbox.length === 0) queueMicrotask(() => this.#flush())
      this.#outbox.push({ channel, message, heard: [{ resolve, reject }] })
    })
  }

  /** Publishes the turn's messages in order (ioredis pipelines them into one write). */
  #flush(): void {
    const outbox = this.#outbox
    this.#outbox = []
    for (const { channel, message, heard } of outbox) {
      this.commands.publish(channel, Buffer.from(encodeClusterMessage(message))).then(
        (count) => heard.forEach((sender) => sender.resolve(count)),
        (error: unknown) => heard.forEach((sender) => sender.reject(error)),
      )
    }
  }

  async close(): Promise<void> {
    this.#closing = true
    await Promise.allSettled([this.#subscriber.quit(), this.commands.quit()])
  }
}

/** `next` folded into `last` when both carry the very same frame bytes for clients of one instance; else null. */
function withSameFrame(last: ClusterMessage, next: ClusterMessage): ClusterMessage | null {
  if (next.kind !== 'frame') return null
  if (last.kind === 'frame' && last.frame === next.frame)
    return { kind: 'frames', from: last.from, relays: [last.relay, next.relay], frame: last.frame }
  if (last.kind === 'frames' && last.frame === next.frame) {
    last.relays.push(next.relay)
    return last
  }
  return null
}
