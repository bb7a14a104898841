import { describe, expect, test } from 'vitest'
import {
  KIND_REQUIRED,
  SOURCE_REQUIRED,
  completeProvenance,
  newProvenance,
  provenanceOf,
  provenanceProblems,
  withSource,
  withSourceNotGiven,
} from './provenance.ts'

describe('provenance of a new note', () => {
  test('starts with nothing chosen, and both are asked for', () => {
    const draft = newProvenance()
    expect(draft).toEqual({ kind: null, source: '', sourceNotGiven: false })
    expect(provenanceProblems(draft)).toEqual({ kind: KIND_REQUIRED, source: SOURCE_REQUIRED })
    expect(completeProvenance(draft)).toBeNull()
  })

  test('a kind alone is not enough: the source is written or said to be not given', () => {
    const kind = { ...newProvenance(), kind: 'allegation' as const }
    expect(provenanceProblems(kind)).toEqual({ source: SOURCE_REQUIRED })
    expect(provenanceProblems(withSource(kind, '   '))).toEqual({ source: SOURCE_REQUIRED })
    expect(completeProvenance(withSource(kind, '  neighbour, reported to police '))).toEqual({
      kind: 'allegation',
      source: 'neighbour, reported to police',
    })
    expect(completeProvenance(withSourceNotGiven(kind, true))).toEqual({ kind: 'allegation', source: '' })
  })

  test('a source without a kind is still refused', () => {
    expect(provenanceProblems(withSource(newProvenance(), 'school'))).toEqual({ kind: KIND_REQUIRED })
  })

  test('ticking "Source not given" clears the source; typing one takes the tick back', () => {
    const typed = withSource({ ...newProvenance(), kind: 'fact' }, 'GP letter')
    const ticked = withSourceNotGiven(typed, true)
    expect(ticked).toEqual({ kind: 'fact', source: '', sourceNotGiven: true })
    expect(withSource(ticked, 'G')).toEqual({ kind: 'fact', source: 'G', sourceNotGiven: false })
    expect(withSource(ticked, '')).toEqual(ticked)
  })
})

describe('provenance of an existing note', () => {
  test('a note without a source reads as "Source not given", so editing it needs no new choice', () => {
    expect(provenanceOf({ kind: 'opinion', source: '' })).toEqual({
      kind: 'opinion',
      source: '',
      sourceNotGiven: true,
    })
    expect(provenanceProblems(provenanceOf({ kind: 'opinion', source: '' }))).toEqual({})
    expect(provenanceOf({ kind: 'fact', source: 'records' }).sourceNotGiven).toBe(false)
  })
})
