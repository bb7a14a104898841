// Hand-made y-websocket frames for tests that talk to the server over a raw socket.
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { MessageType } from '@mapboard/protocol'
import { waitFor } from '@mapboard/test-kit'
import type { RawSocket } from '@mapboard/test-kit'

function syncFrame(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, step)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}

export const syncStep1Frame = (stateVector: Uint8Array = new Uint8Array([0])): Uint8Array =>
  syncFrame(0, stateVector)
export const updateFrame = (update: Uint8Array): Uint8Array => syncFrame(2, update)
/** A SyncStep2 carrying `update`: a client's answer to the server's SyncStep1, applied like an Update. */
export const syncStep2Frame = (update: Uint8Array): Uint8Array => syncFrame(1, update)

export function awarenessFrame(
  entries: Array<{ clientId: number; clock: number; state: unknown }>,
): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(inner, entry.clientId)
    encoding.writeVarUint(inner, entry.clock)
    encoding.writeVarString(inner, JSON.stringify(entry.state))
  }
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Awareness)
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner))
  return encoding.toUint8Array(encoder)
}

function syncPayload(frame: Uint8Array, step: number): Uint8Array | undefined {
  const decoder = decoding.createDecoder(frame)
  if (decoding.readVarUint(decoder) !== MessageType.Sync) return undefined
  if (decoding.readVarUint(decoder) !== step) return undefined
  return decoding.readVarUint8Array(decoder)
}

/** The Yjs update carried by a SyncStep2 frame, or undefined for any other frame. */
export const syncStep2Payload = (frame: Uint8Array): Uint8Array | undefined => syncPayload(frame, 1)

/** The Yjs update carried by an Update frame, or undefined for any other frame. */
export const updatePayload = (frame: Uint8Array): Uint8Array | undefined => syncPayload(frame, 2)

/** The state vector carried by a SyncStep1 frame (the server asking what it lacks), or undefined. */
export const syncStep1Payload = (frame: Uint8Array): Uint8Array | undefined => syncPayload(frame, 0)

/**
 * Asks the server for its whole document over `raw` and waits for the answer. Frames on one connection are handled
 * in order, so everything sent on `raw` before has been dealt with once this resolves.
 */
export async function fetchDocument(raw: RawSocket): Promise<Y.Doc> {
  const seen = raw.messages.length
  await raw.send(syncStep1Frame())
  const payload = await waitFor(
    () =>
      raw.messages
        .slice(seen)
        .map(syncStep2Payload)
        .find((p) => p !== undefined),
    5000,
    { message: 'no SyncStep2 from the server' },
  )
  const doc = new Y.Doc()
  Y.applyUpdate(doc, payload)
  return doc
}

/** An update made by `edit` on a throwaway doc (a client that starts from nothing). */
export function makeUpdate(edit: (doc: Y.Doc) => void, base?: Y.Doc): Uint8Array {
  const doc = new Y.Doc()
  if (base !== undefined) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  const before = Y.encodeStateVector(doc)
  edit(doc)
  return Y.encodeStateAsUpdate(doc, before)
}
