// Everything a record shows, read once from the stored document: the pure renderers take this and nothing else.
import type * as Y from 'yjs'
import { readConference, readMap } from '@mapboard/map-model'
import type { ActorRole, ConferenceSnapshot, MapSnapshot } from '@mapboard/map-model'

/**
 * Whose view of the map a record shows. 'shared' is the shared document every participant, the family included,
 * receives; a 'professionals' audience (restricted material, marked as such) is to come.
 */
export type RecordAudience = 'shared'

/** Who generated a record, as their token said at the time. */
export interface RecordAuthor {
  participantId: string
  name: string
  role: ActorRole
  agency: string
}

/** Printed when the document names no conference type. */
export const DEFAULT_CONFERENCE_TYPE = 'Child protection conference'

export interface RecordSnapshot {
  mapId: string
  /**
   * Whose view this is. 'shared' reads the shared document only. A 'professionals' audience will add the
   * restricted document's items, each marked as not shared with the family.
   */
  audience: RecordAudience
  title: string
  /** When the map was made (the conference date), ms since the epoch. */
  date: number
  conferenceType: string
  /** From the attendance, the first person there as chair; null if none joined. */
  chair: { name: string; agency: string } | null
  map: MapSnapshot
  conference: ConferenceSnapshot
  /** The store's version of the document and the SHA-256 of its state, as the caller read them. */
  documentVersion: number
  documentSha256: string
  generatedBy: RecordAuthor
  /** ms since the epoch. */
  generatedAt: number
}

export interface RecordFacts {
  mapId: string
  audience: RecordAudience
  /** The map's title and creation time as the store has them, for a document that lacks its own. */
  fallbackTitle: string
  fallbackDate: number
  documentVersion: number
  documentSha256: string
  generatedBy: RecordAuthor
  generatedAt: number
}

export function recordSnapshot(doc: Y.Doc, facts: RecordFacts): RecordSnapshot {
  const map = readMap(doc)
  const conference = readConference(doc)
  const type = doc.getMap('meta').get('conferenceType')
  const chair = conference.attendance.find((entry) => entry.role === 'chair')
  return {
    mapId: facts.mapId,
    audience: facts.audience,
    title: map.title === '' ? facts.fallbackTitle : map.title,
    date: map.createdAt === 0 ? facts.fallbackDate : map.createdAt,
    conferenceType: typeof type === 'string' && type.trim() !== '' ? type.trim() : DEFAULT_CONFERENCE_TYPE,
    chair: chair === undefined ? null : { name: chair.name, agency: chair.agency },
    map,
    conference,
    documentVersion: facts.documentVersion,
    documentSha256: facts.documentSha256,
    generatedBy: facts.generatedBy,
    generatedAt: facts.generatedAt,
  }
}
