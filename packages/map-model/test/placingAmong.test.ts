import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addNote, moveNote, readMap, readZoneNotes } from '../src/index.ts'
import type { Ordered } from '../src/index.ts'

/** Two documents shown as one section, as the board shows a map's shared and professionals' notes. */
function twoDocuments() {
  const shared = new Y.Doc()
  const restricted = new Y.Doc()
  const among = (): Ordered[] => [
    ...readZoneNotes(shared, 'past-harm'),
    ...readZoneNotes(restricted, 'past-harm'),
  ]
  const shown = (): string[] =>
    [...readMap(shared).notes, ...readMap(restricted).notes]
      .sort((a, b) => (a.order !== b.order ? (a.order < b.order ? -1 : 1) : a.id < b.id ? -1 : 1))
      .map((note) => note.text)
  return { shared, restricted, among, shown }
}

describe('placing a note among notes of another document (`among`)', () => {
  it('adds after every note given, not only after its own document’s', () => {
    const { shared, restricted, among, shown } = twoDocuments()
    addNote(shared, { zone: 'past-harm', text: 'S1' })
    addNote(shared, { zone: 'past-harm', text: 'S2' })
    addNote(restricted, { zone: 'past-harm', text: 'P1', audience: 'professionals', among: among() })
    expect(shown()).toEqual(['S1', 'S2', 'P1'])
  })

  it('moves to an index that counts every note given, writing the moved note only', () => {
    const { shared, restricted, among, shown } = twoDocuments()
    addNote(shared, { zone: 'past-harm', text: 'S1' })
    addNote(shared, { zone: 'past-harm', text: 'S2' })
    const p = addNote(restricted, {
      zone: 'past-harm',
      text: 'P1',
      audience: 'professionals',
      among: among(),
    })
    const before = Y.encodeStateAsUpdate(shared)
    moveNote(restricted, p, { zone: 'past-harm', index: 1, among: among() })
    expect(shown()).toEqual(['S1', 'P1', 'S2'])
    expect(Y.encodeStateAsUpdate(shared)).toEqual(before)
  })
})
