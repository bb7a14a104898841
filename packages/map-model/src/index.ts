// Public API of @mapboard/map-model. This file is the contract the server and the web app build against.
// Implementations live one concept per module beside it (zones.ts, schema.ts, addNote.ts, ...).
export { AUDIENCES, PROFESSIONALS_NOTE_PREFIX, audienceOfNoteId, isAudience } from './audience.ts'
export type { Audience } from './audience.ts'
export { ZONE_IDS, ZONES, COLUMNS, isZoneId, zoneLabel } from './zones.ts'
export type { ZoneId, Zone, Column, ColumnId } from './zones.ts'
export { NOTE_KINDS, NOTE_COLOURS, MAX_NOTE_TEXT, MAX_SOURCE_TEXT, MAX_TITLE_TEXT } from './noteFields.ts'
export type { NoteKind, NoteColour } from './noteFields.ts'
export { MapValidationError } from './MapValidationError.ts'
export { initMap } from './initMap.ts'
export { addNote } from './addNote.ts'
export type { AddNoteInput } from './addNote.ts'
export { updateNote } from './updateNote.ts'
export type { NotePatch } from './updateNote.ts'
export { moveNote } from './moveNote.ts'
export { deleteNote } from './deleteNote.ts'
export { setLock } from './setLock.ts'
export { readMap, readZoneNotes } from './readMap.ts'
export type { MapSnapshot, NoteSnapshot } from './readMap.ts'
export { shareWithFamily } from './shareWithFamily.ts'
export type { ChairIdentity, ShareOptions } from './shareWithFamily.ts'
export { withdrawNote } from './withdrawNote.ts'
export { MAP_CLOSURE_KEY, readMapClosure, writeMapClosure } from './mapClosure.ts'
export type { MapClosure } from './mapClosure.ts'
export { SHARED_FIELDS, WITHDRAWN_FIELDS } from './disclosure.ts'
export type { NoteSharing, NoteWithdrawal, DisclosureField } from './disclosure.ts'
export { MAX_WITHDRAWN_REASON } from './noteFields.ts'
export { layout } from './layout.ts'
export type { MapLayout, SectionBox, ColumnBox, NoteBox, LayoutOptions } from './layout.ts'

// Additions beyond the original contract.
export {
  MAX_AUTHOR_TEXT,
  DEFAULT_NOTE_KIND,
  isNoteKind,
  isNoteColour,
  defaultNoteColour,
} from './noteFields.ts'
export type { MapValidationCode } from './MapValidationError.ts'
export { ROOT_TYPE_NAMES } from './schema.ts'
export type { RootTypeName } from './schema.ts'
export type { InitMapInput } from './initMap.ts'
export type { MoveNoteTarget } from './moveNote.ts'
export { observeMap } from './observeMap.ts'
export type { JudgementBox, LayoutGrid } from './layout.ts'
export { sectionAt, indexAt } from './hitTest.ts'
export { JUDGEMENT_LABEL, SCALING_QUESTION } from './judgement.ts'
export { MAX_AGENCY_TEXT, MAX_AUTHOR_ID_LENGTH } from './noteFields.ts'
export { MAX_ORDER_LENGTH, compareNotes, isOrderKey } from './order.ts'
export type { Ordered } from './order.ts'

// Permission rules: the server judges every change with these (see permissions/rules.ts).
export { RULES, RULE_IDS } from './permissions/rules.ts'
export type { RuleId } from './permissions/rules.ts'
export type { Actor, ActorRole } from './permissions/Actor.ts'
export { NoteIndex } from './permissions/NoteIndex.ts'
export type { IndexedNote } from './permissions/NoteIndex.ts'
export { collectChanges } from './permissions/collectChanges.ts'
export type { DocumentChange } from './permissions/collectChanges.ts'
export { checkTransaction } from './permissions/checkTransaction.ts'
export type { Verdict } from './permissions/checkTransaction.ts'
export {
  ROOT_RULES,
  VIEWER_REFUSAL,
  mayAddNote,
  mayChangeNote,
  mayChangeWithdrawn,
  mayShare,
  mayWithdraw,
  mayLock,
  mayMoveNote,
  mayRemoveNote,
  mayWrite,
  mayWriteMeta,
  mayWriteRoot,
  owns,
} from './permissions/policy.ts'
export type { ClientConferenceRoot, LockedSections, NoteFacts, PolicyActor } from './permissions/policy.ts'
export { NOTE_FIELDS, AUTHOR_FIELDS, noteProblem } from './permissions/noteShape.ts'
export type { NoteField } from './permissions/noteShape.ts'

// The conference (conference/types.ts): agenda, danger statements and safety goals, next steps, decision, roster.
export type {
  AgendaStepId,
  AgendaStep,
  RecordedBy,
  DangerStatement,
  SafetyGoal,
  FamilyView,
  NextStep,
  DecisionOutcome,
  CpCategory,
  AgencyView,
  Dissent,
  Decision,
  Apology,
  ClosedSession,
  ClosedSessionAttendee,
  ScalingSubject,
  ScaleResult,
  ScalingRound,
  AttendanceEntry,
  ConferenceSnapshot,
} from './conference/types.ts'
export { AGENDA_STEPS, isAgendaStepId, agendaStep, setStep } from './conference/agenda.ts'
export type { SetStepOptions } from './conference/agenda.ts'
export {
  MAX_DANGER_STATEMENTS,
  MAX_STATEMENT_TEXT,
  MAX_REASON_TEXT,
  MAX_PART_TEXT,
  MAX_SHORT_TEXT,
  MAX_LIST_ITEMS,
  MAX_VALUE_STRING_LENGTH,
  DECISION_OUTCOMES,
  CP_CATEGORIES,
} from './conference/conferenceFields.ts'
export {
  composeDangerStatement,
  composeSafetyGoal,
  addDangerStatement,
  updateDangerStatement,
  removeDangerStatement,
  setSafetyGoal,
  setFamilyView,
} from './conference/dangers.ts'
export type { DangerInput, DangerPatch, SafetyGoalInput } from './conference/dangers.ts'
export { addNextStep, updateNextStep, removeNextStep, isOverdue } from './conference/nextSteps.ts'
export type { NextStepInput, NextStepPatch } from './conference/nextSteps.ts'
export { recordDecision } from './conference/decision.ts'
export { currentClosedSession, endClosedSession, startClosedSession } from './conference/closedSession.ts'
export { setApologies } from './conference/apologies.ts'
export { setFamilyMayExport, familyMayExport } from './conference/exportPolicy.ts'
export { writeScalingRound, writeAttendance } from './conference/serverWrites.ts'
export { readConference, observeConference } from './conference/readConference.ts'
export {
  validateDangerStatement,
  validateSafetyGoal,
  validateFamilyView,
  validateNextStep,
  validateDecision,
  validateApologies,
  validateScalingRound,
  validateAttendanceEntry,
  validateRecordedBy,
  validateDate,
} from './conference/validateConference.ts'
export { CONFERENCE_ROOT_NAMES } from './schema.ts'
export type { ConferenceRootName } from './schema.ts'
export { judgementScale, judgementSummary } from './conference/judgementScale.ts'
export type { JudgementScale } from './conference/judgementScale.ts'
export {
  INK,
  INK_MUTED,
  NOTE_FILL,
  KIND_BADGE,
  COLUMN_TINT,
  LOCKED_SECTION,
  SCALE_GIVEN,
} from './mapPalette.ts'

// Plain words (jargon/): the curated list and the matcher that flags it as people type.
export { findJargon } from './jargon/findJargon.ts'
export type { JargonHit } from './jargon/findJargon.ts'
export { JARGON_LIST } from './jargon/jargonList.ts'
export type { JargonEntry } from './jargon/JargonEntry.ts'
// When the conference is, and what was shared in time (decision 0035).
export { latestReceivedAt, stampReceivedAt } from './receivedAt.ts'
export { RECEIVED_AT } from './permissions/noteShape.ts'
export type { ConferenceSchedule, ConferenceType } from './conference/types.ts'
export { CONFERENCE_TYPES, isConferenceType } from './conference/conferenceFields.ts'
export { setSchedule } from './conference/schedule.ts'
export { validateSchedule } from './conference/validateConference.ts'
export { DEFAULT_REPORTS_POLICY, reportsDeadline, isWorkingDay } from './conference/reportsDeadline.ts'
export type { ReportsPolicy } from './conference/reportsDeadline.ts'
export {
  ONE_OFF_BANK_HOLIDAYS,
  englandAndWalesBankHolidays,
  bankHolidaysBetween,
  easterSunday,
} from './conference/bankHolidays.ts'
export { londonTime, londonOffset, fromLondonTime } from './conference/londonTime.ts'
export type { LondonTime } from './conference/londonTime.ts'
export { informationStatus, lateInformation } from './conference/informationStatus.ts'
export type { InformationStatus, LateInformation } from './conference/informationStatus.ts'
// The chair's checklist (decision 0037): items with no source, items still using jargon.
export { checklistCounts } from './checklist/checklistCounts.ts'
export type { ChecklistCounts, JargonItem } from './checklist/checklistCounts.ts'
// When the family first saw each item (decision 0039).
export { familySeen } from './conference/familySeen.ts'
export type { FamilySeen, FamilyVisit } from './conference/familySeen.ts'
