// Who has been in the meeting (product brief: "Who's in the meeting"). The room records a participant as present
// when their first connection opens and as gone when their last one closes; only the server writes these entries
// (map-model's SERVER-1), so the roster shows what the server saw, not what anyone claims.
import type * as Y from 'yjs'
import { readConference, writeAttendance } from '@mapboard/map-model'
import type { AttendanceEntry } from '@mapboard/map-model'
import type { ConnectionIdentity } from './Connection.ts'
import { SERVER_ORIGIN } from './serverOrigin.ts'
import type { RoomLogger } from './SocketLike.ts'

/** How long attendance changes wait to be written together (see Attendance.#queue). */
const ATTENDANCE_DELAY_MS = 250

export interface AttendanceOptions {
  mapId: string
  logger: RoomLogger
  /** Whether the room can still store what is written (nothing is written into a room that cannot). */
  writable(): boolean
  /** Whether to write at once rather than wait: the room is empty or closing, and about to be settled. */
  urgent(): boolean
}

/**
 * Counts each participant's open connections in one room and writes the attendance entries that follow, with the
 * server's origin. Changes are written together, ATTENDANCE_DELAY_MS after the first: thirty people joining at
 * once make one write and one broadcast, not thirty.
 */
export class Attendance {
  readonly #doc: Y.Doc
  readonly #options: AttendanceOptions
  /** Open connections per participant id. */
  readonly #open = new Map<string, number>()
  /** When each participant first connected, as the document records it: a later join keeps it. */
  readonly #joinedAt = new Map<string, number>()
  /** Entries the document still shows as present although nobody is connected (the server stopped abruptly). */
  readonly #stale: AttendanceEntry[]

  /** Entries waiting to be written, by participant id (the latest of each). */
  readonly #queued = new Map<string, AttendanceEntry>()
  #timer: NodeJS.Timeout | undefined

  constructor(doc: Y.Doc, options: AttendanceOptions) {
    this.#doc = doc
    this.#options = options
    const { attendance } = readConference(doc)
    for (const entry of attendance) this.#joinedAt.set(entry.participantId, entry.joinedAt)
    this.#stale = attendance.filter((entry) => entry.present)
  }

  /**
   * Ends the entries left present by a server that stopped without closing its rooms: nobody is connected to a
   * room that has just loaded, so they are marked as gone, as of now.
   */
  endStale(now: number = Date.now()): void {
    for (const entry of this.#stale.splice(0)) this.#queue({ ...entry, present: false, leftAt: now })
  }

  /** A connection opened: its participant is present, if this is their first. */
  arrive(identity: ConnectionIdentity, now: number = Date.now()): void {
    const id = identity.participant.id
    const open = this.#open.get(id) ?? 0
    this.#open.set(id, open + 1)
    if (open === 0) this.#queue(this.#entry(identity, now, true))
  }

  /** A connection closed: its participant is gone, if it was their last. */
  leave(identity: ConnectionIdentity, now: number = Date.now()): void {
    const id = identity.participant.id
    const open = this.#open.get(id)
    if (open === undefined) return
    if (open > 1) {
      this.#open.set(id, open - 1)
      return
    }
    this.#open.delete(id)
    this.#queue(this.#entry(identity, now, false))
  }

  /** Writes what is queued now (the room is closing). */
  flush(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    const entries = [...this.#queued.values()]
    this.#queued.clear()
    if (!this.#options.writable() || entries.length === 0) return
    const doc = this.#doc
    try {
      doc.transact(() => {
        for (const entry of entries) writeAttendance(doc, entry, SERVER_ORIGIN)
      }, SERVER_ORIGIN)
    } catch (error) {
      // The roster is worth less than the meeting: nobody is kept out because their entry would not write.
      this.#options.logger.error({ mapId: this.#options.mapId, err: error }, 'could not record attendance')
    }
  }

  #queue(entry: AttendanceEntry): void {
    if (!this.#options.writable()) return
    this.#queued.set(entry.participantId, entry)
    if (this.#options.urgent()) {
      this.flush()
      return
    }
    if (this.#timer !== undefined) return
    this.#timer = setTimeout(() => this.flush(), ATTENDANCE_DELAY_MS)
    this.#timer.unref()
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
