import type { EditRefusal } from '@mapboard/protocol'

/** The part of lib0's Decoder that y-websocket hands a message handler: the frame and where reading stands. */
interface FrameDecoder {
  arr: Uint8Array
  pos: number
}

/**
 * Reads the rest of a y-protocols auth message (after its type): `0` (permission denied) and a reason string,
 * which Mapboard's server fills with an EditRefusal as JSON. Undefined for anything else.
 */
export function readPermissionDenied(decoder: FrameDecoder): EditRefusal | undefined {
  const readVarUint = (): number => {
    let value = 0
    let shift = 0
    for (;;) {
      const byte = decoder.arr[decoder.pos++]
      if (byte === undefined) throw new Error('truncated auth message')
      value += (byte & 0x7f) * 2 ** shift
      if (byte < 0x80) return value
      shift += 7
    }
  }
  if (readVarUint() !== 0) return undefined
  const length = readVarUint()
  const reason = new TextDecoder().decode(decoder.arr.subarray(decoder.pos, decoder.pos + length))
  decoder.pos += length
  try {
    const parsed = JSON.parse(reason) as Partial<EditRefusal>
    return typeof parsed.rule === 'string' && typeof parsed.message === 'string'
      ? { rule: parsed.rule, message: parsed.message }
      : undefined
  } catch {
    return undefined
  }
}
