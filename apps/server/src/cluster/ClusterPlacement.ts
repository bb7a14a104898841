import { performance } from 'node:perf_hooks'
import { CloseCode, PING_EVERY_ROUNDS, closeCodeReason, roomNameOf } from '@mapboard/protocol'
import { Connection } from '../rooms/Connection.ts'
import type { IntakeLimits } from '../rooms/FrameBudget.ts'
import { RoomUnavailableError } from '../rooms/Room.ts'
import type { RoomOperations } from '../rooms/RoomOperations.ts'
import type { OperationAnswer, RoomPlacement } from '../rooms/RoomPlacement.ts'
import type { RoomRegistry } from '../rooms/RoomRegistry.ts'
import type { RoomLogger } from '../rooms/SocketLike.ts'
import { TERMINATED } from './clusterMessages.ts'
import type { ClusterMessage, RelayId, RequestId } from './clusterMessages.ts'
import { ForwardedEchoes } from './ForwardedEchoes.ts'
import type { RedisLink } from './RedisLink.ts'
import { RelayedSocket } from './RelayedSocket.ts'
import { leaseInstance } from './RoomLeases.ts'
import type { RoomLeases } from './RoomLeases.ts'

/** How long a forwarded client waits for the authority to take it before it is told to reconnect. */
const OPEN_TIMEOUT_MS = 3000
/** How long an erasure waits for every other instance to shut the map before it gives up (and erases nothing). */
const SHUT_TIMEOUT_MS = 10_000

type RunAnswer = OperationAnswer | { kind: 'unreachable' }

/** A room operation sent to the room's authority, waiting for its answer. */
interface PendingRun {
  readonly room: string
  /** The lease value when it was sent; once the key holds another, the authority it went to is gone. */
  readonly leaseValue: string
  readonly finish: (answer: RunAnswer) => void
}

/** A map being erased here, waiting for every instance that heard of it to have shut it. */
interface PendingShut {
  readonly acknowledged: Set<string>
  /** How many instances heard the request (Redis says, once it is sent). */
  heard: number | undefined
  readonly done: () => void
}

export interface ClusterPlacementOptions {
  link: RedisLink
  leases: RoomLeases
  logger: RoomLogger
  /** For the connections of clients relayed here (as the sync route gives its own). */
  intakeLimits: IntakeLimits
  keepaliveIntervalMs: number
}

/** On a forwarding instance: a client of ours whose room another instance serves. */
interface Forwarded {
  readonly connection: Connection
  readonly room: string
  readonly authority: string
  /** The lease value when the client was forwarded; once the key holds another, the authority has changed. */
  readonly leaseValue: string
  opened: boolean
  /** The authority closed it: no close needs to go back. */
  ended: boolean
  openTimer: NodeJS.Timeout | undefined
  /** Which of the client's awareness frames only repeat what it heard (charged bytes only, as on the authority). */
  readonly echoes: ForwardedEchoes
}

/** On the authority: a connection whose client is connected to instance `from`. */
interface Relayed {
  readonly connection: Connection
  readonly from: string
}

/**
 * Which instance serves each room, and the relay between them (decision 0047). A room is served where its lease
 * is held; a client that arrives elsewhere is forwarded. The forwarding instance keeps the client's websocket,
 * its budget and its pings, and passes its frames on untouched; the authority makes it a Connection like any
 * other, with a RelayedSocket, so the gate, the audiences and presence treat it exactly as a local client.
 *
 * Whatever breaks the relay — the authority gone (nobody hears our messages), its lease now another's, our
 * subscription down — ends the client's websocket with ServerShutdown: the client reconnects and its sync brings
 * back both ways whatever was in flight, as after any dropped connection.
 *
 * HTTP work on a room goes the same way as a request and its answer (`run`/`ran`, RoomOperations.ts): nobody
 * hearing it means the authority is gone and the caller tries again (claiming the room once the lease lapses);
 * an authority that took it and then lost its lease, or never answered by the deadline, makes it unreachable.
 * Erasing a map asks every instance to shut it (`shut-map`) and waits until all that heard have (`map-shut`).
 */
export class ClusterPlacement implements RoomPlacement {
  readonly #link: RedisLink
  readonly #leases: RoomLeases
  readonly #logger: RoomLogger
  readonly #options: ClusterPlacementOptions
  readonly #forwarded = new Map<RelayId, Forwarded>()
  readonly #relayed = new Map<RelayId, Relayed>()
  readonly #relayedConnections = new WeakSet<Connection>()
  readonly #runs = new Map<RequestId, PendingRun>()
  readonly #shuts = new Map<RequestId, PendingShut>()
  readonly #watch: NodeJS.Timeout
  readonly #keepalive: NodeJS.Timeout
  #registry: RoomRegistry | undefined
  #operations: RoomOperations | undefined
  #nextRelay = 1
  #nextRequest = 1
  #watching = false

  constructor(options: ClusterPlacementOptions) {
    this.#options = options
    this.#link = options.link
    this.#leases = options.leases
    this.#logger = options.logger
    this.#watch = setInterval(() => void this.#watchAuthorities(), Math.max(1, options.leases.leaseMs / 3))
    this.#watch.unref()
    let round = 0
    this.#keepalive = setInterval(() => {
      const now = Date.now()
      const ping = round++ % PING_EVERY_ROUNDS === 0
      for (const entry of this.#forwarded.values()) {
        entry.connection.keepalive(options.keepaliveIntervalMs, ping, now)
      }
    }, options.keepaliveIntervalMs)
    this.#keepalive.unref()
  }

  /**
   * The registry whose rooms this instance serves, and the room operations other instances may ask it to run; set
   * once, before any client or request arrives.
   */
  attach(registry: RoomRegistry, operations: RoomOperations): void {
    this.#registry = registry
    this.#operations = operations
  }

  claim(room: string): Promise<boolean> {
    return this.#leases.claim(room)
  }

  async forward(connection: Connection, room: string): Promise<void> {
    // A relayed client is never passed on again: it reconnects, and its forwarder finds the new authority.
    if (this.#relayedConnections.has(connection)) {
      connection.close(CloseCode.ServerShutdown)
      return
    }
    const holder = await this.#leases.holder(room)
    if (holder === null || holder.instanceId === this.#link.instanceId || connection.closed) {
      connection.close(CloseCode.ServerShutdown)
      return
    }
    const relay = `${this.#link.instanceId}/${this.#nextRelay++}`
    const entry: Forwarded = {
      connection,
      room,
      authority: holder.instanceId,
      leaseValue: holder.value,
      opened: false,
      ended: false,
      openTimer: undefined,
      echoes: new ForwardedEchoes(),
    }
    this.#forwarded.set(relay, entry)
    entry.openTimer = setTimeout(() => {
      if (!entry.opened) connection.close(CloseCode.ServerShutdown)
    }, OPEN_TIMEOUT_MS)
    connection.onClose(() => {
      clearTimeout(entry.openTimer)
      this.#forwarded.delete(relay)
      if (!entry.ended) this.#send(entry.authority, this.#close(relay, 1000, ''))
    })
    const { identity } = connection
    const heard = await this.#link.send(holder.instanceId, {
      kind: 'open',
      from: this.#link.instanceId,
      relay,
      room,
      identity,
    })
    if (!heard) connection.close(CloseCode.ServerShutdown)
  }

  released(room: string): void {
    this.#leases.release(room)
  }

  linkClosed(mapId: string, linkId: string, code: CloseCode): void {
    this.#link
      .sendToAll({ kind: 'close-link', from: this.#link.instanceId, mapId, linkId, code })
      .catch((error: unknown) =>
        this.#logger.error({ mapId, err: error }, 'could not tell other instances of a revoked link'),
      )
  }

  async runElsewhere(room: string, operation: string, input: string, deadline: number): Promise<RunAnswer> {
    const holder = await this.#leases.holder(room)
    if (holder === null || holder.instanceId === this.#link.instanceId) return { kind: 'elsewhere' }
    const request = this.#requestId()
    return new Promise<RunAnswer>((resolve) => {
      const finish = (answer: RunAnswer): void => {
        if (this.#runs.get(request) !== run) return
        this.#runs.delete(request)
        clearTimeout(timer)
        resolve(answer)
      }
      const run: PendingRun = { room, leaseValue: holder.value, finish }
      this.#runs.set(request, run)
      // The authority took it and went silent: the request ends by the deadline (#watchAuthorities may end it sooner).
      const timer = setTimeout(
        () => finish({ kind: 'unreachable' }),
        Math.max(0, deadline - performance.now()),
      )
      const message: ClusterMessage = {
        kind: 'run',
        from: this.#link.instanceId,
        request,
        room,
        operation,
        input,
      }
      this.#link.send(holder.instanceId, message).then(
        // Nobody heard it: the holder is gone, and its lease lapses soon.
        (heard) => {
          if (!heard) finish({ kind: 'elsewhere' })
        },
        (error: unknown) => {
          this.#logger.warn({ mapId: room, err: error }, 'could not send a room operation to its authority')
          finish({ kind: 'unreachable' })
        },
      )
    })
  }

  async mapShut(mapId: string, code: CloseCode): Promise<void> {
    const request = this.#requestId()
    let done = (): void => {}
    const allShut = new Promise<void>((resolve) => (done = resolve))
    const shut: PendingShut = { acknowledged: new Set(), heard: undefined, done }
    this.#shuts.set(request, shut)
    let timer: NodeJS.Timeout | undefined
    try {
      // Answers may come before Redis says how many heard it: they are counted as they come.
      shut.heard = await this.#link.sendToAll({
        kind: 'shut-map',
        from: this.#link.instanceId,
        request,
        mapId,
        code,
      })
      this.#checkShut(shut)
      const timedOut = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), SHUT_TIMEOUT_MS)
      })
      if (!(await Promise.race([allShut.then(() => true), timedOut]))) {
        throw new RoomUnavailableError('another instance did not shut the map in time')
      }
      // An instance that did not hear us (its subscription down) must not be serving the map either.
      const holders = await this.#leases.holders([mapId, roomNameOf(mapId, 'professionals')])
      for (const value of holders) {
        if (value !== null && !shut.acknowledged.has(leaseInstance(value))) {
          throw new RoomUnavailableError('an instance that did not shut the map serves it')
        }
      }
    } finally {
      clearTimeout(timer)
      this.#shuts.delete(request)
    }
  }

  mapReopened(mapId: string): void {
    this.#link
      .sendToAll({ kind: 'reopen-map', from: this.#link.instanceId, mapId })
      .catch((error: unknown) =>
        this.#logger.error({ mapId, err: error }, 'could not tell other instances a map is open again'),
      )
  }

  /** Everything Redis delivers to this instance. */
  readonly receive = (message: ClusterMessage): void => {
    switch (message.kind) {
      case 'open':
        this.#open(message.from, message.relay, message.room, message.identity).catch((error: unknown) => {
          this.#logger.error({ mapId: message.room, err: error }, 'could not take a relayed client')
          this.#send(message.from, this.#close(message.relay, CloseCode.ServerShutdown))
        })
        return
      case 'opened':
        this.#opened(message.relay)
        return
      case 'frame':
        this.#frame(message.from, message.relay, message.frame)
        return
      case 'close':
        this.#closed(message.relay, message.code, message.reason)
        return
      case 'close-link':
        if (message.from !== this.#link.instanceId) {
          this.#registry?.closeLinkHere(message.mapId, message.linkId, message.code as CloseCode)
        }
        return
      case 'run':
        this.#run(message.from, message.request, message.room, message.operation, message.input)
        return
      case 'ran':
        this.#runs.get(message.request)?.finish(message.answer)
        return
      case 'shut-map':
        this.#shutHere(message.from, message.request, message.mapId, message.code as CloseCode)
        return
      case 'map-shut':
        this.#acknowledge(message.request, message.from)
        return
      case 'reopen-map':
        if (message.from !== this.#link.instanceId) this.#registry?.reopenShutMapHere(message.mapId)
        return
    }
  }

  /** Our subscription dropped and messages may have been lost: every relay through it starts again. */
  readonly down = (): void => {
    this.#logger.warn({}, 'lost the subscription to other instances; relayed clients reconnect')
    for (const entry of [...this.#forwarded.values()]) entry.connection.close(CloseCode.ServerShutdown)
    for (const relayed of [...this.#relayed.values()]) relayed.connection.close(CloseCode.ServerShutdown)
    // Their answers may be lost: the requests end now rather than at their deadline.
    for (const run of [...this.#runs.values()]) run.finish({ kind: 'unreachable' })
  }

  /** Ends the relays this side keeps (the registry closes the relayed clients' rooms itself). */
  close(): void {
    clearInterval(this.#watch)
    clearInterval(this.#keepalive)
    for (const entry of [...this.#forwarded.values()]) entry.connection.close(CloseCode.ServerShutdown)
    for (const run of [...this.#runs.values()]) run.finish({ kind: 'unreachable' })
  }

  async #open(from: string, relay: RelayId, room: string, identity: Connection['identity']): Promise<void> {
    const registry = this.#registry
    if (
      registry === undefined ||
      roomNameOf(identity.mapId, identity.audience) !== room ||
      !(await this.#leases.claim(room))
    ) {
      this.#send(from, this.#close(relay, CloseCode.ServerShutdown))
      return
    }
    const socket = new RelayedSocket(this.#link, from, relay)
    const connection = new Connection(socket, identity, { limits: this.#options.intakeLimits })
    socket.onGone = () => connection.socketClosed()
    socket.onPong = () => connection.receivePong()
    this.#relayed.set(relay, { connection, from })
    this.#relayedConnections.add(connection)
    connection.onClose(() => this.#relayed.delete(relay))
    this.#logger.info({ mapId: room, connection: connection.id, from }, 'relayed client open')
    // Sent before anything the room sends the client, on the same Redis connection, so it arrives first.
    this.#send(from, { kind: 'opened', from: this.#link.instanceId, relay })
    await registry.connect(connection)
  }

  #opened(relay: RelayId): void {
    const entry = this.#forwarded.get(relay)
    if (entry === undefined || entry.opened) return
    entry.opened = true
    clearTimeout(entry.openTimer)
    // From here the client's frames (those queued meanwhile first) go to the authority as they came.
    entry.connection.attach((connection, frame) => {
      this.#link.send(entry.authority, { kind: 'frame', from: this.#link.instanceId, relay, frame }).then(
        (heard) => {
          if (!heard) connection.close(CloseCode.ServerShutdown)
        },
        () => connection.close(CloseCode.ServerShutdown),
      )
    }, entry.echoes.frameKind)
  }

  #frame(from: string, relay: RelayId, frame: Uint8Array): void {
    const forwarded = this.#forwarded.get(relay)
    if (forwarded !== undefined) {
      forwarded.echoes.sent(frame)
      forwarded.connection.send(frame)
      return
    }
    const relayed = this.#relayed.get(relay)
    if (relayed !== undefined) {
      relayed.connection.receive(frame)
      return
    }
    // The other end still thinks this relay open (its close crossed ours, or we restarted): end it there too.
    this.#send(from, this.#close(relay, CloseCode.ServerShutdown))
  }

  #closed(relay: RelayId, code: number, reason: string): void {
    const forwarded = this.#forwarded.get(relay)
    if (forwarded !== undefined) {
      forwarded.ended = true
      if (code === TERMINATED) forwarded.connection.close(CloseCode.ServerShutdown)
      else forwarded.connection.close(code as CloseCode, reason || closeCodeReason(code as CloseCode))
      return
    }
    this.#relayed.get(relay)?.connection.socketClosed()
  }

  /** On the authority: runs an operation another instance was asked for, and answers it. */
  #run(from: string, request: RequestId, room: string, operation: string, input: string): void {
    const operations = this.#operations
    const answering: Promise<OperationAnswer> =
      operations === undefined
        ? Promise.resolve({ kind: 'elsewhere' })
        : operations.runForwarded(room, operation, input)
    answering.then(
      (answer) => this.#send(from, { kind: 'ran', from: this.#link.instanceId, request, answer }),
      (error: unknown) => this.#logger.error({ mapId: room, err: error }, 'could not run a room operation'),
    )
  }

  /** Another instance is erasing a map: shut it here, then say so (this instance's own erasure shuts it itself). */
  #shutHere(from: string, request: RequestId, mapId: string, code: CloseCode): void {
    if (from === this.#link.instanceId) {
      this.#acknowledge(request, from)
      return
    }
    const registry = this.#registry
    if (registry === undefined) return
    registry.shutMapHere(mapId, code).then(
      () => this.#send(from, { kind: 'map-shut', from: this.#link.instanceId, request }),
      // Unanswered, the erasure does not happen.
      (error: unknown) => this.#logger.error({ mapId, err: error }, 'could not shut a map being erased'),
    )
  }

  #acknowledge(request: RequestId, from: string): void {
    const shut = this.#shuts.get(request)
    if (shut === undefined) return
    shut.acknowledged.add(from)
    this.#checkShut(shut)
  }

  #checkShut(shut: PendingShut): void {
    if (shut.heard !== undefined && shut.acknowledged.size >= shut.heard) shut.done()
  }

  /**
   * A forwarded client whose room's lease has passed to another instance (or lapsed) reconnects; an operation
   * sent to an authority that lost its lease meanwhile ends unreachable (it may or may not have run there).
   */
  async #watchAuthorities(): Promise<void> {
    if (this.#watching || (this.#forwarded.size === 0 && this.#runs.size === 0)) return
    this.#watching = true
    try {
      const entries = [...this.#forwarded.values()]
      const runs = [...this.#runs.values()]
      const rooms = [...new Set([...entries.map((entry) => entry.room), ...runs.map((run) => run.room)])]
      const values = new Map(rooms.map((room, index) => [room, index]))
      const holders = await this.#leases.holders(rooms)
      for (const entry of entries) {
        const current = holders[values.get(entry.room) ?? -1]
        if (current !== entry.leaseValue) entry.connection.close(CloseCode.ServerShutdown)
      }
      for (const run of runs) {
        if (holders[values.get(run.room) ?? -1] !== run.leaseValue) run.finish({ kind: 'unreachable' })
      }
    } catch (error) {
      this.#logger.warn({ err: error }, 'could not check the authorities of forwarded clients')
    } finally {
      this.#watching = false
    }
  }

  #requestId(): RequestId {
    return `${this.#link.instanceId}/${this.#nextRequest++}`
  }

  #close(relay: RelayId, code: number, reason = ''): ClusterMessage {
    return { kind: 'close', from: this.#link.instanceId, relay, code, reason }
  }

  #send(to: string, message: ClusterMessage): void {
    this.#link.send(to, message).catch((error: unknown) => {
      this.#logger.warn({ err: error }, 'could not send to another instance')
    })
  }
}
