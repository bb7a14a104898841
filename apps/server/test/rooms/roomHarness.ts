// Builds a Room the way the registry does, but with no server around it: an in-memory store, a logger that keeps
// what it is told, and connections over a fake socket that records every frame the room sends. For unit tests of
// the room's own decisions; the real-socket tests (sync, limits, permissions…) stay as they are.
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { initMap } from '@mapboard/map-model'
import { MessageType, parseRoomName, roomNameOf } from '@mapboard/protocol'
import type { EditRefusal, Role } from '@mapboard/protocol'
import { Connection } from '../../src/rooms/Connection.ts'
import { Room } from '../../src/rooms/Room.ts'
import type { RoomOptions } from '../../src/rooms/Room.ts'
import { permissionRules } from '../../src/rooms/permissionRules.ts'
import type { RoomLogger, SocketLike } from '../../src/rooms/SocketLike.ts'
import { MemoryMapStore } from '../../src/storage/MemoryMapStore.ts'
import { syncStep2Payload, updateFrame, updatePayload } from '../support/frames.ts'

/** A socket that keeps what the room sends and how it closed; the test plays the client by hand. */
export class FakeSocket implements SocketLike {
  readonly sent: Uint8Array[] = []
  closedWith: { code: number; reason: string } | undefined
  paused = false

  send(data: Uint8Array): void {
    this.sent.push(data)
  }
  close(code: number, reason: string): void {
    this.closedWith ??= { code, reason }
  }
  terminate(): void {
    this.closedWith ??= { code: 1006, reason: 'terminated' }
  }
  ping(): void {}
  pause(): void {
    this.paused = true
  }
  resume(): void {
    this.paused = false
  }
}

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error'
  obj: object
  msg: string
}

export class MemoryLogger implements RoomLogger {
  readonly lines: LogLine[] = []
  debug(obj: object, msg: string): void {
    this.lines.push({ level: 'debug', obj, msg })
  }
  info(obj: object, msg: string): void {
    this.lines.push({ level: 'info', obj, msg })
  }
  warn(obj: object, msg: string): void {
    this.lines.push({ level: 'warn', obj, msg })
  }
  error(obj: object, msg: string): void {
    this.lines.push({ level: 'error', obj, msg })
  }
  said(msg: string): boolean {
    return this.lines.some((line) => line.msg === msg)
  }
}

export const MAP_ID = 'map-under-test'

export interface TestRoom {
  room: Room
  store: MemoryMapStore
  logger: MemoryLogger
}

/**
 * A map created as the API creates one, and its room loaded with the permission rules. With `store`, the room
 * loads from that store (making the map there if it has none), as a restart or a failing store would.
 */
export async function loadRoom(
  options: Partial<Omit<RoomOptions, 'store'>> & { store?: MemoryMapStore } = {},
): Promise<TestRoom> {
  const store = options.store ?? new MemoryMapStore()
  if ((await store.getMap(MAP_ID)) === undefined) {
    const doc = new Y.Doc()
    initMap(doc, { title: 'Review conference', createdAt: 1 })
    await store.createMap(
      { id: MAP_ID, title: 'Review conference', createdAt: 1 },
      Y.encodeStateAsUpdate(doc),
    )
    doc.destroy()
  }
  const logger = new MemoryLogger()
  const audience = options.audience ?? 'shared'
  const name = roomNameOf(MAP_ID, audience)
  if (audience === 'professionals')
    await store.createDocument(name, MAP_ID, Y.encodeStateAsUpdate(new Y.Doc()))
  const room = await Room.load({
    mapId: name,
    audience,
    logger,
    compactionThreshold: 1000,
    rules: permissionRules,
    ...options,
    store,
  })
  return { room, store, logger }
}

let nextParticipant = 1

/**
 * One participant's connection and its replica of the map, played by hand: `edit` changes the replica and sends
 * the update as a y-websocket client would; `catchUp` applies what the room has sent since.
 */
export class Client {
  readonly socket = new FakeSocket()
  readonly connection: Connection
  readonly doc = new Y.Doc()
  readonly author: { authorId: string; author: string; agency: string }
  #read = 0

  constructor(
    room: Room,
    readonly role: Role,
    name = `A ${role}`,
  ) {
    const participant = { id: `p${nextParticipant++}`, name, agency: role === 'family' ? '' : 'Council' }
    this.author = { authorId: participant.id, author: participant.name, agency: participant.agency }
    this.connection = new Connection(this.socket, {
      mapId: parseRoomName(room.mapId).mapId,
      audience: room.audience,
      role,
      linkId: `link-${role}`,
      participant,
    })
    // Starts from the map as stored, as a client does after its first sync.
    Y.applyUpdate(
      this.doc,
      room.read((doc) => Y.encodeStateAsUpdate(doc)),
    )
    room.join(this.connection)
  }

  /** Makes `change` on the replica and sends it; returns the update sent. */
  edit(change: (doc: Y.Doc) => void): Uint8Array {
    const before = Y.encodeStateVector(this.doc)
    change(this.doc)
    const update = Y.encodeStateAsUpdate(this.doc, before)
    this.send(updateFrame(update))
    return update
  }

  send(frame: Uint8Array): void {
    this.connection.receive(frame)
  }

  /** Applies every document update the room has sent since the last call; returns how many there were. */
  catchUp(): number {
    const frames = this.socket.sent.slice(this.#read)
    this.#read = this.socket.sent.length
    let applied = 0
    for (const frame of frames) {
      const update = updatePayload(frame) ?? syncStep2Payload(frame)
      if (update === undefined) continue
      Y.applyUpdate(this.doc, update)
      applied++
    }
    return applied
  }

  /** The refusals the room has told this client of (y-protocols auth frames carrying an EditRefusal). */
  refusals(): EditRefusal[] {
    const found: EditRefusal[] = []
    for (const frame of this.socket.sent) {
      const decoder = decoding.createDecoder(frame)
      if (decoding.readVarUint(decoder) !== MessageType.Auth) continue
      decoding.readVarUint(decoder)
      found.push(JSON.parse(decoding.readVarString(decoder)) as EditRefusal)
    }
    return found
  }
}

/** Lets the connection's queued frames be handled (it drains them on later turns). */
export async function turn(times = 3): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((resolve) => setImmediate(resolve))
}

/** Every frame handled and every applied update stored and broadcast. */
export async function settled(room: Room): Promise<void> {
  await turn()
  await room.settle()
  await turn()
}
