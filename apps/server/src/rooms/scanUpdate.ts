// A first, cheap pass over the bytes of a client's Yjs (v1) update, before Yjs decodes it. `Y.decodeUpdate` builds an
// object per struct and costs 2.5–6 µs each: a 2 MiB frame of tiny structs (200,000 nested maps, say) takes about a
// second to decode. This pass reads the same bytes the way Yjs's own reader does (yjs `utils/updates.js`,
// `lazyStructReaderGenerator`) but keeps nothing, and stops at the first thing the map document never holds — too
// many structs or shared types, content other than plain values, Y.Maps and deletions, a value nested too deeply —
// so a hostile frame costs the bytes read up to that point. What it lets through is decoded and checked in full.
import * as decoding from 'lib0/decoding'

export interface ScanLimits {
  maxStructs: number
  maxSharedTypes: number
  maxValueDepth: number
}

/** Yjs content refs (yjs `structs/Item.js`, `contentRefs`) and the type ref of a Y.Map (`YMapRefID`). */
const CONTENT_DELETED = 1
const CONTENT_TYPE = 7
const CONTENT_ANY = 8
const Y_MAP = 1
/** `info` bits of an item: has an origin, has a right origin, has a parentSub; the low five bits are the content. */
const HAS_ORIGIN = 0b1000_0000
const HAS_RIGHT_ORIGIN = 0b0100_0000
const HAS_PARENT_SUB = 0b0010_0000
const CONTENT_BITS = 0b0001_1111
const SKIP = 10

const CONTENT_NAMES: Record<number, string> = {
  2: 'ContentJSON',
  3: 'ContentBinary',
  4: 'ContentString',
  5: 'ContentEmbed',
  6: 'ContentFormat',
  9: 'sub-document',
}
const TYPE_NAMES: Record<number, string> = {
  0: 'YArray',
  2: 'YText',
  3: 'YXmlElement',
  4: 'YXmlFragment',
  5: 'YXmlHook',
  6: 'YXmlText',
}

/** Undefined if the update may go on to be decoded, or why it is refused. */
export function scanUpdate(update: Uint8Array, limits: ScanLimits): string | undefined {
  const decoder = decoding.createDecoder(update)
  let structs = 0
  let sharedTypes = 0
  try {
    const clients = decoding.readVarUint(decoder)
    for (let c = 0; c < clients; c++) {
      const count = decoding.readVarUint(decoder)
      decoding.readVarUint(decoder) // client
      decoding.readVarUint(decoder) // first clock
      for (let s = 0; s < count; s++) {
        if (++structs > limits.maxStructs) return `more than ${limits.maxStructs} structs`
        const info = decoding.readUint8(decoder)
        const content = info & CONTENT_BITS
        if (info === SKIP || content === 0) {
          decoding.readVarUint(decoder) // the length of a Skip or a GC
          continue
        }
        if ((info & HAS_ORIGIN) !== 0) skipId(decoder)
        if ((info & HAS_RIGHT_ORIGIN) !== 0) skipId(decoder)
        if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
          if (decoding.readVarUint(decoder) === 1)
            skipString(decoder) // root name
          else skipId(decoder) // the parent type's item
          if ((info & HAS_PARENT_SUB) !== 0) skipString(decoder)
        }
        if (content === CONTENT_DELETED) decoding.readVarUint(decoder)
        else if (content === CONTENT_TYPE) {
          const type = decoding.readVarUint(decoder)
          if (type !== Y_MAP) return `nested ${TYPE_NAMES[type] ?? 'shared type'} (only Y.Map)`
          if (++sharedTypes > limits.maxSharedTypes) return `more than ${limits.maxSharedTypes} shared types`
        } else if (content === CONTENT_ANY) {
          const values = decoding.readVarUint(decoder)
          for (let v = 0; v < values; v++) {
            const problem = skipAny(decoder, limits.maxValueDepth)
            if (problem !== undefined) return problem
          }
        } else {
          const name = CONTENT_NAMES[content]
          return name === undefined ? 'undecodable update' : `${name} is not part of a map document`
        }
      }
    }
  } catch {
    return 'undecodable update'
  }
  return undefined
}

function skipId(decoder: decoding.Decoder): void {
  decoding.readVarUint(decoder)
  decoding.readVarUint(decoder)
}

function skipString(decoder: decoding.Decoder): void {
  const length = decoding.readVarUint(decoder)
  if (decoder.pos + length > decoder.arr.length) throw new RangeError('string past the end')
  decoder.pos += length
}

/** lib0 `writeAny` tags (lib0 `encoding.js`). */
const ANY_OBJECT = 118
const ANY_ARRAY = 117
const ANY_BYTES = 116
const ANY_STRING = 119

/**
 * Skips one lib0 `any` value without building it (and without recursion: a hostile value may be nested millions
 * deep). Objects and arrays deeper than `maxDepth` are refused here, as checkUpdate would refuse them.
 */
function skipAny(decoder: decoding.Decoder, maxDepth: number): string | undefined {
  // Per open object or array: how many of its values are still to read, and whether each has a key before it.
  const left: number[] = [1]
  const keyed: boolean[] = [false]
  while (left.length > 0) {
    const top = left.length - 1
    if ((left[top] as number) === 0) {
      left.pop()
      keyed.pop()
      continue
    }
    left[top] = (left[top] as number) - 1
    if (keyed[top] === true) skipString(decoder)
    const tag = decoding.readUint8(decoder)
    switch (tag) {
      case 127: // undefined
      case 126: // null
      case 121: // false
      case 120: // true
        break
      case 125: // integer
        decoding.readVarInt(decoder)
        break
      case 124: // float32
        decoding.readUint8Array(decoder, 4)
        break
      case 123: // float64
      case 122: // bigint64
        decoding.readUint8Array(decoder, 8)
        break
      case ANY_STRING:
        skipString(decoder)
        break
      case ANY_BYTES:
        return 'binary value'
      case ANY_OBJECT:
      case ANY_ARRAY:
        // The outermost frame is the value itself, not a container.
        if (left.length > maxDepth) return 'value nested too deeply'
        left.push(decoding.readVarUint(decoder))
        keyed.push(tag === ANY_OBJECT)
        break
      default:
        return 'undecodable update'
    }
  }
  return undefined
}
