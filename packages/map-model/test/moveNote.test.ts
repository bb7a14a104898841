import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { addNote, isOrderKey, moveNote, readMap } from '../src/index.ts'
import type { ZoneId } from '../src/index.ts'
import { expectValidationError, recordTransactions, recordUpdates } from './helpers.ts'

function zoneIds(doc: Y.Doc, zone: ZoneId): string[] {
  return readMap(doc)
    .notes.filter((n) => n.zone === zone)
    .map((n) => n.id)
}

function setup() {
  const doc = new Y.Doc()
  for (const id of ['a', 'b', 'c', 'd']) addNote(doc, { zone: 'past-harm', text: id, id })
  for (const id of ['x', 'y']) addNote(doc, { zone: 'existing-safety', text: id, id })
  return doc
}

describe('moveNote', () => {
  test.each([
    [0, ['c', 'a', 'b', 'd']],
    [1, ['a', 'c', 'b', 'd']],
    [2, ['a', 'b', 'c', 'd']],
    [3, ['a', 'b', 'd', 'c']],
    [99, ['a', 'b', 'd', 'c']],
    [undefined, ['a', 'b', 'd', 'c']],
  ])('within a section: index %s puts the note at that final position', (index, expected) => {
    const doc = setup()
    moveNote(doc, 'c', index === undefined ? { zone: 'past-harm' } : { zone: 'past-harm', index })
    expect(zoneIds(doc, 'past-harm')).toEqual(expected)
  })

  test.each([
    [0, ['b', 'x', 'y']],
    [1, ['x', 'b', 'y']],
    [2, ['x', 'y', 'b']],
    [undefined, ['x', 'y', 'b']],
  ])('to another section at index %s', (index, expected) => {
    const doc = setup()
    moveNote(doc, 'b', index === undefined ? { zone: 'existing-safety' } : { zone: 'existing-safety', index })
    expect(zoneIds(doc, 'existing-safety')).toEqual(expected)
    expect(zoneIds(doc, 'past-harm')).toEqual(['a', 'c', 'd'])
    const moved = readMap(doc).notes.find((n) => n.id === 'b')
    // A move does not touch the note's content or colour.
    expect(moved).toMatchObject({ text: 'b', colour: 'pink', zone: 'existing-safety' })
  })

  test('into an empty section', () => {
    const doc = setup()
    moveNote(doc, 'a', { zone: 'next-steps', index: 0 })
    expect(zoneIds(doc, 'next-steps')).toEqual(['a'])
  })

  test('is one transaction that writes only the moved note', () => {
    const doc = setup()
    const before = readMap(doc)
    const transactions = recordTransactions(doc)
    moveNote(doc, 'd', { zone: 'past-harm', index: 1 }, 'drag')
    expect(transactions).toHaveLength(1)
    expect(transactions[0]?.origin).toBe('drag')
    const after = readMap(doc)
    const changed = after.notes.filter((n) => {
      const old = before.notes.find((o) => o.id === n.id)
      return old?.order !== n.order || old.zone !== n.zone
    })
    expect(changed.map((n) => n.id)).toEqual(['d'])
  })

  test('dropping a note back where it is writes nothing', () => {
    const doc = setup()
    const updates = recordUpdates(doc)
    moveNote(doc, 'b', { zone: 'past-harm', index: 1 })
    moveNote(doc, 'd', { zone: 'past-harm' })
    expect(updates).toHaveLength(0)
  })

  test('a hundred inserts into the same gap keep exact positions, writing only the placed note', () => {
    const doc = new Y.Doc()
    addNote(doc, { zone: 'safety-goals', text: 'left', id: 'left' })
    addNote(doc, { zone: 'safety-goals', text: 'right', id: 'right' })
    const expected = ['left', 'right']
    for (let i = 0; i < 100; i++) {
      const id = addNote(doc, { zone: 'safety-goals', text: String(i), id: `n${i}` })
      const before = readMap(doc).notes
      moveNote(doc, id, { zone: 'safety-goals', index: 1 })
      expected.pop()
      expected.splice(1, 0, id)
      expected.push('right')
      expect(zoneIds(doc, 'safety-goals')).toEqual(expected)
      const changed = readMap(doc).notes.filter((n) => before.find((o) => o.id === n.id)?.order !== n.order)
      expect(changed.map((n) => n.id)).toEqual([id])
    }
    const orders = readMap(doc).notes.map((n) => n.order)
    expect(orders.every((order) => isOrderKey(order))).toBe(true)
    // Halving one gap a hundred times costs about 100 bits: keys stay short.
    expect(Math.max(...orders.map((order) => order.length))).toBeLessThan(40)
  })

  test('notes appended at once on two replicas get different keys, so a note can go between them', () => {
    const one = new Y.Doc()
    const two = new Y.Doc()
    addNote(one, { zone: 'next-steps', text: 'p', id: 'p' })
    addNote(two, { zone: 'next-steps', text: 'q', id: 'q' })
    Y.applyUpdate(one, Y.encodeStateAsUpdate(two))
    const [p, q] = readMap(one).notes
    expect(p?.order).not.toEqual(q?.order)
    // Same gap, same fraction: the keys differ only in the tail taken from the note id.
    expect(p?.order.slice(0, -4)).toEqual(q?.order.slice(0, -4))
    addNote(one, { zone: 'next-steps', text: 'r', id: 'r' })
    moveNote(one, 'r', { zone: 'next-steps', index: 1 })
    expect(zoneIds(one, 'next-steps')).toEqual([p?.id, 'r', q?.id])
  })

  test('between two equal keys (hand-made data) the note lands next to them and nobody else is written', () => {
    const doc = new Y.Doc()
    for (const id of ['a', 'b', 'c']) addNote(doc, { zone: 'next-steps', text: id, id })
    // b and c are made to share a key, as a hand-made update could.
    const notes = doc.getMap('notes')
    ;(notes.get('c') as Y.Map<unknown>).set('order', (notes.get('b') as Y.Map<unknown>).get('order'))
    addNote(doc, { zone: 'next-steps', text: 'd', id: 'd' })
    const before = readMap(doc).notes
    moveNote(doc, 'd', { zone: 'next-steps', index: 2 })
    // No key fits between b and c: the nearest position that has room, before b.
    expect(zoneIds(doc, 'next-steps')).toEqual(['a', 'd', 'b', 'c'])
    const changed = readMap(doc).notes.filter((n) => before.find((o) => o.id === n.id)?.order !== n.order)
    expect(changed.map((n) => n.id)).toEqual(['d'])
  })

  test('a note whose section was corrupted can be moved back onto the map', () => {
    const doc = setup()
    ;(doc.getMap('notes').get('a') as Y.Map<unknown>).set('zone', 'nowhere')
    expect(zoneIds(doc, 'past-harm')).toEqual(['b', 'c', 'd'])
    moveNote(doc, 'a', { zone: 'past-harm', index: 0 })
    expect(zoneIds(doc, 'past-harm')).toEqual(['a', 'b', 'c', 'd'])
  })

  test.each([
    ['unknown zone', { zone: 'attic' as ZoneId }, 'UNKNOWN_ZONE', 'zone'],
    ['negative index', { zone: 'past-harm' as ZoneId, index: -1 }, 'INVALID_INDEX', 'index'],
    ['fractional index', { zone: 'past-harm' as ZoneId, index: 1.5 }, 'INVALID_INDEX', 'index'],
    ['NaN index', { zone: 'past-harm' as ZoneId, index: Number.NaN }, 'INVALID_INDEX', 'index'],
  ])('%s is refused and nothing is written', (_name, target, code, field) => {
    const doc = setup()
    const updates = recordUpdates(doc)
    expectValidationError(() => moveNote(doc, 'a', target), code, field)
    expect(updates).toHaveLength(0)
  })

  test('an unknown note is NOTE_NOT_FOUND', () => {
    const doc = setup()
    expectValidationError(() => moveNote(doc, 'zz', { zone: 'past-harm' }), 'NOTE_NOT_FOUND', 'id')
  })
})
