// Everything a record shows, read once from the stored document: the pure renderers take this and nothing else.
import type * as Y from 'yjs'
import {
  CONFERENCE_TYPES,
  DEFAULT_REPORTS_POLICY,
  ZONE_IDS,
  familySeen,
  lateInformation,
  readConference,
  readMap,
} from '@mapboard/map-model'
import type {
  ActorRole,
  ConferenceSnapshot,
  FamilySeen,
  FamilyVisit,
  LateInformation,
  MapSnapshot,
  NoteSnapshot,
  ReportsPolicy,
} from '@mapboard/map-model'

/**
 * Whose view of the map a record shows. 'shared' is the shared document every participant, the family included,
 * receives; 'professionals' adds the professionals' document's notes, each marked as not shared with the family.
 */
export type RecordAudience = 'shared' | 'professionals'

/** Printed on every page of the professionals' record, and on each restricted note where it stands. */
export const PROFESSIONALS_BANNER = 'Professionals only — not to be shared with the family'
export const RESTRICTED_MARK = 'Professionals only'

/** One entry of the map's audit trail, as the appendix prints it (the server's `AuditRecord`, less what it leaves out). */
export interface RecordAuditEntry {
  seq: number
  /** The server's clock, ms since the epoch. */
  at: number
  /** Who did it, as their verified token said; null when the server acted on its own. */
  actor: { name: string; role: string; agency: string } | null
  /** One of the protocol's audit actions, printed as it is stored. */
  action: string
  summary: string
}

/**
 * The map's audit trail for a professionals' record's appendix (decision 0043), as the server read and checked it
 * when the record was made. Only a professionals' record carries one: the trail holds entries about
 * professionals-only material, which the shared record must never print.
 */
export interface RecordAuditTrail {
  /** The entries in the professionals' view, oldest first. */
  entries: readonly RecordAuditEntry[]
  /** The stored chain's check (`verifyAudit`): every entry as written, in order, none missing. */
  verification: { ok: boolean; entries: number; firstBad?: number }
  /** The chain's head as stored: the last entry's seq and hash (hex); null before the first entry. */
  head: { seq: number; hash: string } | null
}

/** The professionals' document a professionals' record was made from, beside the shared one. */
export interface RestrictedPart {
  /** Its store version and SHA-256, read the same way as the shared document's. */
  documentVersion: number
  documentSha256: string
  /** The notes that came from it (they are in `map.notes` too, in their sections). */
  noteIds: readonly string[]
  /** The audit trail for the appendix; null when the caller gave none (the PNG has no appendix). */
  audit: RecordAuditTrail | null
}

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
   * Whose view this is. 'shared' reads the shared document only; 'professionals' adds the professionals'
   * document's notes (`restricted`), each marked where it stands.
   */
  audience: RecordAudience
  /** The professionals' document, for a professionals' record; null for the shared one. */
  restricted: RestrictedPart | null
  title: string
  /** When the map was made (the conference date), ms since the epoch. */
  date: number
  conferenceType: string
  /** From the attendance, the first person there as chair; null if none joined. */
  chair: { name: string; agency: string } | null
  map: MapSnapshot
  conference: ConferenceSnapshot
  /**
   * The notes shared after the reports deadline and those new at the conference (by the server's `receivedAt`),
   * from the conference's schedule; empty lists and a null deadline until the chair has set one.
   */
  information: LateInformation
  /**
   * For each note of the shared document, when the family first opened the map after it arrived and before the
   * conference (any time, without a schedule), or null if they did not; null when the caller gave no visits.
   * Professionals-only notes have no entry: the family never receives them.
   */
  familySeen: FamilySeen | null
  /** The store's version of the shared document and the SHA-256 of its state, as the caller read them. */
  documentVersion: number
  documentSha256: string
  generatedBy: RecordAuthor
  /** ms since the epoch. */
  generatedAt: number
}

export interface RecordFacts {
  mapId: string
  /** The map's title and creation time as the store has them, for a document that lacks its own. */
  fallbackTitle: string
  fallbackDate: number
  documentVersion: number
  documentSha256: string
  generatedBy: RecordAuthor
  generatedAt: number
  /** When reports were due; the deployment's policy, England and Wales by default. */
  reportsPolicy?: ReportsPolicy
  /** When family participants opened the map, as the server recorded it; without it the record says nothing of it. */
  familyVisits?: readonly FamilyVisit[]
}

/** The professionals' document as the caller read it from the store. */
export interface RestrictedDocument {
  doc: Y.Doc
  documentVersion: number
  documentSha256: string
  /** The map's audit trail, read after both documents, for the appendix. */
  audit?: RecordAuditTrail
}

/**
 * The record of `doc` (the shared document). With `restricted`, the professionals' record: its notes join the
 * shared ones in their sections, and everything else (the meeting, the locks) comes from the shared document,
 * which is where it is written (AUD-2).
 */
export function recordSnapshot(
  doc: Y.Doc,
  facts: RecordFacts,
  restricted?: RestrictedDocument,
): RecordSnapshot {
  const shared = readMap(doc)
  const restrictedNotes = restricted === undefined ? [] : readMap(restricted.doc).notes
  const map: MapSnapshot =
    restricted === undefined
      ? shared
      : { ...shared, notes: [...shared.notes, ...restrictedNotes].sort(byPlace) }
  const conference = readConference(doc)
  const type = doc.getMap('meta').get('conferenceType')
  const schedule = conference.schedule
  const chair = conference.attendance.find((entry) => entry.role === 'chair')
  return {
    mapId: facts.mapId,
    audience: restricted === undefined ? 'shared' : 'professionals',
    restricted:
      restricted === undefined
        ? null
        : {
            documentVersion: restricted.documentVersion,
            documentSha256: restricted.documentSha256,
            noteIds: restrictedNotes.map((note) => note.id),
            audit: restricted.audit ?? null,
          },
    title: map.title === '' ? facts.fallbackTitle : map.title,
    date: map.createdAt === 0 ? facts.fallbackDate : map.createdAt,
    conferenceType:
      schedule !== null
        ? CONFERENCE_TYPES[schedule.type]
        : typeof type === 'string' && type.trim() !== ''
          ? type.trim()
          : DEFAULT_CONFERENCE_TYPE,
    chair: chair === undefined ? null : { name: chair.name, agency: chair.agency },
    map,
    conference,
    information: lateInformation(map, schedule, facts.reportsPolicy ?? DEFAULT_REPORTS_POLICY),
    familySeen:
      facts.familyVisits === undefined
        ? null
        : familySeen(shared.notes, facts.familyVisits, schedule?.startsAt ?? null),
    documentVersion: facts.documentVersion,
    documentSha256: facts.documentSha256,
    generatedBy: facts.generatedBy,
    generatedAt: facts.generatedAt,
  }
}

/** readMap's order across two documents: section, then order key, then id (by code unit, as every runtime agrees). */
function byPlace(a: NoteSnapshot, b: NoteSnapshot): number {
  const zone = ZONE_IDS.indexOf(a.zone) - ZONE_IDS.indexOf(b.zone)
  if (zone !== 0) return zone
  if (a.order !== b.order) return a.order < b.order ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}
