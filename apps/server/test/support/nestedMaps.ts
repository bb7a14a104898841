// Hand-encoded Yjs (v1) updates that nest Y.Maps inside one another, the way a modified client would: built byte
// by byte, because a Y.Doc that held them would itself overflow the stack when they are deleted.
import * as encoding from 'lib0/encoding'
import { MAX_MESSAGE_BYTES } from '@mapboard/protocol'

/** Yjs content refs and type refs (yjs `structs/Item.js`, `types/AbstractType.js`). */
const CONTENT_TYPE = 7
const Y_MAP = 1
const HAS_PARENT_SUB = 0b0010_0000

export interface NestedMapsOptions {
  /** The Yjs client id the maps are written under. */
  client: number
  /** Levels below `notes`: the first map is a note map, each further one sits under key `a` of the one before. */
  depth: number
  /** Clock of the first map (the client's state on the server). Default 0. */
  clock?: number
  /** Key of the first map in `notes`. */
  noteId?: string
}

/** `depth` Y.Maps, each inside the one before it, the first directly under the `notes` root. */
export function nestedMapsUpdate(options: NestedMapsOptions): Uint8Array {
  const { client, depth } = options
  const start = options.clock ?? 0
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1) // one client
  encoding.writeVarUint(encoder, depth) // structs
  encoding.writeVarUint(encoder, client)
  encoding.writeVarUint(encoder, start)
  for (let level = 0; level < depth; level++) {
    encoding.writeUint8(encoder, CONTENT_TYPE | HAS_PARENT_SUB) // no origins: the parent is written out
    if (level === 0) {
      encoding.writeVarUint(encoder, 1) // parent is a root, by name
      encoding.writeVarString(encoder, 'notes')
      encoding.writeVarString(encoder, options.noteId ?? 'nested-note-0001')
    } else {
      encoding.writeVarUint(encoder, 0) // parent is the map one level up, by id
      encoding.writeVarUint(encoder, client)
      encoding.writeVarUint(encoder, start + level - 1)
      encoding.writeVarString(encoder, 'a')
    }
    encoding.writeVarUint(encoder, Y_MAP)
  }
  encoding.writeVarUint(encoder, 0) // empty delete set
  return encoding.toUint8Array(encoder)
}

/** Bytes a sync Update frame adds around its update (type, step, a varuint length of up to 4 bytes). */
const FRAME_OVERHEAD = 6

/** The deepest nesting whose update still fits in one frame of MAX_MESSAGE_BYTES. */
export function deepestNestingInOneFrame(client: number, clock = 0): number {
  const fits = (depth: number) =>
    nestedMapsUpdate({ client, clock, depth }).length <= MAX_MESSAGE_BYTES - FRAME_OVERHEAD
  // Each level takes at least 7 bytes, so this many never fit.
  let low = 1
  let high = Math.ceil(MAX_MESSAGE_BYTES / 7)
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (fits(middle)) low = middle
    else high = middle - 1
  }
  return low
}
