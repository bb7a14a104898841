import * as decoding from 'lib0/decoding'
import { MessageType } from '@mapboard/protocol'
import { frameKindByType } from '../rooms/FrameBudget.ts'
import type { FrameKind } from '../rooms/FrameBudget.ts'

/** Awareness ids a forwarded client may announce as its own before any more count against it in full anyway. */
const MAX_OWN_IDS = 16

/** The awareness client ids an awareness frame names, in order; undefined for any other frame or an unreadable one. */
function awarenessIds(frame: Uint8Array): number[] | undefined {
  if (frame[0] !== MessageType.Awareness) return undefined
  try {
    const outer = decoding.createDecoder(frame)
    decoding.readVarUint(outer)
    const decoder = decoding.createDecoder(decoding.readVarUint8Array(outer))
    const count = decoding.readVarUint(decoder)
    const ids: number[] = []
    for (let i = 0; i < count; i++) {
      ids.push(decoding.readVarUint(decoder))
      decoding.readVarUint(decoder) // clock
      decoding.readVarUint8Array(decoder) // the state's JSON, skipped
    }
    return ids
  } catch {
    return undefined
  }
}

/**
 * On a forwarding instance, which of a client's awareness frames are echoes (decision 0049). A stock y-websocket
 * client repeats every presence change it hears; the authority charges those bytes only (rooms/AwarenessRelay.ts),
 * and so must the forwarder, which meters the client's frames before they cross Redis — else a busy meeting closes
 * a relayed client with 4429 that a local one would keep. The forwarder cannot see who owns an id, so it decides
 * as the authority does from what passes through it: an id the client named before the authority told it of is
 * its own; a frame naming only ids it was told of, and none of its own, is an echo.
 */
export class ForwardedEchoes {
  readonly #heard = new Set<number>()
  readonly #own = new Set<number>()

  /** A frame the authority sent the client: the awareness ids in it are others' (or ones it owns already). */
  readonly sent = (frame: Uint8Array): void => {
    for (const id of awarenessIds(frame) ?? []) this.#heard.add(id)
  }

  /** What a frame from the client costs against its budget here. */
  readonly frameKind = (_connection: unknown, frame: Uint8Array): FrameKind => {
    const kind = frameKindByType(frame)
    if (kind !== 'awareness') return kind
    const ids = awarenessIds(frame)
    if (ids === undefined || ids.length === 0) return 'awareness'
    let echo = true
    for (const id of ids) {
      if (this.#own.has(id) || !this.#heard.has(id)) {
        if (this.#own.size < MAX_OWN_IDS) this.#own.add(id)
        echo = false
      }
    }
    return echo ? 'echo' : 'awareness'
  }
}
