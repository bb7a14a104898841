import { describe, expect, test } from 'vitest'
import {
  COLUMNS,
  JUDGEMENT_LABEL,
  MAX_NOTE_TEXT,
  MAX_SOURCE_TEXT,
  MAX_TITLE_TEXT,
  NOTE_COLOURS,
  NOTE_KINDS,
  SCALING_QUESTION,
  ZONES,
  ZONE_IDS,
  isNoteColour,
  isNoteKind,
  isZoneId,
  zoneLabel,
} from '../src/index.ts'

// The words of product.md, copied by hand: this test is what stops a "tidy-up" from changing them.
describe('map structure (product.md)', () => {
  test('the seven section ids, in column order', () => {
    expect(ZONE_IDS).toEqual([
      'past-harm',
      'future-danger',
      'complicating-factors',
      'existing-strengths',
      'existing-safety',
      'safety-goals',
      'next-steps',
    ])
  })

  test('section labels and columns are exactly the brief', () => {
    expect(ZONES).toEqual([
      { id: 'past-harm', label: 'Past harm', column: 'worries' },
      { id: 'future-danger', label: 'Future danger', column: 'worries' },
      { id: 'complicating-factors', label: 'Complicating factors', column: 'worries' },
      { id: 'existing-strengths', label: 'Existing strengths', column: 'working-well' },
      { id: 'existing-safety', label: 'Existing safety', column: 'working-well' },
      { id: 'safety-goals', label: 'Safety goals', column: 'needs-to-happen' },
      { id: 'next-steps', label: 'Next steps', column: 'needs-to-happen' },
    ])
    expect(ZONE_IDS.map(zoneLabel)).toEqual(ZONES.map((z) => z.label))
  })

  test('column labels are exactly the brief, and each lists its sections', () => {
    expect(COLUMNS).toEqual([
      {
        id: 'worries',
        label: 'What are we worried about?',
        zones: ['past-harm', 'future-danger', 'complicating-factors'],
      },
      { id: 'working-well', label: "What's working well?", zones: ['existing-strengths', 'existing-safety'] },
      { id: 'needs-to-happen', label: 'What needs to happen?', zones: ['safety-goals', 'next-steps'] },
    ])
  })

  test('the scaling question is verbatim, 10 = safe enough to close', () => {
    expect(SCALING_QUESTION).toBe(
      'On a scale of 0 to 10, where 10 means everyone knows the child is safe enough for the case to be closed, ' +
        'and 0 means things are so bad for the child that they cannot live at home — where do you rate things today?',
    )
    expect(JUDGEMENT_LABEL).toBe('Judgement')
  })

  test('the shared constants cannot be mutated by a careless caller', () => {
    expect(Object.isFrozen(ZONES)).toBe(true)
    expect(Object.isFrozen(COLUMNS[0]?.zones)).toBe(true)
    expect(() => {
      ;(ZONES[0] as { label: string }).label = 'Changed'
    }).toThrow(TypeError)
  })
})

describe('field vocabularies', () => {
  test('kinds, colours and limits', () => {
    expect(NOTE_KINDS).toEqual(['fact', 'observation', 'allegation', 'opinion'])
    expect(NOTE_COLOURS).toEqual(['yellow', 'pink', 'blue', 'green', 'orange', 'purple'])
    expect([MAX_NOTE_TEXT, MAX_SOURCE_TEXT, MAX_TITLE_TEXT]).toEqual([1000, 200, 200])
  })

  test.each([
    ['past-harm', true],
    ['next-steps', true],
    ['Past harm', false],
    ['judgement', false],
    ['', false],
    [undefined, false],
    [3, false],
  ])('isZoneId(%j) is %s', (value, expected) => {
    expect(isZoneId(value)).toBe(expected)
  })

  test('isNoteKind and isNoteColour', () => {
    expect(NOTE_KINDS.every(isNoteKind)).toBe(true)
    expect(isNoteKind('rumour')).toBe(false)
    expect(NOTE_COLOURS.every(isNoteColour)).toBe(true)
    expect(isNoteColour('red')).toBe(false)
  })
})
