import type { WebsocketProvider } from 'y-websocket'

type Awareness = WebsocketProvider['awareness']

export interface Participant {
  clientId: number
  name: string
  role: string | null
  agency: string | null
  isMe: boolean
}

/** What this tab publishes about its user. The server may overwrite role and agency from the token. */
export interface LocalUser {
  name: string
  agency: string
  role: string | null
}

export function publishLocalUser(awareness: Awareness, user: LocalUser): void {
  awareness.setLocalStateField('user', { name: user.name, agency: user.agency, role: user.role })
}

/** Who is here, from the awareness states (one per connected tab), de-duplicated and sorted by name. */
export class Presence {
  private participants: Participant[] = []
  private readonly listeners = new Set<() => void>()
  private readonly onChange = (): void => {
    this.participants = readParticipants(this.awareness)
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
  const result: Participant[] = []
  awareness.getStates().forEach((state, clientId) => {
    const user: unknown = state['user']
    if (typeof user !== 'object' || user === null) return
    const fields = user as Record<string, unknown>
    const name = typeof fields['name'] === 'string' ? fields['name'].trim() : ''
    if (name === '') return
    result.push({
      clientId,
      name,
      role: typeof fields['role'] === 'string' ? fields['role'] : null,
      agency: typeof fields['agency'] === 'string' && fields['agency'] !== '' ? fields['agency'] : null,
      isMe: clientId === awareness.clientID,
    })
  })
  return result.sort((a, b) => Number(b.isMe) - Number(a.isMe) || a.name.localeCompare(b.name))
}
