// A plain, normalised snapshot of the conference, and a way to hear when it changes. Replicas may hold anything
// another client wrote (or wrote before the rules), so every entry goes through its validator: one that fails, or
// sits under a key that is not its own id, is left out rather than shown half right.
import type * as Y from 'yjs'
import { MapValidationError } from '../MapValidationError.ts'
import {
  getAttendanceMap,
  getDangersMap,
  getFamilyViewsMap,
  getGoalsMap,
  getMetaMap,
  getNextStepsMap,
  getScalingMap,
} from '../schema.ts'
import { isAgendaStepId } from './agenda.ts'
import type { ConferenceSnapshot, DangerStatement, NextStep, ScalingRound } from './types.ts'
import {
  compareText,
  validateApologies,
  validateClosedSessions,
  validateAttendanceEntry,
  validateDangerStatement,
  validateDecision,
  validateFamilyView,
  validateNextStep,
  validateSafetyGoal,
  validateScalingRound,
  validateSchedule,
} from './validateConference.ts'

export function readConference(doc: Y.Doc): ConferenceSnapshot {
  const meta = getMetaMap(doc)
  const step = meta.get('step')
  const dangers = entries(getDangersMap(doc), validateDangerStatement, (d) => d.id).sort(compareDangers)
  const dangerIds = new Set(dangers.map((danger) => danger.id))
  // A goal or view whose statement is gone (removed while someone else was writing it) pairs with nothing.
  const goals = entries(getGoalsMap(doc), validateSafetyGoal, (g) => g.dangerId).filter((g) =>
    dangerIds.has(g.dangerId),
  )
  const familyViews = entries(getFamilyViewsMap(doc), validateFamilyView, (v) => v.dangerId).filter((v) =>
    dangerIds.has(v.dangerId),
  )
  return {
    step: isAgendaStepId(step) ? step : 'before',
    dangers,
    goals: Object.fromEntries(goals.map((goal) => [goal.dangerId, goal])),
    familyViews: Object.fromEntries(familyViews.map((view) => [view.dangerId, view])),
    nextSteps: entries(getNextStepsMap(doc), validateNextStep, (s) => s.id).sort(compareNextSteps),
    decision: valid(meta.get('decision'), validateDecision) ?? null,
    apologies: valid(meta.get('apologies'), validateApologies) ?? [],
    closedSessions: valid(meta.get('closedSessions'), validateClosedSessions) ?? [],
    rounds: entries(getScalingMap(doc), validateScalingRound, (r) => r.id).sort(compareRounds),
    attendance: entries(getAttendanceMap(doc), validateAttendanceEntry, (a) => a.participantId).sort(
      (a, b) =>
        a.joinedAt - b.joinedAt ||
        compareText(a.name, b.name) ||
        compareText(a.participantId, b.participantId),
    ),
    schedule: valid(meta.get('schedule'), validateSchedule) ?? null,
  }
}

/**
 * Calls `onChange` once after each transaction that changed the conference (meta or any conference root), local
 * or remote. Returns a function that stops observing.
 */
export function observeConference(doc: Y.Doc, onChange: (transaction: Y.Transaction) => void): () => void {
  const roots = [
    getMetaMap(doc),
    getDangersMap(doc),
    getGoalsMap(doc),
    getFamilyViewsMap(doc),
    getNextStepsMap(doc),
    getScalingMap(doc),
    getAttendanceMap(doc),
  ]
  // observeDeep fires once per root; a transaction touching several roots is reported once.
  let last: Y.Transaction | undefined
  const handler = (_events: unknown, transaction: Y.Transaction): void => {
    if (transaction === last) return
    last = transaction
    onChange(transaction)
  }
  for (const root of roots) root.observeDeep(handler)
  return () => {
    for (const root of roots) root.unobserveDeep(handler)
  }
}

/** The valid entries of a root whose key is their own id. */
function entries<T>(root: Y.Map<unknown>, validate: (value: unknown) => T, keyOf: (entry: T) => string): T[] {
  const found: T[] = []
  root.forEach((value, key) => {
    const entry = valid(value, validate)
    if (entry !== undefined && keyOf(entry) === key) found.push(entry)
  })
  return found
}

function valid<T>(value: unknown, validate: (value: unknown) => T): T | undefined {
  try {
    return validate(value)
  } catch (error) {
    if (error instanceof MapValidationError) return undefined
    throw error
  }
}

function compareDangers(a: DangerStatement, b: DangerStatement): number {
  return a.number - b.number || a.createdAt - b.createdAt || compareText(a.id, b.id)
}

function compareNextSteps(a: NextStep, b: NextStep): number {
  return compareText(a.due, b.due) || a.createdAt - b.createdAt || compareText(a.id, b.id)
}

function compareRounds(a: ScalingRound, b: ScalingRound): number {
  return a.openedAt - b.openedAt || compareText(a.id, b.id)
}
