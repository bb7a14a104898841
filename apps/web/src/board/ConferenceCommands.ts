import type * as Y from 'yjs'
import {
  addDangerStatement,
  addNextStep,
  endClosedSession,
  recordDecision,
  removeDangerStatement,
  removeNextStep,
  setApologies,
  startClosedSession,
  setFamilyMayExport,
  setFamilyView,
  setSafetyGoal,
  setSchedule,
  setStep,
  updateDangerStatement,
  updateNextStep,
} from '@mapboard/map-model'
import type {
  AgendaStepId,
  Apology,
  ConferenceSchedule,
  Decision,
  NextStep,
  RecordedBy,
} from '@mapboard/map-model'
import type { Participant } from '@mapboard/protocol'

export interface DangerParts {
  who: string
  worry: string
  outcome: string
  text: string
}

export interface GoalParts {
  parents: string
  child: string
  professionals: string
  text: string
}

export type NextStepFields = Pick<NextStep, 'what' | 'who' | 'agency' | 'due'>

/**
 * The meeting's writes, each one map-model command signed by the participant who joined in this tab (the server
 * refuses a write signed by anyone else). Not part of undo: they are the meeting's record, not drafts.
 */
export interface ConferenceCommands {
  setStep(step: AgendaStepId, applyDefaultLocks: boolean): void
  addDanger(parts: DangerParts): string
  updateDanger(id: string, parts: DangerParts): void
  removeDanger(id: string): void
  setGoal(dangerId: string, parts: GoalParts): void
  setFamilyView(dangerId: string, text: string): void
  addNextStep(fields: NextStepFields): string
  updateNextStep(id: string, patch: Partial<NextStepFields & { done: boolean }>): void
  removeNextStep(id: string): void
  recordDecision(decision: Omit<Decision, 'recordedAt'>): void
  setApologies(apologies: Apology[]): void
  /** Lets the family and observers download the record too (the chair's switch). */
  setFamilyMayExport(allowed: boolean): void
  /** The professionals talk without the family (CLOSED-1, the chair's). */
  startClosedSession(): void
  endClosedSession(): void
  /** When the conference starts and which kind it is (SCHEDULE-1, the chair's); the reports deadline follows. */
  setSchedule(schedule: ConferenceSchedule): void
}

export function createConferenceCommands(doc: Y.Doc, me: Participant): ConferenceCommands {
  const by: RecordedBy = { participantId: me.id, name: me.name, agency: me.agency }
  return {
    setStep: (step, applyDefaultLocks) => setStep(doc, step, { applyDefaultLocks }),
    addDanger: (parts) => addDangerStatement(doc, parts, by),
    updateDanger: (id, parts) => updateDangerStatement(doc, id, parts, by),
    removeDanger: (id) => removeDangerStatement(doc, id),
    setGoal: (dangerId, parts) => setSafetyGoal(doc, dangerId, parts, by),
    setFamilyView: (dangerId, text) => setFamilyView(doc, dangerId, text, by),
    addNextStep: (fields) => addNextStep(doc, fields, by),
    updateNextStep: (id, patch) => updateNextStep(doc, id, patch, by),
    removeNextStep: (id) => removeNextStep(doc, id),
    recordDecision: (decision) => recordDecision(doc, decision),
    setApologies: (apologies) => setApologies(doc, apologies),
    setFamilyMayExport: (allowed) => setFamilyMayExport(doc, allowed),
    startClosedSession: () => startClosedSession(doc, by),
    endClosedSession: () => endClosedSession(doc),
    setSchedule: (schedule) => setSchedule(doc, schedule),
  }
}
