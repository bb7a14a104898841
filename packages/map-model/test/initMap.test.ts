import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { MAX_TITLE_TEXT, initMap, readMap } from '../src/index.ts'
import { expectValidationError, recordTransactions, recordUpdates } from './helpers.ts'

describe('initMap', () => {
  test('sets title and creation time in one transaction with the given origin', () => {
    const doc = new Y.Doc()
    const transactions = recordTransactions(doc)
    const origin = { who: 'server' }
    initMap(doc, { title: '  Smith family — initial conference  ', createdAt: 1_700_000_000_000 }, origin)
    expect(transactions).toHaveLength(1)
    expect(transactions[0]?.origin).toBe(origin)
    expect(readMap(doc)).toEqual({
      title: 'Smith family — initial conference',
      createdAt: 1_700_000_000_000,
      notes: [],
      locks: [],
    })
  })

  test('createdAt defaults to now', () => {
    const doc = new Y.Doc()
    const before = Date.now()
    initMap(doc, { title: 'Review' })
    const { createdAt } = readMap(doc)
    expect(createdAt).toBeGreaterThanOrEqual(before)
    expect(createdAt).toBeLessThanOrEqual(Date.now())
  })

  test('a title of exactly the limit is accepted', () => {
    const doc = new Y.Doc()
    initMap(doc, { title: 't'.repeat(MAX_TITLE_TEXT), createdAt: 0 })
    expect(readMap(doc).title).toHaveLength(MAX_TITLE_TEXT)
  })

  test.each([
    ['empty title', { title: '' }, 'TITLE_EMPTY', 'title'],
    ['blank title', { title: ' \n\t ' }, 'TITLE_EMPTY', 'title'],
    ['title over the limit', { title: 't'.repeat(MAX_TITLE_TEXT + 1) }, 'TITLE_TOO_LONG', 'title'],
    ['title not text', { title: 42 as unknown as string }, 'INVALID_TYPE', 'title'],
    ['negative createdAt', { title: 'x', createdAt: -1 }, 'INVALID_TIMESTAMP', 'createdAt'],
    ['NaN createdAt', { title: 'x', createdAt: Number.NaN }, 'INVALID_TIMESTAMP', 'createdAt'],
  ])('%s is refused and nothing is written', (_name, input, code, field) => {
    const doc = new Y.Doc()
    const updates = recordUpdates(doc)
    expectValidationError(() => initMap(doc, input), code, field)
    expect(updates).toHaveLength(0)
  })
})
