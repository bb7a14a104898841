import type { SocketLike } from '../rooms/SocketLike.ts'
import { TERMINATED } from './clusterMessages.ts'
import type { RelayId } from './clusterMessages.ts'
import type { RedisLink } from './RedisLink.ts'

/**
 * On the authority, the socket of a client connected to another instance: what the room sends this connection
 * is published to that instance, which writes it to the client's websocket unchanged. The room decides per
 * connection what it sends (audiences, refusals, scaling), so a relayed client gets exactly what it would get
 * connected here. Liveness of the client's websocket is the forwarding instance's to watch (it pings it); here a
 * ping is answered at once, and the connection ends when that instance is gone (`onGone`).
 */
export class RelayedSocket implements SocketLike {
  readonly #link: RedisLink
  readonly #to: string
  readonly #relay: RelayId
  /** Set by the owner once the connection exists: the forwarding instance no longer hears us, or it answered a ping. */
  onGone: () => void = () => {}
  onPong: () => void = () => {}

  constructor(link: RedisLink, to: string, relay: RelayId) {
    this.#link = link
    this.#to = to
    this.#relay = relay
  }

  send(data: Uint8Array): void {
    this.#publish({ kind: 'frame', from: this.#link.instanceId, relay: this.#relay, frame: data })
  }

  close(code: number, reason: string): void {
    this.#publish({ kind: 'close', from: this.#link.instanceId, relay: this.#relay, code, reason })
  }

  terminate(): void {
    this.close(TERMINATED, '')
  }

  ping(): void {
    queueMicrotask(() => this.onPong())
  }

  // Backpressure is the forwarding instance's: it stops reading the client's websocket itself.
  pause(): void {}
  resume(): void {}

  #publish(message: Parameters<RedisLink['send']>[1]): void {
    this.#link.send(this.#to, message).then(
      (heard) => {
        if (!heard) this.onGone()
      },
      () => this.onGone(),
    )
  }
}
