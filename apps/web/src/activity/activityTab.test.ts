// The Activity tab's logic without a browser: the words for each action, the filters and the CSV query they
// make, how an entry reads, and the verdict of "Check the trail".
import { describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS } from '@mapboard/protocol'
import { ACTION_LABELS, actionLabel } from './actionLabels.ts'
import {
  NO_FILTER,
  actionsIn,
  filterQuery,
  filterSpan,
  isFiltered,
  matchesFilter,
  peopleIn,
} from './activityFilter.ts'
import type { ActivityEntry, ActivityFilter } from './activityFilter.ts'
import { detailText, entryTime } from './activityText.ts'
import { verificationText } from './verificationText.ts'

const SAM = { participantId: 'p-sam', name: 'Sam Patel', role: 'professional', agency: 'School' } as const
const ALEX = { participantId: 'p-alex', name: 'Alex Morgan', role: 'chair', agency: 'Council' } as const
/** 09:00 local time on 7 Dec 2026, and the minutes after it. */
const NINE = new Date(2026, 11, 7, 9, 0).getTime()
const MINUTE = 60_000

function entry(seq: number, part: Partial<ActivityEntry>): ActivityEntry {
  return {
    seq,
    at: NINE + seq * MINUTE,
    actor: ALEX,
    action: 'note.added',
    target: `n${seq}`,
    section: 'past-harm',
    summary: '“A note”',
    audience: 'shared',
    hash: `h${seq}`,
    ...part,
  }
}

const TRAIL: ActivityEntry[] = [
  entry(1, { action: 'participant.joined', section: null, summary: 'Joined the meeting' }),
  entry(2, { actor: SAM, action: 'participant.joined', section: null, summary: 'Joined the meeting' }),
  entry(3, {}),
  entry(4, { actor: SAM, section: 'existing-strengths' }),
  entry(5, { action: 'section.locked', section: 'next-steps', summary: 'Next steps locked' }),
  entry(6, { actor: null, action: 'map.closed', section: null, summary: 'Closed' }),
]

const shown = (filter: Partial<ActivityFilter>): number[] =>
  TRAIL.filter((item) => matchesFilter(item, { ...NO_FILTER, ...filter })).map((item) => item.seq)

describe('the words for each action', () => {
  it('has words for every action the protocol names, closing and reopening among them', () => {
    for (const action of AUDIT_ACTIONS) expect(ACTION_LABELS[action], action).toMatch(/^[A-Z]/)
    expect(actionLabel('map.closed')).toBe('Closed the map')
    expect(actionLabel('map.reopened')).toBe('Reopened the map')
  })

  it('shows an action it does not know as the server named it, and no inherited name as a label', () => {
    expect(actionLabel('note.teleported')).toBe('note.teleported')
    expect(actionLabel('toString')).toBe('toString')
  })
})

describe('the filters', () => {
  it('shows everything when nothing is chosen', () => {
    expect(shown({})).toEqual([1, 2, 3, 4, 5, 6])
    expect(isFiltered(NO_FILTER)).toBe(false)
    expect(filterQuery(NO_FILTER)).toBe('')
  })

  it('narrows by person, section and action, each and together', () => {
    expect(shown({ person: 'p-sam' })).toEqual([2, 4])
    expect(shown({ section: 'next-steps' })).toEqual([5])
    expect(shown({ action: 'note.added' })).toEqual([3, 4])
    expect(shown({ person: 'p-alex', action: 'note.added' })).toEqual([3])
    expect(shown({ person: 'p-sam', section: 'next-steps' })).toEqual([])
  })

  it('narrows by time, whole minutes in this device’s time, both ends included', () => {
    expect(shown({ from: '2026-12-07T09:03' })).toEqual([3, 4, 5, 6])
    expect(shown({ to: '2026-12-07T09:02' })).toEqual([1, 2])
    expect(shown({ from: '2026-12-07T09:02', to: '2026-12-07T09:04' })).toEqual([2, 3, 4])
    // The end takes in the whole of its minute.
    const late = entry(7, { at: NINE + 4 * MINUTE + 59_999 })
    expect(matchesFilter(late, { ...NO_FILTER, to: '2026-12-07T09:04' })).toBe(true)
    expect(matchesFilter({ ...late, at: late.at + 1 }, { ...NO_FILTER, to: '2026-12-07T09:04' })).toBe(false)
    // Half-typed times leave that end open rather than hide everything.
    expect(filterSpan({ from: '2026-12-07T', to: '' })).toEqual({})
  })

  it('asks the server for the CSV with the same filter it shows', () => {
    const filter: ActivityFilter = {
      person: 'p-sam',
      section: 'existing-strengths',
      action: 'note.added',
      from: '2026-12-07T09:02',
      to: '2026-12-07T09:04',
    }
    const query = new URLSearchParams(filterQuery(filter))
    expect(Object.fromEntries(query)).toEqual({
      person: 'p-sam',
      section: 'existing-strengths',
      action: 'note.added',
      from: String(NINE + 2 * MINUTE),
      to: String(NINE + 5 * MINUTE - 1),
    })
    expect(isFiltered(filter)).toBe(true)
    // What the query asks for is what the page shows, for every entry.
    const from = Number(query.get('from'))
    const to = Number(query.get('to'))
    for (const item of TRAIL) {
      const byQuery =
        item.actor?.participantId === query.get('person') &&
        item.section === query.get('section') &&
        item.action === query.get('action') &&
        item.at >= from &&
        item.at <= to
      expect(matchesFilter(item, filter), `entry ${item.seq}`).toBe(byQuery)
    }
  })

  it('offers each person once, by name with their agency, and the actions the trail holds in order', () => {
    expect(peopleIn(TRAIL)).toEqual([
      { id: 'p-alex', label: 'Alex Morgan (Council)' },
      { id: 'p-sam', label: 'Sam Patel (School)' },
    ])
    expect(actionsIn([...TRAIL, entry(8, { action: 'zz.unknown' })])).toEqual([
      { action: 'note.added', label: 'Added a note' },
      { action: 'section.locked', label: 'Locked a section' },
      { action: 'participant.joined', label: 'Joined the meeting' },
      { action: 'map.closed', label: 'Closed the map' },
      { action: 'zz.unknown', label: 'zz.unknown' },
    ])
  })
})

describe('how an entry reads', () => {
  it('says the section and the summary, without repeating what the action already says', () => {
    expect(detailText({ section: 'past-harm', summary: '“Police”' }, 'Added a note')).toEqual({
      section: 'Past harm',
      summary: '“Police”',
    })
    expect(detailText({ section: null, summary: 'Joined the meeting' }, 'Joined the meeting')).toEqual({
      section: null,
      summary: '',
    })
    expect(detailText({ section: 'next-steps', summary: 'Next steps locked' }, 'Locked a section')).toEqual({
      section: null,
      summary: 'Next steps locked',
    })
  })

  it('gives the time to the second, and the day on the first entry and when the day changes', () => {
    expect(entryTime(NINE + 5_000, null)).toBe('09:00:05, 7 Dec 2026')
    expect(entryTime(NINE + 65_000, NINE)).toBe('09:01:05')
    expect(entryTime(NINE + 24 * 60 * MINUTE, NINE)).toBe('09:00:00, 8 Dec 2026')
  })
})

describe('checking the trail, in plain words', () => {
  it('says the trail is intact, with how many entries', () => {
    expect(verificationText({ ok: true, entries: 12 })).toEqual({
      headline: 'The trail is intact.',
      detail: 'All 12 entries are exactly as the server wrote them, in order, with none missing.',
    })
    expect(verificationText({ ok: true, entries: 1 }).detail).toMatch(/^The 1 entry is exactly/)
  })

  it('says where it first breaks and which entries still hold', () => {
    const broken = verificationText({ ok: false, entries: 12, firstBad: 7 })
    expect(broken.headline).toBe('The trail is broken at entry 7.')
    expect(broken.detail).toContain('Entry 7 has been changed, removed or moved')
    expect(broken.detail).toContain('Entries 1 to 6 are as written.')
    expect(verificationText({ ok: false, entries: 3, firstBad: 1 }).detail).toContain(
      'No entry can be trusted as written.',
    )
  })
})
