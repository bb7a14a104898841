import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import {
  AGENDA_STEPS,
  ZONE_IDS,
  agendaStep,
  isAgendaStepId,
  readConference,
  readMap,
  setLock,
  setStep,
} from '../../src/index.ts'
import { expectValidationError, recordTransactions } from '../helpers.ts'

describe('agenda', () => {
  test('has the eight steps of the product brief, in order', () => {
    expect(AGENDA_STEPS.map((step) => [step.id, step.label])).toEqual([
      ['before', 'Before the meeting'],
      ['introductions', 'Introductions and roster'],
      ['mapping', "Worries and what's working well"],
      ['analysis', 'Danger statements and safety goals'],
      ['scaling', 'Scaling'],
      ['next-steps', 'Next steps'],
      ['decision', 'Decision and dissent'],
      ['close', 'Export and close'],
    ])
    for (const step of AGENDA_STEPS) expect(step.purpose.length).toBeGreaterThan(10)
  })

  test('default locks grow as the meeting goes on', () => {
    const locks = (id: Parameters<typeof agendaStep>[0]) => [...agendaStep(id).defaultLocks].sort()
    expect(locks('before')).toEqual([])
    expect(locks('introductions')).toEqual([])
    expect(locks('mapping')).toEqual([])
    expect(locks('analysis')).toEqual([
      'complicating-factors',
      'existing-safety',
      'existing-strengths',
      'past-harm',
    ])
    expect(locks('scaling')).toEqual([...locks('analysis'), 'future-danger', 'safety-goals'].sort())
    expect(locks('next-steps')).toEqual(locks('scaling'))
    expect(locks('decision')).toEqual([...locks('scaling'), 'next-steps'].sort())
    expect(locks('close')).toEqual([...ZONE_IDS].sort())
  })

  test('isAgendaStepId and agendaStep know only the eight ids', () => {
    expect(isAgendaStepId('scaling')).toBe(true)
    expect(isAgendaStepId('lunch')).toBe(false)
    expect(isAgendaStepId(3)).toBe(false)
    expectValidationError(() => agendaStep('lunch' as never), 'UNKNOWN_STEP', 'step')
  })

  test("setStep writes the step and the step's default locks, in one transaction, keeping a lock set by hand", () => {
    const doc = new Y.Doc()
    setLock(doc, 'next-steps', true)
    const seen = recordTransactions(doc)
    setStep(doc, 'analysis', {}, 'chair')
    expect(seen).toHaveLength(1)
    expect(seen[0]?.origin).toBe('chair')
    expect(readConference(doc).step).toBe('analysis')
    // next-steps is no step's business here (neither mapping nor analysis locks it by default): the chair's lock stays.
    expect(readMap(doc).locks).toEqual([
      'past-harm',
      'complicating-factors',
      'existing-strengths',
      'existing-safety',
      'next-steps',
    ])
    // Unlocked is absent, never false.
    expect([...doc.getMap('locks').values()].every((value) => value === true)).toBe(true)
  })

  test('setStep unlocks only what the step before locked by default and the new step does not', () => {
    const doc = new Y.Doc()
    setStep(doc, 'scaling')
    setLock(doc, 'next-steps', true)
    setStep(doc, 'mapping')
    // Going back to mapping reopens the sections the scaling step had closed; the hand-set lock stays.
    expect(readMap(doc).locks).toEqual(['next-steps'])
    setLock(doc, 'past-harm', true)
    setStep(doc, 'introductions')
    // Neither mapping nor introductions locks past-harm by default: the chair's own lock survives the step.
    expect(readMap(doc).locks).toEqual(['past-harm', 'next-steps'])
  })

  test('setStep can leave the locks as the chair set them', () => {
    const doc = new Y.Doc()
    setLock(doc, 'past-harm', true)
    setStep(doc, 'close', { applyDefaultLocks: false })
    expect(readConference(doc).step).toBe('close')
    expect(readMap(doc).locks).toEqual(['past-harm'])
    expectValidationError(() => setStep(doc, 'lunch' as never), 'UNKNOWN_STEP', 'step')
  })
})
