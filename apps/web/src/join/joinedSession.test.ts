import { describe, expect, it } from 'vitest'
import type { JoinResponse } from '@mapboard/protocol'
import { isSameLink, parseRememberedJoin } from './joinedSession.ts'

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')
const NOW = 1_800_000_000_000
const token = (claims: Record<string, unknown>): string => `${encode(claims)}.c2lnbmF0dXJl`
const claims = {
  mapId: 'map-1',
  role: 'family',
  linkId: 'link-1',
  exp: NOW / 1000 + 3600,
  participant: { id: 'p-1', name: 'Jo Smith', agency: '' },
}
const joined: JoinResponse = {
  token: token(claims),
  participant: { id: 'p-1', name: 'Jo Smith', role: 'family', agency: '' },
  map: { id: 'map-1', title: 'Review conference' },
}
const stored = (value: unknown): string => JSON.stringify({ version: 1, joined: value })

describe('parseRememberedJoin', () => {
  it('reads back the join this app stored for the map', () => {
    expect(parseRememberedJoin(stored(joined), 'map-1', NOW)).toEqual(joined)
  })

  it('keeps only the fields of a join answer', () => {
    const padded = { ...joined, extra: 'x', participant: { ...joined.participant, isAdmin: true } }
    expect(parseRememberedJoin(stored(padded), 'map-1', NOW)).toEqual(joined)
  })

  it('keeps the deployment’s reports policy with the join, and leaves a garbled one out', () => {
    const reportsPolicy = { initialHours: 48, reviewWorkingDays: 5, extraBankHolidays: ['2027-01-04'] }
    expect(parseRememberedJoin(stored({ ...joined, reportsPolicy }), 'map-1', NOW)).toEqual({
      ...joined,
      reportsPolicy,
    })
    const garbled = { ...reportsPolicy, extraBankHolidays: ['next Tuesday'] }
    expect(parseRememberedJoin(stored({ ...joined, reportsPolicy: garbled }), 'map-1', NOW)).toEqual(joined)
  })

  it('forgets a join for another map, or one whose token has expired', () => {
    expect(parseRememberedJoin(stored(joined), 'map-2', NOW)).toBeNull()
    expect(parseRememberedJoin(stored(joined), 'map-1', claims.exp * 1000)).toBeNull()
  })

  it('refuses a token that names another role than the answer, or no link', () => {
    const chairToken = { ...joined, token: token({ ...claims, role: 'chair' }) }
    expect(parseRememberedJoin(stored(chairToken), 'map-1', NOW)).toBeNull()
    const noLink = { ...joined, token: token({ ...claims, linkId: undefined }) }
    expect(parseRememberedJoin(stored(noLink), 'map-1', NOW)).toBeNull()
    expect(parseRememberedJoin(stored({ ...joined, token: 'opaque' }), 'map-1', NOW)).toBeNull()
  })

  it('drops garbled and hostile values whole', () => {
    const hostile: Array<string | null> = [
      null,
      '',
      'not json',
      '{"version":1,',
      'null',
      '[]',
      '"a string"',
      JSON.stringify(joined), // the answer without the envelope
      JSON.stringify({ version: 2, joined }),
      stored(null),
      stored({ ...joined, token: '' }),
      stored({ ...joined, token: 42 }),
      stored({ ...joined, participant: { ...joined.participant, role: 'admin' } }),
      stored({ ...joined, participant: { ...joined.participant, id: 7 } }),
      stored({ ...joined, map: { id: 'map-1' } }),
      stored({ ...joined, map: null }),
      '{"version":1,"joined":{"__proto__":{"token":"x"}}}',
      stored({ ...joined, map: { ...joined.map, title: 'x'.repeat(20_000) } }),
    ]
    for (const raw of hostile) expect(parseRememberedJoin(raw, 'map-1', NOW)).toBeNull()
  })
})

describe('isSameLink', () => {
  it('matches an invite link to the join made through it by the link id in both tokens', () => {
    const link = token({ mapId: 'map-1', role: 'family', linkId: 'link-1', exp: claims.exp })
    expect(isSameLink(link, joined)).toBe(true)
    const other = token({ mapId: 'map-1', role: 'family', linkId: 'link-2', exp: claims.exp })
    expect(isSameLink(other, joined)).toBe(false)
    expect(isSameLink('garbled', joined)).toBe(false)
  })
})
