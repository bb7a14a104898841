import * as Y from 'yjs'
import { CloseCode, PING_EVERY_ROUNDS, parseRoomName, roomNameOf } from '@mapboard/protocol'
import { AppendBatcher } from '../storage/AppendBatcher.ts'
import type { Connection } from './Connection.ts'
import type { IntakeLimits } from './FrameBudget.ts'
import { Room, RoomUnavailableError, ServedElsewhereError } from './Room.ts'
import type { RoomStore } from './Room.ts'
import type { RoomPlacement } from './RoomPlacement.ts'
import type { RoomLogger } from './SocketLike.ts'
import type { RulesFactory } from './UpdateGate.ts'

export interface RoomRegistryOptions {
  store: RoomStore
  logger: RoomLogger
  /** How long a room stays loaded after its last client left. */
  unloadGraceMs: number
  compactionThreshold: number
  keepaliveIntervalMs: number
  /** See RoomOptions; Room's default when unset. */
  resyncTimeoutMs?: number
  /** See RoomOptions. */
  intakeLimits?: IntakeLimits
  rules?: RulesFactory
  /** See RoomOptions. */
  now?: () => number
  /** Several instances: which one serves each room (RoomPlacement.ts). Unset: this one serves every room. */
  placement?: RoomPlacement
}

/**
 * The loaded rooms of this server, by room name: a map's id for its shared document, `<id>/professionals` for the
 * professionals' one (each a room of its own, with its own document, store entries and connections). A room is
 * loaded when its first client arrives and unloaded once the last one has been gone for `unloadGraceMs` (a
 * client that reconnects after a wifi drop finds it still warm).
 */
export class RoomRegistry {
  readonly #options: RoomRegistryOptions
  /** Every room's appends of one event-loop turn go to the store in one transaction. */
  readonly #appender: AppendBatcher
  /** Rooms loading or loaded, by map id. */
  readonly #rooms = new Map<string, Promise<Room>>()
  readonly #loaded = new Map<string, Room>()
  readonly #unloadTimers = new Map<string, NodeJS.Timeout>()
  /** Rooms still writing their last updates; a new load of the same map waits for them. */
  readonly #unloading = new Map<string, Promise<void>>()
  readonly #keepalive: NodeJS.Timeout
  /** Open connections by map and link, loading rooms included, so revoking a link can close them all. */
  readonly #byLink = new Map<string, Set<Connection>>()
  /** The last `withRoom` call queued per map; each waits for the one before. */
  readonly #turns = new Map<string, Promise<void>>()
  /** Maps whose room a `withRoom` call is using: not unloaded meanwhile, even with nobody connected. */
  readonly #inUse = new Set<string>()
  /** Maps being erased (`shutMap`): none of their rooms opens again. */
  readonly #shut = new Set<string>()
  #closed = false

  constructor(options: RoomRegistryOptions) {
    this.#options = options
    this.#appender = new AppendBatcher(options.store)
    let round = 0
    this.#keepalive = setInterval(() => {
      const now = Date.now()
      const ping = round++ % PING_EVERY_ROUNDS === 0
      for (const room of this.#loaded.values()) room.keepalive(options.keepaliveIntervalMs, ping, now)
    }, options.keepaliveIntervalMs)
    this.#keepalive.unref()
  }

  /** Ids of the maps whose rooms are loaded now. */
  get loadedMapIds(): string[] {
    return [...this.#loaded.keys()]
  }

  isLoaded(mapId: string): boolean {
    return this.#loaded.has(mapId)
  }

  /** The loaded room of a map, if any (for inspection; clients go through `connect`). */
  getLoaded(mapId: string): Room | undefined {
    return this.#loaded.get(mapId)
  }

  /** Puts a connection into the room of its map's document, loading the room first if needed. */
  async connect(connection: Connection): Promise<void> {
    const mapId = roomNameOf(connection.identity.mapId, connection.identity.audience)
    if (this.#closed) {
      connection.close(CloseCode.ServerShutdown)
      return
    }
    if (this.#shut.has(connection.identity.mapId)) {
      connection.close(CloseCode.MapErased)
      return
    }
    this.#trackLink(connection)
    this.#cancelUnload(mapId)
    let room: Room
    try {
      if (!(await this.#servedHere(mapId))) {
        await this.#options.placement?.forward(connection, mapId)
        return
      }
      room = await this.#open(mapId)
    } catch (error) {
      this.#options.logger.error({ mapId, err: error }, 'could not load a room')
      connection.close(CloseCode.ServerError)
      return
    }
    if (connection.closed) {
      if (room.size === 0) this.#scheduleUnload(mapId, room)
      return
    }
    room.join(connection)
  }

  /**
   * Runs `use` with the map's room, loading it if need be, for the server's own reads and writes of a document
   * (`Room.writeAsServer`). Calls for one map run one at a time, in order, so a check and the write that depends on
   * it (is the round still open? then store this) cannot interleave with another call's. The room stays loaded
   * while in use and unloads after the grace period if nobody is connected.
   */
  async withRoom<T>(mapId: string, use: (room: Room) => Promise<T>): Promise<T> {
    const previous = this.#turns.get(mapId) ?? Promise.resolve()
    let release = (): void => {}
    const done = new Promise<void>((resolve) => (release = resolve))
    const turn = previous.then(() => done)
    this.#turns.set(mapId, turn)
    await previous
    let room: Room | undefined
    try {
      if (this.#closed) throw new RoomUnavailableError('the server is shutting down')
      this.#inUse.add(mapId)
      this.#cancelUnload(mapId)
      // The server's own work on a room is its authority's: RoomOperations sends it there.
      if (!(await this.#servedHere(mapId))) throw new ServedElsewhereError('another instance serves the map')
      room = await this.#open(mapId)
      return await use(room)
    } finally {
      this.#inUse.delete(mapId)
      if (room !== undefined && room.size === 0 && this.#loaded.get(mapId) === room) {
        this.#scheduleUnload(mapId, room)
      }
      release()
      if (this.#turns.get(mapId) === turn) this.#turns.delete(mapId)
    }
  }

  /**
   * Closes, with `code`, every open connection of map `mapId` that was opened with link `linkId` — by the link
   * itself or by a participant token from it — including connections whose room is still loading. Returns how
   * many were closed.
   */
  closeLink(mapId: string, linkId: string, code: CloseCode): number {
    this.#options.placement?.linkClosed(mapId, linkId, code)
    return this.closeLinkHere(mapId, linkId, code)
  }

  /** `closeLink` on this instance only: another instance revoked the link and tells this one. */
  closeLinkHere(mapId: string, linkId: string, code: CloseCode): number {
    const connections = this.#byLink.get(linkKey(mapId, linkId))
    if (connections === undefined) return 0
    const open = [...connections].filter((connection) => !connection.closed)
    for (const connection of open) connection.close(code)
    return open.length
  }

  /**
   * Before a map is erased: closes both of its rooms with `code` (every connection, those still loading too),
   * storing what they hold first, and opens neither again in this process — nor, with several instances, in any
   * other (RoomPlacement.mapShut). Resolves once both are unloaded everywhere; rejects with RoomUnavailableError
   * if another instance did not say so in time (the map is then reopened everywhere by `reopenShutMap`).
   */
  async shutMap(mapId: string, code: CloseCode): Promise<void> {
    await Promise.all([this.shutMapHere(mapId, code), this.#options.placement?.mapShut(mapId, code)])
  }

  /** `shutMap` on this instance only: another instance is erasing the map and tells this one. */
  async shutMapHere(mapId: string, code: CloseCode): Promise<void> {
    this.#shut.add(mapId)
    const prefix = linkKey(mapId, '')
    for (const [key, connections] of this.#byLink) {
      if (!key.startsWith(prefix)) continue
      for (const connection of [...connections]) if (!connection.closed) connection.close(code)
    }
    for (const name of [mapId, roomNameOf(mapId, 'professionals')]) {
      this.#cancelUnload(name)
      const loading = this.#rooms.get(name)
      const room = loading === undefined ? undefined : await loading.catch(() => undefined)
      if (room !== undefined && this.#loaded.get(name) === room) {
        this.#loaded.delete(name)
        this.#rooms.delete(name)
        try {
          await room.close(code)
        } finally {
          this.#options.placement?.released(name)
        }
      }
      await this.#unloading.get(name)
    }
  }

  /**
   * This instance is no longer the authority of room `mapId` (its lease was lost): the room closes, its clients
   * told to reconnect (to whichever instance serves it next), and it is unloaded.
   */
  evict(mapId: string): void {
    const room = this.#loaded.get(mapId)
    if (room !== undefined) this.#unload(mapId, room)
  }

  /** A loaded or loading room is this instance's; any other is the placement's to decide. */
  async #servedHere(mapId: string): Promise<boolean> {
    const { placement } = this.#options
    return placement === undefined || this.#rooms.has(mapId) || (await placement.claim(mapId))
  }

  /** Lets a map's rooms open again after `shutMap`, on every instance, when its erasure did not happen. */
  reopenShutMap(mapId: string): void {
    this.#options.placement?.mapReopened(mapId)
    this.reopenShutMapHere(mapId)
  }

  /** `reopenShutMap` on this instance only. */
  reopenShutMapHere(mapId: string): void {
    this.#shut.delete(mapId)
  }

  #trackLink(connection: Connection): void {
    const key = linkKey(connection.identity.mapId, connection.identity.linkId)
    let connections = this.#byLink.get(key)
    if (connections === undefined) {
      connections = new Set()
      this.#byLink.set(key, connections)
    }
    connections.add(connection)
    connection.onClose(() => {
      const current = this.#byLink.get(key)
      if (current === undefined) return
      current.delete(connection)
      if (current.size === 0) this.#byLink.delete(key)
    })
  }

  /** Closes every room (clients get ServerShutdown and reconnect elsewhere or later) after storing what is pending. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    clearInterval(this.#keepalive)
    for (const timer of this.#unloadTimers.values()) clearTimeout(timer)
    this.#unloadTimers.clear()
    const rooms = await Promise.allSettled([...this.#rooms.values()])
    this.#rooms.clear()
    this.#loaded.clear()
    await Promise.all(
      rooms.map((result) => (result.status === 'fulfilled' ? this.#closeRoom(result.value) : undefined)),
    )
    await Promise.all(this.#unloading.values())
  }

  #open(mapId: string): Promise<Room> {
    const existing = this.#rooms.get(mapId)
    if (existing !== undefined) return existing
    const loading = this.#load(mapId)
    this.#rooms.set(mapId, loading)
    loading.catch(() => {
      if (this.#rooms.get(mapId) !== loading) return
      this.#rooms.delete(mapId)
      this.#options.placement?.released(mapId)
    })
    return loading
  }

  async #load(mapId: string): Promise<Room> {
    await this.#unloading.get(mapId)
    const { store, logger, compactionThreshold, resyncTimeoutMs, intakeLimits, rules, now } = this.#options
    const { mapId: map, audience } = parseRoomName(mapId)
    if (this.#shut.has(map)) throw new RoomUnavailableError('the map is being erased')
    // A map's professionals' document is made the first time someone opens it (maps made before it existed too).
    if (audience === 'professionals') await store.createDocument(mapId, map, professionalsInitialState())
    const room = await Room.load({
      mapId,
      audience,
      store,
      appender: this.#appender,
      logger,
      compactionThreshold,
      ...(resyncTimeoutMs === undefined ? {} : { resyncTimeoutMs }),
      ...(intakeLimits === undefined ? {} : { intakeLimits }),
      ...(rules === undefined ? {} : { rules }),
      ...(now === undefined ? {} : { now }),
    })
    room.onEmpty = () => this.#scheduleUnload(mapId, room)
    room.onBroken = () => this.#unload(mapId, room)
    this.#loaded.set(mapId, room)
    logger.info({ mapId, tailLength: room.tailLength }, 'room loaded')
    return room
  }

  #cancelUnload(mapId: string): void {
    const timer = this.#unloadTimers.get(mapId)
    if (timer === undefined) return
    clearTimeout(timer)
    this.#unloadTimers.delete(mapId)
  }

  #scheduleUnload(mapId: string, room: Room): void {
    if (this.#closed) return
    this.#cancelUnload(mapId)
    const timer = setTimeout(() => {
      this.#unloadTimers.delete(mapId)
      if (room.size === 0 && !this.#inUse.has(mapId)) this.#unload(mapId, room)
    }, this.#options.unloadGraceMs)
    timer.unref()
    this.#unloadTimers.set(mapId, timer)
  }

  #unload(mapId: string, room: Room): void {
    if (this.#loaded.get(mapId) !== room) return
    this.#cancelUnload(mapId)
    this.#loaded.delete(mapId)
    this.#rooms.delete(mapId)
    const unloading = this.#closeRoom(room).finally(() => {
      if (this.#unloading.get(mapId) === unloading) this.#unloading.delete(mapId)
    })
    this.#unloading.set(mapId, unloading)
  }

  async #closeRoom(room: Room): Promise<void> {
    try {
      await room.close()
      this.#options.logger.info({ mapId: room.mapId }, 'room unloaded')
    } catch (error) {
      this.#options.logger.error({ mapId: room.mapId, err: error }, 'could not unload a room cleanly')
    } finally {
      this.#options.placement?.released(room.mapId)
    }
  }
}

/** A professionals' document starts empty: its notes arrive as the chair and professionals write them. */
function professionalsInitialState(): Uint8Array {
  const doc = new Y.Doc()
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return state
}

function linkKey(mapId: string, linkId: string): string {
  return `${mapId}\n${linkId}`
}
