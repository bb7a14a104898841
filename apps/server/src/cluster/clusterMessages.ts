// The messages instances send each other over Redis (decision 0047). Each is one pub/sub message: a kind, the
// sending instance, then the kind's fields, written with lib0's encoding (the same varints as the sync protocol).
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { ConnectionIdentity } from '../rooms/Connection.ts'
import type { OperationAnswer } from '../rooms/RoomPlacement.ts'

/** A relayed client's id: the forwarding instance's id, a slash, and a number that instance gave it. */
export type RelayId = string

/** A request's id (a forwarded room operation, a map's shutting): the asking instance's id, a slash, a number. */
export type RequestId = string

export type ClusterMessage =
  /** Forwarder → authority: a client of `room` arrived; the forwarder checked its token, this is who it is. */
  | { kind: 'open'; from: string; relay: RelayId; room: string; identity: ConnectionIdentity }
  /** Authority → forwarder: the client is in the room; its frames may flow. */
  | { kind: 'opened'; from: string; relay: RelayId }
  /** Either way: one websocket frame, as the client sent it or as the room sends it to this client alone. */
  | { kind: 'frame'; from: string; relay: RelayId; frame: Uint8Array }
  /** Either way: the connection ended, with this close code (TERMINATED: dropped without one). */
  | { kind: 'close'; from: string; relay: RelayId; code: number; reason: string }
  /** To every instance: a link was revoked; close its connections with `code`. */
  | { kind: 'close-link'; from: string; mapId: string; linkId: string; code: number }
  /**
   * Receiving instance → authority: run room operation `operation` on `room` in its turn. `input` is the JSON the
   * receiving instance built from what it checked (the token's identity, the validated body), nothing else.
   */
  | { kind: 'run'; from: string; request: RequestId; room: string; operation: string; input: string }
  /** Authority → receiving instance: how the operation ended. */
  | { kind: 'ran'; from: string; request: RequestId; answer: OperationAnswer }
  /** To every instance: map `mapId` is being erased; close its connections with `code`, unload its rooms, answer. */
  | { kind: 'shut-map'; from: string; request: RequestId; mapId: string; code: number }
  /** → the erasing instance: this instance has shut the map and will not open it again. */
  | { kind: 'map-shut'; from: string; request: RequestId }
  /** To every instance: the erasure did not happen; the map may open again. */
  | { kind: 'reopen-map'; from: string; mapId: string }

/** The close "code" of a connection the authority dropped without a close handshake (SocketLike.terminate). */
export const TERMINATED = 0

const KINDS = [
  'open',
  'opened',
  'frame',
  'close',
  'close-link',
  'run',
  'ran',
  'shut-map',
  'map-shut',
  'reopen-map',
] as const

/** How an operation's answer is tagged on the wire. */
const ANSWERS = ['done', 'failed', 'elsewhere'] as const

export function encodeClusterMessage(message: ClusterMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, KINDS.indexOf(message.kind))
  encoding.writeVarString(encoder, message.from)
  switch (message.kind) {
    case 'open':
      encoding.writeVarString(encoder, message.relay)
      encoding.writeVarString(encoder, message.room)
      encoding.writeVarString(encoder, JSON.stringify(message.identity))
      break
    case 'opened':
      encoding.writeVarString(encoder, message.relay)
      break
    case 'frame':
      encoding.writeVarString(encoder, message.relay)
      encoding.writeVarUint8Array(encoder, message.frame)
      break
    case 'close':
      encoding.writeVarString(encoder, message.relay)
      encoding.writeVarUint(encoder, message.code)
      encoding.writeVarString(encoder, message.reason)
      break
    case 'close-link':
      encoding.writeVarString(encoder, message.mapId)
      encoding.writeVarString(encoder, message.linkId)
      encoding.writeVarUint(encoder, message.code)
      break
    case 'run':
      encoding.writeVarString(encoder, message.request)
      encoding.writeVarString(encoder, message.room)
      encoding.writeVarString(encoder, message.operation)
      encoding.writeVarString(encoder, message.input)
      break
    case 'ran':
      encoding.writeVarString(encoder, message.request)
      writeAnswer(encoder, message.answer)
      break
    case 'shut-map':
      encoding.writeVarString(encoder, message.request)
      encoding.writeVarString(encoder, message.mapId)
      encoding.writeVarUint(encoder, message.code)
      break
    case 'map-shut':
      encoding.writeVarString(encoder, message.request)
      break
    case 'reopen-map':
      encoding.writeVarString(encoder, message.mapId)
      break
  }
  return encoding.toUint8Array(encoder)
}

/** Reads a message another instance wrote; throws on bytes that are not one (Redis is ours, so that is a bug). */
export function decodeClusterMessage(bytes: Uint8Array): ClusterMessage {
  const decoder = decoding.createDecoder(bytes)
  const kind = KINDS[decoding.readVarUint(decoder)]
  const from = decoding.readVarString(decoder)
  switch (kind) {
    case 'open': {
      const relay = decoding.readVarString(decoder)
      const room = decoding.readVarString(decoder)
      const identity = JSON.parse(decoding.readVarString(decoder)) as ConnectionIdentity
      return { kind, from, relay, room, identity }
    }
    case 'opened':
      return { kind, from, relay: decoding.readVarString(decoder) }
    case 'frame': {
      const relay = decoding.readVarString(decoder)
      // A copy: the decoder's view would keep the whole Redis message buffer alive.
      return { kind, from, relay, frame: decoding.readVarUint8Array(decoder).slice() }
    }
    case 'close': {
      const relay = decoding.readVarString(decoder)
      const code = decoding.readVarUint(decoder)
      return { kind, from, relay, code, reason: decoding.readVarString(decoder) }
    }
    case 'close-link': {
      const mapId = decoding.readVarString(decoder)
      const linkId = decoding.readVarString(decoder)
      return { kind, from, mapId, linkId, code: decoding.readVarUint(decoder) }
    }
    case 'run': {
      const request = decoding.readVarString(decoder)
      const room = decoding.readVarString(decoder)
      const operation = decoding.readVarString(decoder)
      return { kind, from, request, room, operation, input: decoding.readVarString(decoder) }
    }
    case 'ran': {
      const request = decoding.readVarString(decoder)
      return { kind, from, request, answer: readAnswer(decoder) }
    }
    case 'shut-map': {
      const request = decoding.readVarString(decoder)
      const mapId = decoding.readVarString(decoder)
      return { kind, from, request, mapId, code: decoding.readVarUint(decoder) }
    }
    case 'map-shut':
      return { kind, from, request: decoding.readVarString(decoder) }
    case 'reopen-map':
      return { kind, from, mapId: decoding.readVarString(decoder) }
  }
  throw new Error('unknown cluster message kind')
}

function writeAnswer(encoder: encoding.Encoder, answer: OperationAnswer): void {
  encoding.writeVarUint(encoder, ANSWERS.indexOf(answer.kind))
  switch (answer.kind) {
    case 'done':
      encoding.writeVarString(encoder, answer.value)
      break
    case 'failed':
      encoding.writeVarUint(encoder, answer.status)
      encoding.writeVarString(encoder, answer.code)
      encoding.writeVarString(encoder, answer.message)
      break
    case 'elsewhere':
      break
  }
}

function readAnswer(decoder: decoding.Decoder): OperationAnswer {
  const kind = ANSWERS[decoding.readVarUint(decoder)]
  switch (kind) {
    case 'done':
      return { kind, value: decoding.readVarString(decoder) }
    case 'failed': {
      const status = decoding.readVarUint(decoder)
      const code = decoding.readVarString(decoder)
      return { kind, status, code, message: decoding.readVarString(decoder) }
    }
    case 'elsewhere':
      return { kind }
  }
  throw new Error('unknown operation answer')
}
