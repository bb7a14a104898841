import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { addNote, initMap, readMap } from '@mapboard/map-model'
import { KIND_FILTERS, filterByKind, isKindFilter, kindFilterLabel } from './KindFilter.ts'

function map() {
  const doc = new Y.Doc()
  initMap(doc, { title: 'Filter' })
  addNote(doc, { zone: 'past-harm', text: 'Police called twice', kind: 'fact' })
  addNote(doc, { zone: 'past-harm', text: 'Neighbour says he hits her', kind: 'allegation' })
  addNote(doc, { zone: 'existing-strengths', text: 'Gran helps every day', kind: 'observation' })
  addNote(doc, { zone: 'future-danger', text: 'A second allegation', kind: 'allegation' })
  return readMap(doc)
}

describe('the kind filter', () => {
  test('"all" shows every note, and keeps the snapshot as it was', () => {
    const snapshot = map()
    expect(filterByKind(snapshot, 'all')).toBe(snapshot)
  })

  test('one kind shows only the notes of that kind, in their order, and keeps the rest of the snapshot', () => {
    const snapshot = { ...map(), restrictedLocks: ['past-harm'] }
    const shown = filterByKind(snapshot, 'allegation')
    expect(shown.notes.map((note) => note.text)).toEqual([
      'Neighbour says he hits her',
      'A second allegation',
    ])
    expect(shown.restrictedLocks).toEqual(['past-harm'])
    expect(shown.title).toBe('Filter')
    expect(filterByKind(snapshot, 'opinion').notes).toEqual([])
    expect(snapshot.notes).toHaveLength(4)
  })

  test('offers all, then every kind, each with plain words', () => {
    expect(KIND_FILTERS).toEqual(['all', 'fact', 'observation', 'allegation', 'opinion'])
    expect(KIND_FILTERS.map(kindFilterLabel)).toEqual([
      'All kinds',
      'Facts only',
      'Observations only',
      'Allegations only',
      'Opinions only',
    ])
    expect(isKindFilter('allegation')).toBe(true)
    expect(isKindFilter('rumour')).toBe(false)
    expect(isKindFilter(undefined)).toBe(false)
  })
})
