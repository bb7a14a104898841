import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import {
  addDangerStatement,
  addNote,
  observeConference,
  readConference,
  setFamilyView,
  setSafetyGoal,
  setStep,
  writeAttendance,
  writeScalingRound,
} from '../../src/index.ts'
import type { AttendanceEntry, ScalingRound } from '../../src/index.ts'
import { expectValidationError } from '../helpers.ts'

const by = { participantId: 'pro-1', name: 'Ms Patel', agency: 'School' }
const parts = { who: 'The school', worry: 'Sam misses school', outcome: 'Sam will fall behind' }

const round: ScalingRound = {
  id: 'r1',
  subject: { kind: 'danger', dangerId: 'd1' },
  chairScales: true,
  status: 'revealed',
  openedAt: 10,
  count: 2,
  revealedAt: 20,
  results: [
    { participantId: 'b', name: 'Zoe', role: 'family', agency: '', score: 6, reason: 'Better.' },
    { participantId: 'a', name: 'Amy', role: 'professional', agency: 'School', score: 6, reason: '' },
  ],
}

function entry(participantId: string, joinedAt: number): AttendanceEntry {
  return {
    participantId,
    name: participantId,
    role: 'professional',
    agency: 'X',
    joinedAt,
    present: true,
    leftAt: null,
  }
}

describe('readConference', () => {
  test('an empty document reads with the defaults', () => {
    expect(readConference(new Y.Doc())).toEqual({
      step: 'before',
      dangers: [],
      goals: {},
      familyViews: {},
      nextSteps: [],
      decision: null,
      apologies: [],
      closedSessions: [],
      rounds: [],
      attendance: [],
      schedule: null,
    })
  })

  test('entries that fail validation, or sit under another key, are left out', () => {
    const doc = new Y.Doc()
    const id = addDangerStatement(doc, parts, by)
    setSafetyGoal(doc, id, { parents: 'a', child: '', professionals: '' }, by)
    const meta = doc.getMap('meta')
    meta.set('step', 'lunch')
    meta.set('decision', { outcome: 'cp-plan', category: null })
    meta.set('apologies', 'nobody')
    const dangers = doc.getMap('dangers')
    dangers.set('wrong-key', { ...(dangers.get(id) as object), number: 2 })
    dangers.set('broken', { id: 'broken', text: 'no parts' })
    dangers.set('nested', new Y.Map())
    doc.getMap('goals').set('orphan', {
      dangerId: 'orphan',
      parents: '',
      child: '',
      professionals: '',
      text: 'x',
      recordedBy: by,
    })
    doc.getMap('nextSteps').set('s1', {
      id: 's1',
      what: 'x',
      who: 'y',
      agency: '',
      due: 'tomorrow',
      done: false,
      createdAt: 1,
      recordedBy: by,
    })
    const snapshot = readConference(doc)
    expect(snapshot.step).toBe('before')
    expect(snapshot.decision).toBe(null)
    expect(snapshot.apologies).toEqual([])
    expect(snapshot.dangers.map((d) => d.id)).toEqual([id])
    expect(Object.keys(snapshot.goals)).toEqual([id])
    expect(snapshot.nextSteps).toEqual([])
  })

  test('a goal or view whose statement is gone is left out', () => {
    const doc = new Y.Doc()
    const id = addDangerStatement(doc, parts, by)
    setFamilyView(doc, id, 'No.', { participantId: 'fam-1', name: 'Mum', agency: '' })
    doc.getMap('dangers').delete(id)
    expect(readConference(doc).familyViews).toEqual({})
  })

  test('the server writes scaling rounds (results by score, then name) and attendance (by joinedAt)', () => {
    const doc = new Y.Doc()
    writeScalingRound(doc, round, 'server')
    writeScalingRound(doc, {
      ...round,
      id: 'r0',
      openedAt: 5,
      status: 'open',
      count: 1,
      revealedAt: null,
      results: [],
    })
    writeAttendance(doc, entry('late', 30))
    writeAttendance(doc, entry('early', 10))
    writeAttendance(doc, { ...entry('late', 30), present: false, leftAt: 40 })
    const snapshot = readConference(doc)
    expect(snapshot.rounds.map((r) => r.id)).toEqual(['r0', 'r1'])
    expect(snapshot.rounds[1]?.results.map((r) => r.name)).toEqual(['Amy', 'Zoe'])
    expect(snapshot.attendance).toEqual([
      entry('early', 10),
      { ...entry('late', 30), present: false, leftAt: 40 },
    ])
  })

  test('server writes are checked too', () => {
    const doc = new Y.Doc()
    expectValidationError(
      () => writeScalingRound(doc, { ...round, revealedAt: null }),
      'INVALID_TIMESTAMP',
      'revealedAt',
    )
    expectValidationError(
      () => writeScalingRound(doc, { ...round, status: 'open' }),
      'INVALID_TIMESTAMP',
      'revealedAt',
    )
    const score11 = { ...round, results: [{ ...round.results[0]!, score: 11 }] }
    expectValidationError(() => writeScalingRound(doc, score11), 'INVALID_NUMBER', 'results[0].score')
    const viewer = { ...round, results: [{ ...round.results[0]!, role: 'viewer' as never }] }
    expectValidationError(() => writeScalingRound(doc, viewer), 'UNKNOWN_VALUE', 'results[0].role')
    expectValidationError(
      () => writeAttendance(doc, { ...entry('a', 1), present: 'yes' as never }),
      'INVALID_TYPE',
      'present',
    )
    expectValidationError(
      () => writeAttendance(doc, { ...entry('', 1) }),
      'INVALID_AUTHOR_ID',
      'participantId',
    )
    expect(doc.getMap('scaling').size + doc.getMap('attendance').size).toBe(0)
  })
})

describe('observeConference', () => {
  test('reports each transaction that touches the conference once, until unsubscribed', () => {
    const doc = new Y.Doc()
    const seen: unknown[] = []
    const stop = observeConference(doc, (tr) => seen.push(tr.origin))
    setStep(doc, 'scaling', {}, 'step')
    addDangerStatement(doc, parts, by, 'danger')
    doc.transact(() => {
      writeAttendance(doc, entry('a', 1))
      writeScalingRound(doc, round)
    }, 'both')
    addNote(doc, { zone: 'past-harm', text: 'not the conference' }, 'note')
    const remote = new Y.Doc()
    writeAttendance(remote, entry('b', 2))
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), 'network')
    expect(seen).toEqual(['step', 'danger', 'both', 'network'])
    stop()
    setStep(doc, 'close')
    expect(seen).toHaveLength(4)
  })
})
