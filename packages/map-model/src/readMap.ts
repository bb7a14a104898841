// A plain, normalised snapshot of a map document. Replicas may hold anything another client wrote, so every value
// is checked: a note in an unknown section is left out, any other bad or missing field takes its default.
import * as Y from 'yjs'
import { audienceOfNoteId } from './audience.ts'
import type { NoteSharing, NoteWithdrawal } from './disclosure.ts'
import { DEFAULT_COLOUR_BY_COLUMN, DEFAULT_NOTE_KIND, isNoteColour, isNoteKind } from './noteFields.ts'
import type { NoteColour, NoteKind } from './noteFields.ts'
import { FALLBACK_ORDER, compareInZone, compareNotes, isOrderKey } from './order.ts'
import { getLocksMap, getMetaMap, getNotesMap } from './schema.ts'
import { ZONE_IDS, isZoneId, zoneColumn } from './zones.ts'
import type { ZoneId } from './zones.ts'

export interface NoteSnapshot {
  id: string
  zone: ZoneId
  text: string
  kind: NoteKind
  /** Where the information came from, e.g. "school attendance records". */
  source: string
  /** Display name of whoever added the note. */
  author: string
  /** Participant id of whoever added the note; '' for notes from before authorship was recorded. */
  authorId: string
  /** Agency of whoever added the note; '' if none. */
  agency: string
  /** Milliseconds since the epoch, by the clock of the device that added it. */
  createdAt: number
  /**
   * When the server first stored the note, by the server's clock (SERVER-2; ms since the epoch). A note from before
   * the server recorded it, or one this device added and the server has not yet answered for, gives its
   * `createdAt` instead (decision 0035).
   */
  receivedAt: number
  /** Position within the section: an order key (see order.ts) compared by code unit, ties broken by id; '1' (near the start)
   * if the stored one is missing or unusable. */
  order: string
  colour: NoteColour
  /** Professionals' document only: when, by whom and as which shared note the chair shared it with the family. */
  sharing?: NoteSharing
  /** Shared document only: the chair withdrew it (it stays, shown withdrawn with the reason). */
  withdrawal?: NoteWithdrawal
}

export interface MapSnapshot {
  title: string
  createdAt: number
  /** Sorted by section (ZONE_IDS order), then order, then id. */
  notes: NoteSnapshot[]
  /** Locked sections, in ZONE_IDS order. */
  locks: ZoneId[]
}

export function readMap(doc: Y.Doc): MapSnapshot {
  const meta = getMetaMap(doc)
  const notes: NoteSnapshot[] = []
  getNotesMap(doc).forEach((value, id) => {
    const note = value instanceof Y.Map ? readNote(id, value as Y.Map<unknown>) : undefined
    if (note) notes.push(note)
  })
  notes.sort(compareNotes)
  const locks = getLocksMap(doc)
  return {
    title: stringOr(meta.get('title'), ''),
    createdAt: numberOr(meta.get('createdAt'), 0),
    notes,
    locks: ZONE_IDS.filter((zone) => locks.get(zone) === true),
  }
}

/** One note, normalised; undefined if it is in no known section. The map key is the id, whatever `id` says. */
export function readNote(id: string, note: Y.Map<unknown>): NoteSnapshot | undefined {
  const zone = note.get('zone')
  if (!isZoneId(zone)) return undefined
  const kind = note.get('kind')
  const colour = note.get('colour')
  const createdAt = numberOr(note.get('createdAt'), 0)
  const snapshot: NoteSnapshot = {
    id,
    zone,
    text: stringOr(note.get('text'), ''),
    kind: isNoteKind(kind) ? kind : DEFAULT_NOTE_KIND,
    source: stringOr(note.get('source'), ''),
    author: stringOr(note.get('author'), ''),
    authorId: stringOr(note.get('authorId'), ''),
    agency: stringOr(note.get('agency'), ''),
    createdAt,
    receivedAt: numberOr(note.get('receivedAt'), createdAt),
    order: orderOr(note.get('order')),
    colour: isNoteColour(colour) ? colour : DEFAULT_COLOUR_BY_COLUMN[zoneColumn(zone)],
  }
  const sharing = readSharing(id, note)
  if (sharing) snapshot.sharing = sharing
  const withdrawal = readWithdrawal(id, note)
  if (withdrawal) snapshot.withdrawal = withdrawal
  return snapshot
}

/** Whole and in the right document, or not at all: a half-written or misplaced group reads as absent. */
function readSharing(id: string, note: Y.Map<unknown>): NoteSharing | undefined {
  const at = note.get('sharedAt')
  const by = note.get('sharedBy')
  const as = note.get('sharedAs')
  if (audienceOfNoteId(id) !== 'professionals' || !isTime(at) || typeof by !== 'string') return undefined
  if (typeof as !== 'string' || as === '' || audienceOfNoteId(as) !== 'shared') return undefined
  return { at, by, as }
}

function readWithdrawal(id: string, note: Y.Map<unknown>): NoteWithdrawal | undefined {
  const at = note.get('withdrawnAt')
  const by = note.get('withdrawnBy')
  const reason = note.get('withdrawnReason')
  if (audienceOfNoteId(id) !== 'shared' || !isTime(at) || typeof by !== 'string') return undefined
  if (typeof reason !== 'string' || reason.trim() === '') return undefined
  return { at, by, reason }
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
}

/** The notes of one section in display order. */
export function readZoneNotes(doc: Y.Doc, zone: ZoneId): NoteSnapshot[] {
  const notes: NoteSnapshot[] = []
  getNotesMap(doc).forEach((value, id) => {
    if (!(value instanceof Y.Map) || value.get('zone') !== zone) return
    const note = readNote(id, value as Y.Map<unknown>)
    if (note) notes.push(note)
  })
  return notes.sort(compareInZone)
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback
}

function orderOr(value: unknown): string {
  return isOrderKey(value) ? value : FALLBACK_ORDER
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}
