// The root types of a map's Y.Doc and typed access to them. Nothing else in the package names a root type.
import * as Y from 'yjs'

/** The only root types a map document has; the server refuses updates that create any other. */
export const ROOT_TYPE_NAMES = [
  'meta',
  'notes',
  'locks',
  'dangers',
  'goals',
  'familyViews',
  'nextSteps',
  'scaling',
  'attendance',
] as const
export type RootTypeName = (typeof ROOT_TYPE_NAMES)[number]

// Values are `unknown`: a document arrives from other replicas, so readers check every value they take out.

/** `title: string`, `createdAt: number`; for the conference `step`, `decision` and `apologies`. */
export function getMetaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('meta')
}

/** noteId → Y.Map of the note's fields (see NoteSnapshot). */
export function getNotesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('notes')
}

/** zoneId → `true` while the section is locked; absent means unlocked. */
export function getLocksMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('locks')
}

// The conference roots (conference/types.ts): each maps a key to one plain JSON value, replaced whole.

/** The roots that hold conference entries, each key → one plain JSON value. */
export const CONFERENCE_ROOT_NAMES = [
  'dangers',
  'goals',
  'familyViews',
  'nextSteps',
  'scaling',
  'attendance',
] as const
export type ConferenceRootName = (typeof CONFERENCE_ROOT_NAMES)[number]

export function getConferenceRoot(doc: Y.Doc, name: ConferenceRootName): Y.Map<unknown> {
  return doc.getMap<unknown>(name)
}

/** dangerId → DangerStatement. */
export function getDangersMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('dangers')
}

/** dangerId → SafetyGoal. */
export function getGoalsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('goals')
}

/** dangerId → FamilyView. */
export function getFamilyViewsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('familyViews')
}

/** stepId → NextStep. */
export function getNextStepsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('nextSteps')
}

/** roundId → ScalingRound; written by the server only. */
export function getScalingMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('scaling')
}

/** participantId → AttendanceEntry; written by the server only. */
export function getAttendanceMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>('attendance')
}

/** The Y.Map holding one note, or undefined if there is none (or the entry is not a map). */
export function getNoteMap(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
  const entry = getNotesMap(doc).get(id)
  return entry instanceof Y.Map ? (entry as Y.Map<unknown>) : undefined
}
