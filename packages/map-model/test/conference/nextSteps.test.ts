import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { addNextStep, isOverdue, readConference, removeNextStep, updateNextStep } from '../../src/index.ts'
import type { NextStep } from '../../src/index.ts'
import { expectValidationError, recordTransactions } from '../helpers.ts'

const by = { participantId: 'pro-1', name: 'Ms Patel', agency: 'School' }
const step = { what: ' Home visit ', who: 'Ms Patel', agency: 'School', due: '2026-12-10' }

describe('next steps', () => {
  test('addNextStep stores a trimmed, not-done step; they read by due date, then creation', () => {
    const doc = new Y.Doc()
    const late = addNextStep(doc, { ...step, due: '2027-01-05', createdAt: 1 }, by)
    const second = addNextStep(doc, { ...step, createdAt: 3 }, by, 'me')
    const first = addNextStep(doc, { ...step, createdAt: 2 }, by)
    const steps = readConference(doc).nextSteps
    expect(steps.map((s) => s.id)).toEqual([first, second, late])
    expect(steps[0]).toEqual({
      id: first,
      ...step,
      what: 'Home visit',
      done: false,
      createdAt: 2,
      recordedBy: by,
    })
  })

  test('input is checked before anything is written', () => {
    const doc = new Y.Doc()
    const seen = recordTransactions(doc)
    expectValidationError(() => addNextStep(doc, { ...step, what: ' ' }, by), 'TEXT_EMPTY', 'what')
    expectValidationError(() => addNextStep(doc, { ...step, who: '' }, by), 'TEXT_EMPTY', 'who')
    expectValidationError(
      () => addNextStep(doc, { ...step, agency: 'x'.repeat(201) }, by),
      'TEXT_TOO_LONG',
      'agency',
    )
    for (const due of ['2026-02-30', '10/12/2026', '2026-1-5', ''])
      expectValidationError(() => addNextStep(doc, { ...step, due }, by), 'INVALID_DATE', 'due')
    expectValidationError(
      () => addNextStep(doc, { ...step, createdAt: Number.NaN }, by),
      'INVALID_TIMESTAMP',
      'createdAt',
    )
    expect(seen).toHaveLength(0)
  })

  test('updateNextStep changes fields and marks done; removeNextStep removes', () => {
    const doc = new Y.Doc()
    const id = addNextStep(doc, step, by)
    const other = { participantId: 'pro-2', name: 'PC Jones', agency: 'Police' }
    updateNextStep(doc, id, { done: true, who: 'PC Jones', agency: 'Police' }, other)
    expect(readConference(doc).nextSteps[0]).toMatchObject({ done: true, who: 'PC Jones', recordedBy: other })
    expectValidationError(() => updateNextStep(doc, id, { due: 'soon' }, by), 'INVALID_DATE', 'due')
    expectValidationError(() => updateNextStep(doc, 'nope', { done: true }, by), 'NEXT_STEP_NOT_FOUND', 'id')
    const seen = recordTransactions(doc)
    updateNextStep(doc, id, { done: true }, other)
    expect(seen).toHaveLength(0)
    removeNextStep(doc, id)
    expect(readConference(doc).nextSteps).toEqual([])
    expectValidationError(() => removeNextStep(doc, id), 'NEXT_STEP_NOT_FOUND', 'id')
  })
})

describe('isOverdue', () => {
  const base: NextStep = { id: 'a', ...step, done: false, createdAt: 1, recordedBy: by }

  test('a step not done and due before today is overdue', () => {
    expect(isOverdue(base, '2026-12-11')).toBe(true)
    expect(isOverdue(base, '2026-12-10')).toBe(false)
    expect(isOverdue(base, '2026-12-09')).toBe(false)
    expect(isOverdue({ ...base, done: true }, '2027-01-01')).toBe(false)
  })
})
