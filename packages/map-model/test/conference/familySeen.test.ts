// Whether the family opened the map after each item arrived and before the conference, and when.
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import {
  addNote,
  familySeen,
  fromLondonTime,
  latestReceivedAt,
  readMap,
  stampReceivedAt,
} from '../../src/index.ts'
import type { FamilyVisit } from '../../src/index.ts'

// Monday 7 December 2026, 10:00 GMT.
const startsAt = fromLondonTime(2026, 12, 7, 10, 0)
const HOUR = 3_600_000
const note = (id: string, receivedAt: number) => ({ id, receivedAt })
const visit = (participantId: string, visitedAt: number): FamilyVisit => ({ participantId, visitedAt })

describe('familySeen', () => {
  test('the first visit at or after an item arrived, whoever of the family made it', () => {
    const visits = [visit('p-dad', startsAt - 2 * HOUR), visit('p-mum', startsAt - 30 * HOUR)]
    const seen = familySeen(
      [note('early', startsAt - 48 * HOUR), note('middle', startsAt - 20 * HOUR)],
      visits,
      startsAt,
    )
    expect(seen.get('early')).toBe(startsAt - 30 * HOUR)
    expect(seen.get('middle')).toBe(startsAt - 2 * HOUR)
  })

  test('an item that arrived after the last visit is not seen', () => {
    const seen = familySeen([note('after', startsAt - HOUR)], [visit('p-mum', startsAt - 3 * HOUR)], startsAt)
    expect(seen.get('after')).toBeNull()
  })

  test('at its boundaries: a visit in the same millisecond counts, a visit at the start does not', () => {
    const at = startsAt - 5 * HOUR
    expect(familySeen([note('n', at)], [visit('p', at)], startsAt).get('n')).toBe(at)
    expect(familySeen([note('n', at)], [visit('p', at - 1)], startsAt).get('n')).toBeNull()
    expect(familySeen([note('n', at)], [visit('p', startsAt)], startsAt).get('n')).toBeNull()
    expect(familySeen([note('n', at)], [visit('p', startsAt - 1)], startsAt).get('n')).toBe(startsAt - 1)
  })

  test('a visit during the conference does not make an item seen before it; a new item is never seen before', () => {
    const visits = [visit('p-mum', startsAt + HOUR)]
    const seen = familySeen(
      [note('late', startsAt - HOUR), note('new', startsAt + 10 * 60_000)],
      visits,
      startsAt,
    )
    expect(seen.get('late')).toBeNull()
    expect(seen.get('new')).toBeNull()
  })

  test('without a conference start any later visit counts', () => {
    const seen = familySeen([note('n', startsAt)], [visit('p', startsAt + HOUR)], null)
    expect(seen.get('n')).toBe(startsAt + HOUR)
  })

  test('no visits: nothing seen; every note has an answer', () => {
    const seen = familySeen([note('a', 1), note('b', 2)], [], startsAt)
    expect([...seen]).toEqual([
      ['a', null],
      ['b', null],
    ])
  })

  test('over a snapshot: the server’s receipt decides, not when the device made the note', () => {
    const doc = new Y.Doc()
    const id = addNote(doc, { zone: 'past-harm', text: 'Missed visit', createdAt: startsAt - 50 * HOUR })
    stampReceivedAt(doc, new Map([[id, startsAt - 10 * HOUR]]))
    const visits = [visit('p-mum', startsAt - 20 * HOUR)]
    expect(familySeen(readMap(doc).notes, visits, startsAt).get(id)).toBeNull()
    expect(
      familySeen(readMap(doc).notes, [...visits, visit('p-mum', startsAt - 9 * HOUR)], startsAt).get(id),
    ).toBe(startsAt - 9 * HOUR)
  })

  test('many visits in any order', () => {
    const visits = Array.from({ length: 500 }, (_, index) => visit('p', startsAt - (index + 1) * 60_000))
    const seen = familySeen([note('n', startsAt - 100.5 * 60_000)], visits.reverse(), startsAt)
    expect(seen.get('n')).toBe(startsAt - 100 * 60_000)
  })
})

describe('latestReceivedAt', () => {
  test('the latest receipt of any note; a note without one counts its creation; none without notes', () => {
    const doc = new Y.Doc()
    expect(latestReceivedAt(doc)).toBeNull()
    const first = addNote(doc, { zone: 'past-harm', text: 'One', createdAt: startsAt - 90 * HOUR })
    expect(latestReceivedAt(doc)).toBe(startsAt - 90 * HOUR)
    stampReceivedAt(doc, new Map([[first, startsAt - 50 * HOUR]]))
    const second = addNote(doc, { zone: 'next-steps', text: 'Two', createdAt: startsAt - 80 * HOUR })
    stampReceivedAt(doc, new Map([[second, startsAt - 40 * HOUR]]))
    expect(latestReceivedAt(doc)).toBe(startsAt - 40 * HOUR)
    // A note outside any known section is not a note readMap gives, so it counts for nothing.
    doc.transact(() => {
      const stray = new Y.Map<unknown>()
      doc.getMap('notes').set('stray', stray)
      stray.set('zone', 'nowhere')
      stray.set('receivedAt', startsAt)
    })
    expect(latestReceivedAt(doc)).toBe(startsAt - 40 * HOUR)
  })
})
