import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { readMap, setLock } from '../src/index.ts'
import type { ZoneId } from '../src/index.ts'
import { expectValidationError, recordTransactions, recordUpdates } from './helpers.ts'

describe('setLock', () => {
  test('locks and unlocks in one transaction each; locks are listed in column order', () => {
    const doc = new Y.Doc()
    const transactions = recordTransactions(doc)
    setLock(doc, 'next-steps', true, 'chair')
    setLock(doc, 'past-harm', true, 'chair')
    expect(transactions.map((tr) => tr.origin)).toEqual(['chair', 'chair'])
    expect(readMap(doc).locks).toEqual(['past-harm', 'next-steps'])
    setLock(doc, 'next-steps', false)
    expect(readMap(doc).locks).toEqual(['past-harm'])
    expect(transactions).toHaveLength(3)
  })

  test('unlocked is stored as absent, not false', () => {
    const doc = new Y.Doc()
    setLock(doc, 'safety-goals', true)
    setLock(doc, 'safety-goals', false)
    expect(doc.getMap('locks').has('safety-goals')).toBe(false)
  })

  test('setting the state a section already has writes nothing', () => {
    const doc = new Y.Doc()
    setLock(doc, 'safety-goals', true)
    const updates = recordUpdates(doc)
    setLock(doc, 'safety-goals', true)
    setLock(doc, 'past-harm', false)
    expect(updates).toHaveLength(0)
  })

  test('an unknown section is UNKNOWN_ZONE', () => {
    const doc = new Y.Doc()
    const updates = recordUpdates(doc)
    expectValidationError(() => setLock(doc, 'judgement' as ZoneId, true), 'UNKNOWN_ZONE', 'zone')
    expect(updates).toHaveLength(0)
  })

  test('a non-boolean lock state is INVALID_TYPE', () => {
    const doc = new Y.Doc()
    expectValidationError(
      () => setLock(doc, 'past-harm', 'yes' as unknown as boolean),
      'INVALID_TYPE',
      'locked',
    )
    expect(readMap(doc).locks).toEqual([])
  })
})
