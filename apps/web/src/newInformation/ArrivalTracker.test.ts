import { describe, expect, it } from 'vitest'
import type { InformationStatus, NoteSnapshot } from '@mapboard/map-model'
import { ArrivalTracker } from './ArrivalTracker.ts'

const note = (id: string, receivedAt: number, authorId = 'someone'): NoteSnapshot =>
  ({ id, receivedAt, authorId }) as NoteSnapshot
const DEADLINE = 1_000
const statusOf = (n: NoteSnapshot): InformationStatus => (n.receivedAt > DEADLINE ? 'late' : 'in-time')

describe('ArrivalTracker', () => {
  it('tells nothing of what is there until the map has loaded, including the load itself', () => {
    const tracker = new ArrivalTracker('me')
    expect(tracker.observe([note('a', 2_000)], false, statusOf)).toEqual([])
    expect(tracker.observe([note('a', 2_000), note('b', 3_000)], true, statusOf)).toEqual([])
  })

  it('then tells each late or new item once, oldest first, and never an item shared in time', () => {
    const tracker = new ArrivalTracker('me')
    tracker.observe([], true, statusOf)
    const c = note('c', 5_000)
    const d = note('d', 4_000)
    expect(tracker.observe([c, d, note('e', 500)], true, statusOf)).toEqual([d, c])
    expect(tracker.observe([c, d, note('e', 500)], true, statusOf)).toEqual([])
  })

  it('does not tell the chair about their own item', () => {
    const tracker = new ArrivalTracker('me')
    tracker.observe([], true, statusOf)
    expect(tracker.observe([note('mine', 5_000, 'me')], true, statusOf)).toEqual([])
  })

  it('does not count an item that became late only because the schedule moved', () => {
    const tracker = new ArrivalTracker('me')
    tracker.observe([note('early', 500)], true, statusOf)
    expect(tracker.observe([note('early', 500)], true, () => 'late')).toEqual([])
  })
})
