import type { EditRefusal } from '@mapboard/protocol'

/** One refusal as the board shows it; `seq` tells two identical refusals in a row apart. */
export interface ShownRefusal extends EditRefusal {
  seq: number
}

const FALLBACK: EditRefusal = { rule: '', message: 'The map did not accept that change, so it was undone.' }

/**
 * Edits the server refused (and reverted), as told to this connection in y-protocols auth messages. An external
 * store for `useSyncExternalStore`: the board shows the latest one as a toast.
 */
export class EditRefusals {
  private latest: ShownRefusal | null = null
  private seq = 0
  private readonly listeners = new Set<() => void>()

  /** Takes the auth message's reason: `EditRefusal` JSON, or anything else (then a general message). */
  receive(reason: string): void {
    this.latest = { ...parseRefusal(reason), seq: ++this.seq }
    this.listeners.forEach((listener) => listener())
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  readonly getLatest = (): ShownRefusal | null => this.latest

  destroy(): void {
    this.listeners.clear()
  }
}

export function parseRefusal(reason: string): EditRefusal {
  try {
    const value: unknown = JSON.parse(reason)
    if (typeof value !== 'object' || value === null) return FALLBACK
    const { rule, message } = value as Record<string, unknown>
    if (typeof message !== 'string' || message.trim() === '') return FALLBACK
    return { rule: typeof rule === 'string' ? rule : '', message: message.trim() }
  } catch {
    return FALLBACK
  }
}
