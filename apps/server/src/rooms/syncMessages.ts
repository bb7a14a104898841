// The frames of the y-websocket protocol, read and written by hand. Reading never applies anything: the room
// decides what to do with a client's update (see Room.ts and UpdateGate.ts).
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MessageType } from '@mapboard/protocol'

/** y-protocols sync sub-types (the varint after MessageType.Sync). */
export const SyncStep = { Step1: 0, Step2: 1, Update: 2 } as const

export type ClientMessage =
  | { kind: 'sync-step-1'; stateVector: Uint8Array }
  | { kind: 'sync-step-2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }

export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError'
}

/** Parses one frame from a client. Throws MalformedMessageError for anything that is not exactly one message. */
export function parseClientMessage(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame)
    const message = readMessage(decoder)
    if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes after the message')
    return message
  } catch (error) {
    if (error instanceof MalformedMessageError) throw error
    // lib0 throws plain Errors when it runs past the end of the frame or meets an over-long varint.
    throw new MalformedMessageError(error instanceof Error ? error.message : 'unreadable frame')
  }
}

function readMessage(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder)
  switch (type) {
    case MessageType.Sync: {
      const step = decoding.readVarUint(decoder)
      const payload = decoding.readVarUint8Array(decoder)
      if (step === SyncStep.Step1) return { kind: 'sync-step-1', stateVector: payload }
      if (step === SyncStep.Step2) return { kind: 'sync-step-2', update: payload }
      if (step === SyncStep.Update) return { kind: 'update', update: payload }
      throw new MalformedMessageError(`unknown sync step ${step}`)
    }
    case MessageType.Awareness:
      return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) }
    case MessageType.QueryAwareness:
      return { kind: 'query-awareness' }
    default:
      throw new MalformedMessageError(`unknown message type ${type}`)
  }
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return encodeSync(SyncStep.Step1, stateVector)
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return encodeSync(SyncStep.Step2, update)
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return encodeSync(SyncStep.Update, update)
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Awareness)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/**
 * A y-protocols auth message, "permission denied", with `reason`: what the server tells a client whose change it
 * refused (Mapboard sends an EditRefusal as JSON). Stock y-websocket clients log it.
 */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Auth)
  // y-protocols/auth: messagePermissionDenied = 0, then the reason.
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarString(encoder, reason)
  return encoding.toUint8Array(encoder)
}

/** An awareness message naming no client: changes nothing, but tells an idle client the server is there. */
export const KEEPALIVE_MESSAGE: Uint8Array = encodeAwareness(new Uint8Array([0]))

function encodeSync(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, step)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}
