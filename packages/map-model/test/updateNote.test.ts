import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { MAX_NOTE_TEXT, MAX_SOURCE_TEXT, addNote, readMap, updateNote } from '../src/index.ts'
import type { NotePatch } from '../src/index.ts'
import { expectValidationError, recordTransactions, recordUpdates } from './helpers.ts'

function setup() {
  const doc = new Y.Doc()
  const id = addNote(doc, {
    zone: 'complicating-factors',
    text: 'Dad drinks',
    kind: 'allegation',
    source: 'neighbour',
    author: 'PC Jones',
    createdAt: 5,
  })
  return { doc, id }
}

describe('updateNote', () => {
  test('changes the given fields (trimmed) in one transaction and leaves the rest', () => {
    const { doc, id } = setup()
    const before = readMap(doc)
    const transactions = recordTransactions(doc)
    const origin = { user: 'chair' }
    updateNote(doc, id, { text: ' Dad drinks most evenings ', kind: 'observation', colour: 'orange' }, origin)
    expect(transactions).toHaveLength(1)
    expect(transactions[0]?.origin).toBe(origin)
    expect(readMap(doc).notes).toEqual([
      {
        id,
        zone: 'complicating-factors',
        text: 'Dad drinks most evenings',
        kind: 'observation',
        source: 'neighbour',
        author: 'PC Jones',
        authorId: '',
        agency: '',
        createdAt: 5,
        receivedAt: 5,
        order: before.notes[0]?.order,
        colour: 'orange',
      },
    ])
  })

  test('source can be cleared', () => {
    const { doc, id } = setup()
    updateNote(doc, id, { source: '' })
    expect(readMap(doc).notes[0]?.source).toBe('')
  })

  test('writes only fields that change, so it cannot clobber a concurrent edit of another field', () => {
    const { doc, id } = setup()
    const updates = recordUpdates(doc)
    updateNote(doc, id, { text: 'Dad drinks', kind: 'allegation' })
    expect(updates).toHaveLength(0)

    // Two replicas edit different fields of the same note at once; both edits survive.
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    updateNote(doc, id, { text: 'Dad drinks at weekends', kind: 'allegation' })
    updateNote(other, id, { text: 'Dad drinks', kind: 'opinion' })
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other))
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    expect(readMap(doc).notes[0]).toMatchObject({ text: 'Dad drinks at weekends', kind: 'opinion' })
    expect(readMap(other)).toEqual(readMap(doc))
  })

  const bad = <T>(value: T) => value as never
  test.each<[string, NotePatch, string, string]>([
    ['empty text', { text: '' }, 'NOTE_TEXT_EMPTY', 'text'],
    ['blank text', { text: '  ' }, 'NOTE_TEXT_EMPTY', 'text'],
    ['text over the limit', { text: 'a'.repeat(MAX_NOTE_TEXT + 1) }, 'NOTE_TEXT_TOO_LONG', 'text'],
    ['unknown kind', { kind: bad('gossip') }, 'UNKNOWN_KIND', 'kind'],
    ['unknown colour', { colour: bad('black') }, 'UNKNOWN_COLOUR', 'colour'],
    ['source over the limit', { source: 's'.repeat(MAX_SOURCE_TEXT + 1) }, 'SOURCE_TOO_LONG', 'source'],
    ['valid text with a bad kind', { text: 'fine', kind: bad('gossip') }, 'UNKNOWN_KIND', 'kind'],
  ])('%s is refused and nothing is written', (_name, patch, code, field) => {
    const { doc, id } = setup()
    const before = readMap(doc)
    const updates = recordUpdates(doc)
    expectValidationError(() => updateNote(doc, id, patch), code, field)
    expect(updates).toHaveLength(0)
    expect(readMap(doc)).toEqual(before)
  })

  test('an unknown note is NOTE_NOT_FOUND', () => {
    const { doc } = setup()
    expectValidationError(() => updateNote(doc, 'nope', { text: 'x' }), 'NOTE_NOT_FOUND', 'id')
  })
})
