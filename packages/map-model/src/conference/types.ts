// The conference parts of a map document (issue: run the conference): the agenda step, danger statements and
// their paired safety goals, the family's view of each, next steps, the decision, apologies, scaling rounds and
// attendance. This file is the contract the server and the web app build against; commands, readers and rules
// live beside it, one concept per module.
//
// Where each lives in the Y.Doc (every entry is a *plain* JSON value, replaced whole on each write; the permission
// rules check every entry as written, see permissions/rules.ts):
//
//   meta.step         AgendaStepId                          chair only (AGENDA-1)
//   meta.decision     Decision                              chair only (DECISION-1)
//   meta.apologies    Apology[]                             chair only (ROSTER-1)
//   meta.closedSessions ClosedSession[]                     chair only (CLOSED-1); while one lasts, nobody but
//                                                           the chair writes in the shared document (CLOSED-2)
//   dangers           dangerId → DangerStatement            chair, professionals (DANGER-1; future-danger lock)
//   goals             dangerId → SafetyGoal                 chair, professionals (DANGER-2; safety-goals lock)
//   familyViews       dangerId → FamilyView                 family, chair (FAMILY-1; future-danger lock)
//   nextSteps         stepId → NextStep                     chair, professionals (PLAN-1; next-steps lock)
//   scaling           roundId → ScalingRound                the server only (SERVER-1)
//   attendance        participantId → AttendanceEntry       the server only (SERVER-1)
import type { ZoneId } from '../zones.ts'

/** The meeting's steps, in order (product brief, "The meeting, step by step"). */
export type AgendaStepId =
  'before' | 'introductions' | 'mapping' | 'analysis' | 'scaling' | 'next-steps' | 'decision' | 'close'

export interface AgendaStep {
  id: AgendaStepId
  /** On screen, e.g. "Worries and what's working well". */
  label: string
  /** What the step is for, one sentence for the people in the meeting. */
  purpose: string
  /** The sections locked while this step is current, unless the chair overrides (setStep applies them). */
  defaultLocks: readonly ZoneId[]
}

/** Who signed a write: always the writer's own name and agency (OWN-3). */
export interface RecordedBy {
  participantId: string
  name: string
  agency: string
}

/** One of at most four danger statements (MAX_DANGER_STATEMENTS). */
export interface DangerStatement {
  id: string
  /** Who is worried, e.g. "The social worker and the school". */
  who: string
  /** What they are worried about. */
  worry: string
  /** What they think will happen to the child if nothing changes. */
  outcome: string
  /** The statement in plain sentences: composed from the three parts, then editable. */
  text: string
  /** 1–4, the statement's number on screen and in the record. */
  number: number
  createdAt: number
  recordedBy: RecordedBy
}

/** The safety goal paired with a danger statement (same key as the statement). */
export interface SafetyGoal {
  dangerId: string
  /** What the parents will be doing differently. */
  parents: string
  /** What the child will experience. */
  child: string
  /** What professionals will see. */
  professionals: string
  text: string
  recordedBy: RecordedBy
}

/** The family's view of a danger statement, when they disagree. */
export interface FamilyView {
  dangerId: string
  text: string
  recordedBy: RecordedBy
}

export interface NextStep {
  id: string
  /** What will be done. */
  what: string
  /** The person who will do it. */
  who: string
  /** Their agency ('' for the family). */
  agency: string
  /** By when: an ISO date, YYYY-MM-DD. */
  due: string
  done: boolean
  createdAt: number
  recordedBy: RecordedBy
}

export type DecisionOutcome = 'cp-plan' | 'cin-plan' | 'no-plan'
export type CpCategory = 'neglect' | 'physical-abuse' | 'emotional-abuse' | 'sexual-abuse'

export interface AgencyView {
  agency: string
  /** e.g. "Agrees with a Child Protection Plan". */
  view: string
}

export interface Dissent {
  name: string
  agency: string
  view: string
}

export interface Decision {
  outcome: DecisionOutcome
  /** Only for a Child Protection Plan; null otherwise. */
  category: CpCategory | null
  reasons: string
  agencyViews: AgencyView[]
  dissent: Dissent[]
  recordedAt: number
}

/** Someone expected who sent apologies (marked by the chair). */
export interface Apology {
  name: string
  role: 'chair' | 'professional' | 'family' | 'viewer'
  agency: string
}

/** What a scaling round is about: the map overall, or one danger statement. */
export type ScalingSubject = { kind: 'overall' } | { kind: 'danger'; dangerId: string }

export interface ScaleResult {
  participantId: string
  name: string
  role: 'chair' | 'professional' | 'family'
  agency: string
  /** 0–10; 10 is always the safe end. */
  score: number
  reason: string
}

/**
 * A scaling round as the shared document holds it. Until the reveal it carries only the count of submissions;
 * the numbers are held by the server outside the document and written here, all together, on reveal.
 */
export interface ScalingRound {
  id: string
  subject: ScalingSubject
  /** Whether the chair scales too (the chair decides when opening the round). */
  chairScales: boolean
  status: 'open' | 'revealed'
  openedAt: number
  /** How many people have submitted; the only thing anyone learns before the reveal. */
  count: number
  revealedAt: number | null
  /** Empty until revealed; then everyone's, sorted by score then name. */
  results: ScaleResult[]
}

/** Who has been in the meeting: written by the server as connections come and go. */
export interface AttendanceEntry {
  participantId: string
  name: string
  role: 'chair' | 'professional' | 'family' | 'viewer'
  agency: string
  /** First time this person connected, ms since the epoch. */
  joinedAt: number
  /** Whether they have a live connection now. */
  present: boolean
  /** When they last left; null while present or if never left. */
  leftAt: number | null
}

/** Someone in a closed session: the chair and professionals present, as attendance recorded them. */
export interface ClosedSessionAttendee {
  participantId: string
  name: string
  role: 'chair' | 'professional'
  agency: string
}

/**
 * A part of the meeting without the family (product brief): while it lasts the family's and observers' screens say
 * so and receive nothing new; what is written goes to the professionals' document.
 */
export interface ClosedSession {
  startedAt: number
  /** null while it lasts. */
  endedAt: number | null
  startedBy: RecordedBy
  /** The chair and professionals present when it started, and any who joined before it ended. */
  attendees: ClosedSessionAttendee[]
}

/** An initial child protection conference, or a review of a child protection plan (CONFERENCE_TYPES). */
export type ConferenceType = 'initial' | 'review'

/**
 * When the conference is and which kind (`meta.schedule`, set by the chair: SCHEDULE-1). `startsAt` is the moment
 * it starts, ms since the epoch; the board and record show it in London time (londonTime.ts).
 */
export interface ConferenceSchedule {
  startsAt: number
  type: ConferenceType
}

/** Everything about the conference, normalised (readConference). */
export interface ConferenceSnapshot {
  step: AgendaStepId
  /** By number. */
  dangers: DangerStatement[]
  /** By dangerId. */
  goals: Record<string, SafetyGoal>
  familyViews: Record<string, FamilyView>
  /** By due date, then createdAt. */
  nextSteps: NextStep[]
  decision: Decision | null
  apologies: Apology[]
  /** Oldest first; the last one lasts while its `endedAt` is null. */
  closedSessions: ClosedSession[]
  /** Oldest first. */
  rounds: ScalingRound[]
  /** By joinedAt. */
  attendance: AttendanceEntry[]
  /** null until the chair says when the conference is. */
  schedule: ConferenceSchedule | null
}
