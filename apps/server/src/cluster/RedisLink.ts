import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import type { RoomLogger } from '../rooms/SocketLike.ts'
import { decodeClusterMessage, encodeClusterMessage } from './clusterMessages.ts'
import type { ClusterMessage } from './clusterMessages.ts'

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
  #closing = false

  private constructor(options: RedisLinkOptions) {
    this.#prefix = options.prefix
    // Commands wait for a reconnect rather than fail at once; a lease renewal that waits too long lapses anyway.
    this.commands = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 2 })
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
    const received = await this.commands.publish(
      this.channelOf(to),
      Buffer.from(encodeClusterMessage(message)),
    )
    return received > 0
  }

  /** Sends `message` to every instance (this one hears it too); resolves with how many instances heard it. */
  async sendToAll(message: ClusterMessage): Promise<number> {
    return this.commands.publish(this.#everyone, Buffer.from(encodeClusterMessage(message)))
  }

  async close(): Promise<void> {
    this.#closing = true
    await Promise.allSettled([this.#subscriber.quit(), this.commands.quit()])
  }
}
