import type { WebsocketProvider } from 'y-websocket'
import { MessageType } from '@mapboard/protocol'
import type { UnsavedChanges } from './UnsavedChanges.ts'

const SYNC_STEP_1 = 0
/** A local change is asked about this long after the last one, so a burst of typing costs one question. */
const ASK_AFTER_MS = 300
/** While something asked about is still unsaved (a slow store, content the server asked for again), ask again. */
const ASK_AGAIN_MS = 1_000

/**
 * Asks the server what it has stored of ours and hands its answers to `UnsavedChanges`: every sync message the
 * server sends passes through here before y-websocket's own handler applies it, and while something is unsaved
 * and the provider is synced a SyncStep1 with `probeStateVector()` goes out (see `UnsavedChanges`).
 */
export class SaveConfirmation {
  private timer: ReturnType<typeof setTimeout> | undefined
  private readonly cleanups: Array<() => void> = []

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly unsaved: UnsavedChanges,
  ) {
    const handleSync = provider.messageHandlers[MessageType.Sync]
    if (handleSync === undefined) throw new Error('y-websocket has no sync handler')
    provider.messageHandlers[MessageType.Sync] = (encoder, decoder, ...rest) => {
      if (unsaved.hasUnsaved) {
        const update = readServerUpdate(decoder.arr, decoder.pos)
        if (update !== null) unsaved.confirm(update)
        if (unsaved.hasUnsaved) this.ask(ASK_AGAIN_MS)
      }
      handleSync(encoder, decoder, ...rest)
    }
    const onSync = (synced: boolean): void => {
      if (synced) this.ask(0)
    }
    const onChange = (): void => this.ask(ASK_AFTER_MS)
    provider.on('sync', onSync)
    const unsubscribe = unsaved.subscribe(onChange)
    this.cleanups.push(
      () => (provider.messageHandlers[MessageType.Sync] = handleSync),
      () => provider.off('sync', onSync),
      unsubscribe,
    )
  }

  destroy(): void {
    clearTimeout(this.timer)
    this.cleanups.forEach((cleanup) => cleanup())
  }

  /** Sends the question after `delayMs` (a question already due sooner stays as it is). */
  private ask(delayMs: number): void {
    if (!this.unsaved.hasUnsaved) return
    if (this.timer !== undefined && delayMs > 0) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = undefined
      const ws = this.provider.ws
      // Not synced: the reconnect's own sync round comes first, and its 'sync' asks again.
      if (!this.unsaved.hasUnsaved || ws === null || ws.readyState !== ws.OPEN || !this.provider.synced)
        return
      ws.send(syncStep1(this.unsaved.probeStateVector()))
      this.ask(ASK_AGAIN_MS)
    }, delayMs)
  }
}

/** The update in a server sync message (SyncStep2 or Update) read from `pos`, or null for a SyncStep1. */
function readServerUpdate(bytes: Uint8Array, pos: number): Uint8Array | null {
  const step = readVarUint(bytes, pos)
  if (step.value === SYNC_STEP_1) return null
  const length = readVarUint(bytes, step.next)
  return bytes.subarray(length.next, length.next + length.value)
}

function readVarUint(bytes: Uint8Array, pos: number): { value: number; next: number } {
  let value = 0
  let shift = 0
  let at = pos
  for (;;) {
    const byte = bytes[at++] ?? 0
    value += (byte & 0x7f) * 2 ** shift
    shift += 7
    if (byte < 0x80 || at >= bytes.length) return { value, next: at }
  }
}

function writeVarUint(out: number[], value: number): void {
  let rest = value
  while (rest > 0x7f) {
    out.push((rest % 0x80) | 0x80)
    rest = Math.floor(rest / 0x80)
  }
  out.push(rest)
}

/** `0 (Sync), 0 (SyncStep1), varUint8Array stateVector`, as y-protocols writes it. */
function syncStep1(stateVector: Uint8Array): Uint8Array {
  const head: number[] = []
  writeVarUint(head, MessageType.Sync)
  writeVarUint(head, SYNC_STEP_1)
  writeVarUint(head, stateVector.length)
  const frame = new Uint8Array(head.length + stateVector.length)
  frame.set(head)
  frame.set(stateVector, head.length)
  return frame
}
