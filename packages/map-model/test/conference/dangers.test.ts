import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import {
  MAX_DANGER_STATEMENTS,
  addDangerStatement,
  composeDangerStatement,
  composeSafetyGoal,
  readConference,
  removeDangerStatement,
  setFamilyView,
  setSafetyGoal,
  updateDangerStatement,
} from '../../src/index.ts'
import { expectValidationError, recordTransactions } from '../helpers.ts'

const by = { participantId: 'pro-1', name: 'Ms Patel', agency: 'School' }
const mum = { participantId: 'fam-1', name: 'Mum', agency: '' }
const parts = { who: 'The school', worry: 'Sam misses school', outcome: 'Sam will fall behind' }

describe('composeDangerStatement', () => {
  test('makes one plain sentence from the three parts', () => {
    expect(composeDangerStatement(parts)).toBe(
      'The school is worried that Sam misses school, and that if nothing changes Sam will fall behind.',
    )
    expect(
      composeDangerStatement({
        who: ' the social worker and the school ',
        worry: 'mum drinks.',
        outcome: '',
      }),
    ).toBe('The social worker and the school are worried that mum drinks.')
    expect(composeDangerStatement({ who: 'Professionals', worry: '', outcome: 'Sam gets hurt' })).toBe(
      'Professionals are worried that if nothing changes Sam gets hurt.',
    )
    expect(composeDangerStatement({ who: 'Mr Jones', worry: 'x', outcome: '' })).toBe(
      'Mr Jones is worried that x.',
    )
  })

  test('tolerates empty parts', () => {
    expect(composeDangerStatement({ who: '', worry: 'dad shouts', outcome: '' })).toBe(
      'We are worried that dad shouts.',
    )
    expect(composeDangerStatement({ who: 'The GP', worry: '', outcome: '' })).toBe('The GP is worried.')
    expect(composeDangerStatement({ who: ' ', worry: '', outcome: '' })).toBe('')
  })
})

describe('composeSafetyGoal', () => {
  test('lists what would need to be seen, leaving out empty parts', () => {
    expect(
      composeSafetyGoal({
        parents: 'mum is sober',
        child: 'Sam feels safe',
        professionals: 'school sees Sam daily',
      }),
    ).toBe(
      'To close the case we would need to see that mum is sober, that Sam feels safe and that school sees Sam daily.',
    )
    expect(composeSafetyGoal({ parents: '', child: 'Sam is at school every day.', professionals: '' })).toBe(
      'To close the case we would need to see that Sam is at school every day.',
    )
    expect(composeSafetyGoal({ parents: '', child: '', professionals: '' })).toBe('')
  })
})

describe('danger statements', () => {
  test('addDangerStatement composes the text, numbers from 1 and refuses a fifth', () => {
    const doc = new Y.Doc()
    const seen = recordTransactions(doc)
    const id = addDangerStatement(doc, { ...parts, createdAt: 5 }, by, 'me')
    expect(seen.map((tr) => tr.origin)).toEqual(['me'])
    expect(readConference(doc).dangers).toEqual([
      { id, ...parts, text: composeDangerStatement(parts), number: 1, createdAt: 5, recordedBy: by },
    ])
    const second = addDangerStatement(doc, { ...parts, text: '  Our words.  ' }, by)
    addDangerStatement(doc, parts, by)
    removeDangerStatement(doc, second)
    // The lowest free number is reused.
    const again = addDangerStatement(doc, parts, by)
    expect(readConference(doc).dangers.map((d) => [d.id === again, d.number])).toEqual([
      [false, 1],
      [true, 2],
      [false, 3],
    ])
    addDangerStatement(doc, parts, by)
    expect(readConference(doc).dangers).toHaveLength(MAX_DANGER_STATEMENTS)
    expectValidationError(() => addDangerStatement(doc, parts, by), 'TOO_MANY_DANGERS', 'dangers')
  })

  test('input is checked before anything is written', () => {
    const doc = new Y.Doc()
    const seen = recordTransactions(doc)
    expectValidationError(
      () => addDangerStatement(doc, { who: '', worry: '', outcome: '' }, by),
      'TEXT_EMPTY',
      'text',
    )
    expectValidationError(
      () => addDangerStatement(doc, { ...parts, who: 'x'.repeat(201) }, by),
      'TEXT_TOO_LONG',
      'who',
    )
    expectValidationError(
      () => addDangerStatement(doc, { ...parts, text: 'x'.repeat(2001) }, by),
      'TEXT_TOO_LONG',
      'text',
    )
    expectValidationError(
      () => addDangerStatement(doc, parts, { ...by, participantId: '' }),
      'INVALID_AUTHOR_ID',
      'recordedBy.participantId',
    )
    expectValidationError(() => addDangerStatement(doc, { ...parts, id: 'bad id' }, by), 'INVALID_ID', 'id')
    expect(seen).toHaveLength(0)
  })

  test('updateDangerStatement recomposes composed text, keeps reworded text, and re-signs', () => {
    const doc = new Y.Doc()
    const id = addDangerStatement(doc, parts, by)
    const other = { participantId: 'pro-2', name: 'PC Jones', agency: 'Police' }
    updateDangerStatement(doc, id, { who: 'The police' }, other)
    let danger = readConference(doc).dangers[0]
    expect(danger?.text).toBe(composeDangerStatement({ ...parts, who: 'The police' }))
    expect(danger?.recordedBy).toEqual(other)
    updateDangerStatement(doc, id, { text: 'In our own words.' }, by)
    updateDangerStatement(doc, id, { worry: 'Sam is late' }, by)
    danger = readConference(doc).dangers[0]
    expect([danger?.text, danger?.worry]).toEqual(['In our own words.', 'Sam is late'])
    expectValidationError(
      () => updateDangerStatement(doc, 'nope', { who: 'x' }, by),
      'DANGER_NOT_FOUND',
      'id',
    )
    const seen = recordTransactions(doc)
    updateDangerStatement(doc, id, { worry: 'Sam is late' }, by)
    expect(seen).toHaveLength(0)
  })

  test('safety goals and family views pair with a statement and go with it', () => {
    const doc = new Y.Doc()
    const id = addDangerStatement(doc, parts, by)
    setSafetyGoal(doc, id, { parents: 'mum takes Sam to school', child: '', professionals: '' }, by)
    setFamilyView(doc, id, ' We disagree. ', mum)
    let snapshot = readConference(doc)
    expect(snapshot.goals[id]).toEqual({
      dangerId: id,
      parents: 'mum takes Sam to school',
      child: '',
      professionals: '',
      text: 'To close the case we would need to see that mum takes Sam to school.',
      recordedBy: by,
    })
    expect(snapshot.familyViews[id]).toEqual({ dangerId: id, text: 'We disagree.', recordedBy: mum })
    expectValidationError(
      () => setSafetyGoal(doc, 'nope', { parents: 'a', child: '', professionals: '' }, by),
      'DANGER_NOT_FOUND',
      'id',
    )
    expectValidationError(
      () => setSafetyGoal(doc, id, { parents: '', child: '', professionals: '' }, by),
      'TEXT_EMPTY',
      'text',
    )

    setFamilyView(doc, id, '', mum)
    expect(readConference(doc).familyViews).toEqual({})
    setFamilyView(doc, id, 'Again.', mum)

    const seen = recordTransactions(doc)
    removeDangerStatement(doc, id)
    expect(seen).toHaveLength(1)
    snapshot = readConference(doc)
    expect([snapshot.dangers, snapshot.goals, snapshot.familyViews]).toEqual([[], {}, {}])
    expect([doc.getMap('goals').size, doc.getMap('familyViews').size]).toEqual([0, 0])
    expectValidationError(() => removeDangerStatement(doc, id), 'DANGER_NOT_FOUND', 'id')
  })
})
