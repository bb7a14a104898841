import type { WebsocketProvider } from 'y-websocket'
import { isRole } from '@mapboard/protocol'
import type { Participant as JoinedParticipant, Role } from '@mapboard/protocol'

type Awareness = WebsocketProvider['awareness']

/** One person on the board now. */
export interface Participant {
  /** The participant id (or the awareness client id when a state carries none). */
  key: string
  name: string
  role: Role | null
  agency: string | null
  isMe: boolean
  /** How many of their tabs or devices are connected. */
  connections: number
}

/**
 * What this tab publishes about its user. The server overwrites `user` with the same fields taken from the
 * participant token, so what others see is never what a client claims.
 */
export function publishLocalUser(awareness: Awareness, user: JoinedParticipant): void {
  awareness.setLocalStateField('user', { id: user.id, name: user.name, role: user.role, agency: user.agency })
}

/** Who is here, from the awareness states (one per connected tab), one entry per person, me first. */
export class Presence {
  private participants: Participant[] = []
  private readonly listeners = new Set<() => void>()
  private readonly onChange = (): void => {
    const next = readParticipants(this.awareness)
    // Awareness also carries the chair's view and cursors, which change far more often than who is here.
    if (sameParticipants(next, this.participants)) return
    this.participants = next
    this.listeners.forEach((listener) => listener())
  }

  constructor(private readonly awareness: Awareness) {
    awareness.on('change', this.onChange)
    this.participants = readParticipants(awareness)
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  readonly getParticipants = (): Participant[] => this.participants

  destroy(): void {
    this.awareness.off('change', this.onChange)
    this.listeners.clear()
  }
}

function readParticipants(awareness: Awareness): Participant[] {
  const byKey = new Map<string, Participant>()
  const myState: unknown = awareness.getLocalState()?.['user']
  const myId = typeof myState === 'object' && myState !== null ? (myState as { id?: unknown }).id : undefined
  awareness.getStates().forEach((state, clientId) => {
    const user: unknown = state['user']
    if (typeof user !== 'object' || user === null) return
    const fields = user as Record<string, unknown>
    const name = typeof fields['name'] === 'string' ? fields['name'].trim() : ''
    if (name === '') return
    const id = typeof fields['id'] === 'string' && fields['id'] !== '' ? fields['id'] : null
    const key = id ?? `client-${clientId}`
    const isMe = clientId === awareness.clientID || (id !== null && id === myId)
    const known = byKey.get(key)
    if (known) {
      known.connections++
      known.isMe ||= isMe
      return
    }
    const role = fields['role']
    byKey.set(key, {
      key,
      name,
      role: isRole(role) ? role : null,
      agency: typeof fields['agency'] === 'string' && fields['agency'] !== '' ? fields['agency'] : null,
      isMe,
      connections: 1,
    })
  })
  return [...byKey.values()].sort((a, b) => Number(b.isMe) - Number(a.isMe) || a.name.localeCompare(b.name))
}

function sameParticipants(a: readonly Participant[], b: readonly Participant[]): boolean {
  return (
    a.length === b.length &&
    a.every((person, index) => {
      const other = b[index]
      return (
        other !== undefined &&
        person.key === other.key &&
        person.name === other.name &&
        person.role === other.role &&
        person.agency === other.agency &&
        person.isMe === other.isMe &&
        person.connections === other.connections
      )
    })
  )
}
