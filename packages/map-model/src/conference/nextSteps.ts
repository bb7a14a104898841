// Next steps: actions with an owner and a due date; together they become the plan (product brief, "The map").
import type { Doc } from 'yjs'
import { MapValidationError } from '../MapValidationError.ts'
import { getNextStepsMap } from '../schema.ts'
import { validateTimestamp } from '../validation.ts'
import { freshId } from './entryId.ts'
import { sameValue } from './sameValue.ts'
import type { NextStep, RecordedBy } from './types.ts'
import { validateEntryId, validateNextStep, validateRecordedBy } from './validateConference.ts'

export interface NextStepInput {
  /** What will be done; not empty. */
  what: string
  /** The person who will do it; not empty. */
  who: string
  /** Their agency ('' for the family). */
  agency: string
  /** YYYY-MM-DD. */
  due: string
  /** Defaults to a fresh random id. */
  id?: string
  /** Milliseconds since the epoch; defaults to now. */
  createdAt?: number
}

export type NextStepPatch = Partial<Pick<NextStep, 'what' | 'who' | 'agency' | 'due' | 'done'>>

/** Adds a next step (not done) and returns its id. */
export function addNextStep(
  doc: Doc,
  input: NextStepInput,
  recordedBy: RecordedBy,
  origin?: unknown,
): string {
  const steps = getNextStepsMap(doc)
  const id = input.id === undefined ? freshId(steps) : validateEntryId(input.id)
  if (steps.has(id))
    throw new MapValidationError('DUPLICATE_ID', 'id', `A next step with id "${id}" already exists.`)
  const step = validateNextStep({
    id,
    what: input.what,
    who: input.who,
    agency: input.agency,
    due: input.due,
    done: false,
    createdAt: input.createdAt === undefined ? Date.now() : validateTimestamp(input.createdAt, 'createdAt'),
    recordedBy,
  })
  doc.transact(() => steps.set(id, step), origin ?? null)
  return id
}

/** Changes a next step, or marks it done (or not done). */
export function updateNextStep(
  doc: Doc,
  id: string,
  patch: NextStepPatch,
  recordedBy: RecordedBy,
  origin?: unknown,
): void {
  const before = findNextStep(doc, id)
  const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined))
  const after = validateNextStep({
    ...before,
    ...changes,
    id: before.id,
    recordedBy: validateRecordedBy(recordedBy),
  })
  if (sameValue(after, before)) return
  doc.transact(() => getNextStepsMap(doc).set(before.id, after), origin ?? null)
}

export function removeNextStep(doc: Doc, id: string, origin?: unknown): void {
  const steps = getNextStepsMap(doc)
  if (!steps.has(id)) throw notFound(id)
  doc.transact(() => steps.delete(id), origin ?? null)
}

/** Not done and due before `today` (YYYY-MM-DD, the meeting's local date). */
export function isOverdue(step: NextStep, today: string): boolean {
  // ISO dates compare as text.
  return !step.done && step.due < today
}

function findNextStep(doc: Doc, id: string): NextStep {
  const value = getNextStepsMap(doc).get(id)
  try {
    const step = validateNextStep(value)
    if (step.id === id) return step
  } catch (error) {
    if (!(error instanceof MapValidationError)) throw error
  }
  throw notFound(id)
}

function notFound(id: unknown): MapValidationError {
  return new MapValidationError('NEXT_STEP_NOT_FOUND', 'id', `There is no next step ${JSON.stringify(id)}.`)
}
