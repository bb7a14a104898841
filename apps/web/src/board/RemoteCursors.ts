import type { WebsocketProvider } from 'y-websocket'
import type { Role } from '@mapboard/protocol'

type Awareness = WebsocketProvider['awareness']

/** Where someone else's pointer is on the board, in board units, and who they are. */
export interface RemoteCursor {
  /** The awareness client id: one cursor per tab. */
  clientId: number
  name: string
  role: CursorRole
  x: number
  y: number
}

/** Observers watch; they have no pointer on the board for others to follow. */
export type CursorRole = Exclude<Role, 'viewer'>

/** How often this tab's pointer goes out while it moves: live enough to follow, cheap at ten a second. */
export const CURSOR_INTERVAL_MS = 100
/** The board is a few thousand units across; anything far beyond it is not a pointer on the map. */
const MAX_COORDINATE = 100_000
/** A name is drawn in a small label; the roster has the full one. */
const MAX_NAME_LENGTH = 40

const CURSOR_ROLES: readonly string[] = ['chair', 'professional', 'family'] satisfies CursorRole[]

/**
 * Everyone else's cursors, from awareness states (field `cursor`). The name and role come from `user`, which the
 * server stamps from each connection's token, so a state cannot pass itself off as someone else; anything in
 * `cursor` that is not two finite numbers on the board is ignored, never drawn.
 */
export function readCursors(
  states: ReadonlyMap<number, Record<string, unknown>>,
  myClientId: number,
): RemoteCursor[] {
  const cursors: RemoteCursor[] = []
  states.forEach((state, clientId) => {
    if (clientId === myClientId) return
    const user = state['user']
    if (typeof user !== 'object' || user === null) return
    const { name, role } = user as Record<string, unknown>
    if (typeof name !== 'string' || name.trim() === '') return
    if (typeof role !== 'string' || !CURSOR_ROLES.includes(role)) return
    const point = asPoint(state['cursor'])
    if (point === null) return
    cursors.push({ clientId, name: shorten(name.trim()), role: role as CursorRole, ...point })
  })
  return cursors.sort((a, b) => a.clientId - b.clientId)
}

function asPoint(value: unknown): { x: number; y: number } | null {
  if (typeof value !== 'object' || value === null) return null
  const { x, y } = value as Record<string, unknown>
  if (typeof x !== 'number' || typeof y !== 'number') return null
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null
  if (Math.abs(x) > MAX_COORDINATE || Math.abs(y) > MAX_COORDINATE) return null
  return { x, y }
}

function shorten(name: string): string {
  return name.length <= MAX_NAME_LENGTH ? name : `${name.slice(0, MAX_NAME_LENGTH - 1)}…`
}

function sameCursors(a: readonly RemoteCursor[], b: readonly RemoteCursor[]): boolean {
  return (
    a.length === b.length &&
    a.every((cursor, index) => {
      const other = b[index]
      return (
        other !== undefined &&
        cursor.clientId === other.clientId &&
        cursor.name === other.name &&
        cursor.role === other.role &&
        cursor.x === other.x &&
        cursor.y === other.y
      )
    })
  )
}

export interface RemoteCursorsOptions {
  /** Whether this tab shares its pointer and shows others': not for observers, and not on phones. */
  enabled: boolean
}

/**
 * Remote cursors: this tab's pointer, published at most every CURSOR_INTERVAL_MS (the last position always goes
 * out), and everyone else's, read from awareness. Disabled, it neither publishes nor shows anything.
 */
export class RemoteCursors {
  readonly enabled: boolean
  private cursors: RemoteCursor[] = []
  private readonly listeners = new Set<() => void>()
  private pending: { x: number; y: number } | null | undefined = undefined
  private published: { x: number; y: number } | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private lastSent = 0
  private readonly onAwareness = (): void => {
    const next = readCursors(this.awareness.getStates(), this.awareness.clientID)
    if (sameCursors(next, this.cursors)) return
    this.cursors = next
    this.listeners.forEach((listener) => listener())
  }

  constructor(
    private readonly awareness: Awareness,
    options: RemoteCursorsOptions,
  ) {
    this.enabled = options.enabled
    if (!this.enabled) return
    awareness.on('change', this.onAwareness)
    this.onAwareness()
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  readonly getCursors = (): RemoteCursor[] => this.cursors

  /** This tab's pointer moved to a board point, or left the board (null). */
  move(point: { x: number; y: number } | null): void {
    if (!this.enabled) return
    this.pending = point === null ? null : { x: Math.round(point.x), y: Math.round(point.y) }
    if (this.timer !== null) return
    const wait = Math.max(0, this.lastSent + CURSOR_INTERVAL_MS - Date.now())
    this.timer = setTimeout(this.flush, wait)
  }

  private readonly flush = (): void => {
    this.timer = null
    const next = this.pending
    this.pending = undefined
    if (next === undefined || samePoint(next, this.published)) return
    this.published = next
    this.lastSent = Date.now()
    this.awareness.setLocalStateField('cursor', next)
  }

  destroy(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.awareness.off('change', this.onAwareness)
    this.listeners.clear()
  }
}

function samePoint(a: { x: number; y: number } | null, b: { x: number; y: number } | null): boolean {
  return a === b || (a !== null && b !== null && a.x === b.x && a.y === b.y)
}
