// The chair's agenda (product brief, "The meeting, step by step"): eight steps in order, each with the sections it
// locks by default. Moving to a step records it in meta.step and, unless the chair says otherwise, sets the locks.
import type { Doc } from 'yjs'
import { MapValidationError } from '../MapValidationError.ts'
import { getLocksMap, getMetaMap } from '../schema.ts'
import { ZONE_IDS } from '../zones.ts'
import type { ZoneId } from '../zones.ts'
import type { AgendaStep, AgendaStepId } from './types.ts'

// Once mapping is over its sections are settled; the analysis then settles dangers and goals, the plan the steps.
const MAPPED: readonly ZoneId[] = [
  'past-harm',
  'complicating-factors',
  'existing-strengths',
  'existing-safety',
]
const ANALYSED: readonly ZoneId[] = [...MAPPED, 'future-danger', 'safety-goals']
const PLANNED: readonly ZoneId[] = [...ANALYSED, 'next-steps']

export const AGENDA_STEPS: readonly AgendaStep[] = Object.freeze([
  {
    id: 'before',
    label: 'Before the meeting',
    purpose: 'Agencies and the social worker add what they know; the family can read it ahead.',
    defaultLocks: [],
  },
  {
    id: 'introductions',
    label: 'Introductions and roster',
    purpose: 'Everyone says who they are and why they are here.',
    defaultLocks: [],
  },
  {
    id: 'mapping',
    label: "Worries and what's working well",
    purpose: 'Together we map what we are worried about and what is working well.',
    defaultLocks: [],
  },
  {
    id: 'analysis',
    label: 'Danger statements and safety goals',
    purpose: 'We agree what we are worried will happen, and what we would need to see to close the case.',
    defaultLocks: MAPPED,
  },
  {
    id: 'scaling',
    label: 'Scaling',
    purpose: 'Everyone chooses a number from 0 to 10 on their own, then we see them together and say why.',
    defaultLocks: ANALYSED,
  },
  {
    id: 'next-steps',
    label: 'Next steps',
    purpose: 'We agree who will do what, and by when: this becomes the plan.',
    defaultLocks: ANALYSED,
  },
  {
    id: 'decision',
    label: 'Decision and dissent',
    purpose:
      'Agencies give their view, the chair decides and gives reasons, and any disagreement is recorded.',
    defaultLocks: PLANNED,
  },
  {
    id: 'close',
    label: 'Export and close',
    purpose: 'The map becomes read-only and the record is made.',
    defaultLocks: ZONE_IDS,
  },
])

export function isAgendaStepId(value: unknown): value is AgendaStepId {
  return typeof value === 'string' && AGENDA_STEPS.some((step) => step.id === value)
}

/** The step with this id; throws MapValidationError (UNKNOWN_STEP) for any other value. */
export function agendaStep(id: AgendaStepId): AgendaStep {
  const known = validateStep(id)
  return AGENDA_STEPS.find((step) => step.id === known) as AgendaStep
}

export function validateStep(value: unknown): AgendaStepId {
  if (isAgendaStepId(value)) return value
  const expected = AGENDA_STEPS.map((step) => step.id).join(', ')
  throw new MapValidationError('UNKNOWN_STEP', 'step', `Unknown agenda step; expected one of ${expected}.`)
}

export interface SetStepOptions {
  /**
   * Apply the step's default locks (the chair agreed; defaults to true). Only the sections whose default the step
   * changes are touched: locked if the new step locks them by default, unlocked if the step before locked them by
   * default and the new one does not. A lock the chair set by hand on any other section stays as it is.
   */
  applyDefaultLocks?: boolean
}

/** Moves the meeting to `step`, in one transaction with its default locks. Chair only (AGENDA-1, CHAIR-1). */
export function setStep(doc: Doc, step: AgendaStepId, options: SetStepOptions = {}, origin?: unknown): void {
  const id = validateStep(step)
  const apply = options.applyDefaultLocks ?? true
  const locks = getLocksMap(doc)
  const meta = getMetaMap(doc)
  const previous = meta.get('step')
  const before = new Set<string>(isAgendaStepId(previous) ? agendaStep(previous).defaultLocks : [])
  const wanted = new Set<string>(agendaStep(id).defaultLocks)
  doc.transact(() => {
    if (meta.get('step') !== id) meta.set('step', id)
    if (!apply) return
    // Write only what changes: unlocked is "absent", as setLock keeps it.
    for (const zone of before) if (!wanted.has(zone) && locks.has(zone)) locks.delete(zone)
    for (const zone of wanted) if (locks.get(zone) !== true) locks.set(zone, true)
  }, origin ?? null)
}
