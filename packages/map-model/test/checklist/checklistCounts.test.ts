import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { addNote, checklistCounts, initMap, readMap, withdrawNote } from '../../src/index.ts'

function mapWith(notes: Array<{ text: string; source?: string }>): { doc: Y.Doc; ids: string[] } {
  const doc = new Y.Doc()
  initMap(doc, { title: 'Checklist' })
  const ids = notes.map((note, index) =>
    addNote(doc, { zone: 'past-harm', text: note.text, source: note.source ?? '', createdAt: index + 1 }),
  )
  return { doc, ids }
}

describe('checklistCounts', () => {
  test('an empty map has nothing to check', () => {
    expect(checklistCounts({ notes: [] })).toEqual({ sourceNotGiven: [], jargon: [], jargonTerms: [] })
  })

  test('counts the notes whose source is not given, and only those', () => {
    const { doc, ids } = mapWith([
      { text: 'Missed school on 3 May', source: 'school attendance records' },
      { text: 'Mum said she was tired' },
      { text: 'Neighbour heard shouting', source: '   ' },
    ])
    const counts = checklistCounts(readMap(doc))
    expect(counts.sourceNotGiven.map((note) => note.id)).toEqual([ids[1], ids[2]])
  })

  test('counts the notes still using jargon, with the terms each uses once', () => {
    const { doc, ids } = mapWith([
      { text: 'The LADO was told; the LADO will decide', source: 'police' },
      { text: 'Open as CIN since March; LADO informed', source: 'council' },
      { text: 'Went to the cinema and ate lacquered duck', source: 'mum' },
    ])
    const counts = checklistCounts(readMap(doc))
    expect(counts.jargon.map(({ note, terms }) => [note.id, terms])).toEqual([
      [ids[0], ['LADO']],
      [ids[1], ['CIN', 'LADO']],
    ])
    expect(counts.jargonTerms).toEqual(['LADO', 'CIN'])
    expect(counts.sourceNotGiven).toEqual([])
  })

  test('a withdrawn note is no longer counted', () => {
    const { doc, ids } = mapWith([{ text: 'Seen by the HV' }, { text: 'Plain words' }])
    withdrawNote(doc, ids[0] ?? '', { name: 'Chair' }, 'Wrong family')
    const counts = checklistCounts(readMap(doc))
    expect(counts.sourceNotGiven.map((note) => note.id)).toEqual([ids[1]])
    expect(counts.jargon).toEqual([])
  })

  test('counts notes from several documents together', () => {
    const shared = mapWith([{ text: 'Section 47 enquiry started' }])
    const restricted = mapWith([{ text: 'Police: NFA', source: 'police' }])
    const counts = checklistCounts({
      notes: [...readMap(shared.doc).notes, ...readMap(restricted.doc).notes],
    })
    expect(counts.sourceNotGiven).toHaveLength(1)
    expect(counts.jargon.map(({ terms }) => terms)).toEqual([['section 47 enquiry'], ['NFA']])
  })
})
