// Each note's information status: in time, late (after the reports deadline) or new (at or after the start).
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import {
  addNote,
  fromLondonTime,
  informationStatus,
  lateInformation,
  readMap,
  reportsDeadline,
  stampReceivedAt,
} from '../../src/index.ts'
import type { ConferenceSchedule } from '../../src/index.ts'

// Thursday 10 December 2026, 10:00 GMT.
const startsAt = fromLondonTime(2026, 12, 10, 10, 0)
const initial: ConferenceSchedule = { startsAt, type: 'initial' }
const review: ConferenceSchedule = { startsAt, type: 'review' }
const HOUR = 3_600_000

describe('informationStatus', () => {
  test('at its boundaries: the deadline itself is in time, the start itself is new', () => {
    const deadline = startsAt - 24 * HOUR
    expect(informationStatus(deadline - 1, initial)).toBe('in-time')
    expect(informationStatus(deadline, initial)).toBe('in-time')
    expect(informationStatus(deadline + 1, initial)).toBe('late')
    expect(informationStatus(startsAt - 1, initial)).toBe('late')
    expect(informationStatus(startsAt, initial)).toBe('new')
    expect(informationStatus(startsAt + 5 * HOUR, initial)).toBe('new')
  })

  test('a review’s deadline is three working days before (Monday 7 December, 10:00)', () => {
    const deadline = reportsDeadline(startsAt, 'review')
    expect(deadline).toBe(fromLondonTime(2026, 12, 7, 10, 0))
    expect(informationStatus(deadline, review)).toBe('in-time')
    expect(informationStatus(deadline + 1, review)).toBe('late')
    // What is in time for an initial conference the day before is late for a review.
    expect(informationStatus(startsAt - 30 * HOUR, initial)).toBe('in-time')
    expect(informationStatus(startsAt - 30 * HOUR, review)).toBe('late')
  })

  test('without a schedule nothing is late or new', () => {
    expect(informationStatus(startsAt + HOUR, null)).toBe('in-time')
  })

  test('a deployment’s own policy', () => {
    const policy = { initialHours: 2, reviewWorkingDays: 3, bankHolidays: [] }
    expect(informationStatus(startsAt - 3 * HOUR, initial, policy)).toBe('in-time')
    expect(informationStatus(startsAt - HOUR, initial, policy)).toBe('late')
  })
})

describe('lateInformation', () => {
  test('lists the late and the new notes apart, each oldest first, by the server’s receivedAt', () => {
    const doc = new Y.Doc()
    const add = (id: string, receivedAt: number | undefined, createdAt = 1) => {
      addNote(doc, { zone: 'past-harm', text: id, id, createdAt })
      if (receivedAt !== undefined) stampReceivedAt(doc, new Map([[id, receivedAt]]))
    }
    add('early', startsAt - 48 * HOUR)
    add('late-2', startsAt - 2 * HOUR)
    add('late-1', startsAt - 20 * HOUR)
    add('new-1', startsAt + 10)
    // From before the server stamped notes: its createdAt stands in.
    add('legacy', undefined, startsAt + 20)
    const found = lateInformation(readMap(doc), initial)
    expect(found.deadline).toBe(startsAt - 24 * HOUR)
    expect(found.late.map((note) => note.id)).toEqual(['late-1', 'late-2'])
    expect(found.new.map((note) => [note.id, note.receivedAt])).toEqual([
      ['new-1', startsAt + 10],
      ['legacy', startsAt + 20],
    ])
    expect(lateInformation(readMap(doc), null)).toEqual({ deadline: null, late: [], new: [] })
  })

  test('stampReceivedAt writes once: a note that has a receipt keeps it', () => {
    const doc = new Y.Doc()
    addNote(doc, { zone: 'past-harm', text: 'x', id: 'n', createdAt: 1 })
    stampReceivedAt(doc, new Map([['n', 100]]))
    stampReceivedAt(
      doc,
      new Map([
        ['n', 200],
        ['gone', 300],
      ]),
    )
    expect(readMap(doc).notes.map((note) => note.receivedAt)).toEqual([100])
  })
})
