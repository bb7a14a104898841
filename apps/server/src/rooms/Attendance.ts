// Who has been in the meeting (product brief: "Who's in the meeting"). The room records a participant as present
// when their first connection opens and as gone when their last one closes; only the server writes these entries
// (map-model's SERVER-1), so the roster shows what the server saw, not what anyone claims.
import type * as Y from 'yjs'
import { readConference } from '@mapboard/map-model'
import type { AttendanceEntry } from '@mapboard/map-model'
import type { ConnectionIdentity } from './Connection.ts'

/**
 * Counts each participant's open connections in one room and says which attendance entries to write. It writes
 * nothing itself: the room does, so that nothing is written into a room that can no longer store it.
 */
export class Attendance {
  /** Open connections per participant id. */
  readonly #open = new Map<string, number>()
  /** When each participant first connected, as the document records it: a later join keeps it. */
  readonly #joinedAt = new Map<string, number>()
  /** Entries the document still shows as present although nobody is connected (the server stopped abruptly). */
  readonly #stale: AttendanceEntry[]

  constructor(doc: Y.Doc) {
    const { attendance } = readConference(doc)
    for (const entry of attendance) this.#joinedAt.set(entry.participantId, entry.joinedAt)
    this.#stale = attendance.filter((entry) => entry.present)
  }

  /**
   * Entries left present by a server that stopped without closing its rooms: nobody is connected to a room that
   * has just loaded, so they are marked as gone, as of now.
   */
  takeStale(now: number = Date.now()): AttendanceEntry[] {
    const stale = this.#stale.splice(0)
    return stale.map((entry) => ({ ...entry, present: false, leftAt: now }))
  }

  /** A connection opened: the entry to write if it is its participant's first. */
  arrive(identity: ConnectionIdentity, now: number = Date.now()): AttendanceEntry | null {
    const id = identity.participant.id
    const open = this.#open.get(id) ?? 0
    this.#open.set(id, open + 1)
    if (open > 0) return null
    return this.#entry(identity, now, true)
  }

  /** A connection closed: the entry to write if it was its participant's last. */
  leave(identity: ConnectionIdentity, now: number = Date.now()): AttendanceEntry | null {
    const id = identity.participant.id
    const open = this.#open.get(id)
    if (open === undefined) return null
    if (open > 1) {
      this.#open.set(id, open - 1)
      return null
    }
    this.#open.delete(id)
    return this.#entry(identity, now, false)
  }

  #entry(identity: ConnectionIdentity, now: number, present: boolean): AttendanceEntry {
    const { participant, role } = identity
    let joinedAt = this.#joinedAt.get(participant.id)
    if (joinedAt === undefined) {
      joinedAt = now
      this.#joinedAt.set(participant.id, now)
    }
    return {
      participantId: participant.id,
      name: participant.name,
      role,
      agency: participant.agency,
      joinedAt,
      present,
      leftAt: present ? null : now,
    }
  }
}
