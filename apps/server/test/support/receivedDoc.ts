// The document a raw socket would hold: every SyncStep2 and Update the server sent it, applied in order.
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { MessageType } from '@mapboard/protocol'

const SYNC_STEP_2 = 1
const UPDATE = 2

/** The Yjs update a frame carries (SyncStep2 or Update), or undefined for any other frame. */
export function updatePayload(frame: Uint8Array): Uint8Array | undefined {
  const decoder = decoding.createDecoder(frame)
  if (decoding.readVarUint(decoder) !== MessageType.Sync) return undefined
  const step = decoding.readVarUint(decoder)
  return step === SYNC_STEP_2 || step === UPDATE ? decoding.readVarUint8Array(decoder) : undefined
}

export function receivedDoc(frames: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  for (const frame of frames) {
    const update = updatePayload(frame)
    if (update !== undefined) Y.applyUpdate(doc, update)
  }
  return doc
}

/** Whether any frame, or all of them end to end, contains `text` as UTF-8. */
export function framesContain(frames: readonly Uint8Array[], text: string): boolean {
  const needle = Buffer.from(text, 'utf8')
  return (
    frames.some((frame) => Buffer.from(frame).includes(needle)) ||
    Buffer.concat(frames.map((frame) => Buffer.from(frame))).includes(needle)
  )
}
