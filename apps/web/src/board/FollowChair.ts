import type { WebsocketProvider } from 'y-websocket'
import type { Role } from '@mapboard/protocol'
import type { BoardRect } from './BoardRect.ts'

type Awareness = WebsocketProvider['awareness']

/** The chair's visible part of the board, in board units, as published in awareness (field `view`). */
export interface SharedView extends BoardRect {
  /** When it was published, ms since the epoch: with two chair tabs, the latest wins. */
  at: number
}

/** How often the chair's view goes out while it moves: often enough to feel live, rarely enough to be cheap. */
export const PUBLISH_INTERVAL_MS = 120

/**
 * The view to follow: from an awareness state whose server-stamped `user.role` is 'chair' (never a state that
 * merely claims to be the chair in another field), not this tab's own, the most recently published.
 */
export function readChairView(
  states: ReadonlyMap<number, Record<string, unknown>>,
  myClientId: number,
): SharedView | null {
  let best: SharedView | null = null
  states.forEach((state, clientId) => {
    if (clientId === myClientId) return
    const user = state['user']
    if (typeof user !== 'object' || user === null) return
    if ((user as { role?: unknown }).role !== 'chair') return
    const view = asSharedView(state['view'])
    if (view !== null && (best === null || view.at > best.at)) best = view
  })
  return best
}

function asSharedView(value: unknown): SharedView | null {
  if (typeof value !== 'object' || value === null) return null
  const { x, y, width, height, at } = value as Record<string, unknown>
  const numbers = [x, y, width, height, at]
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return null
  if ((width as number) <= 0 || (height as number) <= 0) return null
  return {
    x: x as number,
    y: y as number,
    width: width as number,
    height: height as number,
    at: at as number,
  }
}

const sameView = (a: SharedView | null, b: SharedView | null): boolean =>
  a === b ||
  (a !== null && b !== null && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height)

/**
 * "Follow the chair": the chair's tab publishes what it sees (throttled); everyone else's may follow it. Follow
 * mode is on by default for observers and on phones, and ends when the person pans or zooms by hand.
 */
export class FollowChair {
  private following: boolean
  private chairView: SharedView | null = null
  private readonly listeners = new Set<() => void>()
  private pending: BoardRect | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private lastSent = 0
  private readonly onAwareness = (): void => {
    const next = readChairView(this.awareness.getStates(), this.awareness.clientID)
    if (sameView(next, this.chairView)) return
    this.chairView = next
    this.notify()
  }

  constructor(
    private readonly awareness: Awareness,
    private readonly role: Role,
    followByDefault: boolean,
  ) {
    this.following = role !== 'chair' && followByDefault
    awareness.on('change', this.onAwareness)
    this.onAwareness()
  }

  /** Whether this tab publishes its view (the chair's) rather than following. */
  get isChair(): boolean {
    return this.role === 'chair'
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  readonly isFollowing = (): boolean => this.following

  readonly getChairView = (): SharedView | null => this.chairView

  setFollowing(on: boolean): void {
    const next = on && !this.isChair
    if (next === this.following) return
    this.following = next
    this.notify()
  }

  /** The chair's tab: share the visible rectangle, at most every PUBLISH_INTERVAL_MS, the last one always. */
  publish(rect: BoardRect): void {
    if (!this.isChair) return
    this.pending = rect
    if (this.timer !== null) return
    const wait = Math.max(0, this.lastSent + PUBLISH_INTERVAL_MS - Date.now())
    this.timer = setTimeout(() => {
      this.timer = null
      const view = this.pending
      this.pending = null
      if (view === null) return
      this.lastSent = Date.now()
      this.awareness.setLocalStateField('view', { ...round(view), at: this.lastSent })
    }, wait)
  }

  destroy(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.awareness.off('change', this.onAwareness)
    this.listeners.clear()
  }

  private notify(): void {
    this.listeners.forEach((listener) => listener())
  }
}

/** Whole board units are plenty, and keep the awareness message small. */
function round(rect: BoardRect): BoardRect {
  return {
    x: Math.round(rect.x),
    y: Math.round(rect.y),
    width: Math.round(rect.width),
    height: Math.round(rect.height),
  }
}
