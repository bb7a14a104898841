// When the family opened the map (decision 0039), so the record can say whether they saw each item before the
// conference. The room calls `arrive` as it admits a family connection to the shared document; who it is comes
// from the verified token, so nobody can record a visit for someone else.
//
// Only visits that can change an answer are stored. The record asks, for each item, "the first visit at or after
// it arrived": a visit after which no item arrived that the participant's previous stored visit had not already
// covered answers nothing new. So a visit is stored when it is the participant's first, or when some note was
// received after their last stored visit. A participant who reconnects a hundred times while nothing changes
// has one row; every row stands for at least one item that arrived since the one before. Caps per participant
// and per map bound what a hostile client could still make the table hold (a professional adding notes between
// each of a family member's reconnects); past a cap, visits are not stored, so an item can only ever be reported
// as not seen when it was, never the other way round.
import type * as Y from 'yjs'
import { latestReceivedAt } from '@mapboard/map-model'
import type { FamilyVisitStore } from '../storage/FamilyVisitStore.ts'
import type { ConnectionIdentity } from './Connection.ts'
import type { RoomLogger } from './SocketLike.ts'

/** Stored visits per family participant per map; far more than a family opens a map with news between. */
export const MAX_VISITS_PER_PARTICIPANT = 500
/** Stored visits per map, all family participants together. */
export const MAX_VISITS_PER_MAP = 20_000

export interface FamilyVisitsOptions {
  mapId: string
  doc: Y.Doc
  store: FamilyVisitStore
  logger: RoomLogger
  /** The server's clock, ms since the epoch. */
  now: () => number
}

interface ParticipantVisits {
  /** The latest stored (or being stored) visit. */
  last: number
  count: number
}

export class FamilyVisits {
  readonly #options: FamilyVisitsOptions
  readonly #byParticipant: Map<string, ParticipantVisits>
  #total: number
  /** Writes not yet finished: `settle` waits for them. */
  readonly #writing = new Set<Promise<void>>()

  /** Reads the map's stored visits, so the rule above holds across restarts. */
  static async load(options: FamilyVisitsOptions): Promise<FamilyVisits> {
    const byParticipant = new Map<string, ParticipantVisits>()
    const visits = await options.store.listFamilyVisits(options.mapId)
    for (const visit of visits) {
      const known = byParticipant.get(visit.participantId)
      byParticipant.set(visit.participantId, {
        last: Math.max(known?.last ?? visit.visitedAt, visit.visitedAt),
        count: (known?.count ?? 0) + 1,
      })
    }
    return new FamilyVisits(options, byParticipant, visits.length)
  }

  private constructor(
    options: FamilyVisitsOptions,
    byParticipant: Map<string, ParticipantVisits>,
    total: number,
  ) {
    this.#options = options
    this.#byParticipant = byParticipant
    this.#total = total
  }

  /**
   * A connection has been admitted: if it is a family participant's, and the visit can tell something (above),
   * it is stored. Never throws and never holds the connection up: a visit that cannot be stored is logged.
   */
  arrive(identity: ConnectionIdentity): void {
    if (identity.role !== 'family') return
    const { mapId, doc, logger, now } = this.#options
    const participantId = identity.participant.id
    const visitedAt = now()
    const known = this.#byParticipant.get(participantId)
    if (known !== undefined) {
      const latest = latestReceivedAt(doc)
      if (latest === null || latest <= known.last || visitedAt <= known.last) return
      if (known.count >= MAX_VISITS_PER_PARTICIPANT) return
    }
    if (this.#total >= MAX_VISITS_PER_MAP) {
      logger.warn({ mapId }, 'family visits not recorded: the map holds as many as it may')
      return
    }
    const before = known === undefined ? undefined : { ...known }
    this.#byParticipant.set(participantId, { last: visitedAt, count: (known?.count ?? 0) + 1 })
    this.#total += 1
    const writing = this.#options.store
      .addFamilyVisit({ mapId, participantId, visitedAt })
      .catch((error: unknown) => {
        // Forgotten, so the participant's next opening is stored instead.
        const current = this.#byParticipant.get(participantId)
        if (current?.last === visitedAt) {
          if (before === undefined) this.#byParticipant.delete(participantId)
          else this.#byParticipant.set(participantId, before)
          this.#total -= 1
        }
        logger.error({ mapId, err: error }, 'could not record a family visit')
      })
      .finally(() => this.#writing.delete(writing))
    this.#writing.add(writing)
  }

  /** Resolves once every visit recorded so far is stored (or has failed and been logged). */
  async settle(): Promise<void> {
    await Promise.all([...this.#writing])
  }
}
