import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_REPORTS_POLICY } from '@mapboard/map-model'
import type { JoinResponse } from '@mapboard/protocol'
import { tokenFromLink } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import { configFromEnv } from '../src/config.ts'
import { api, expectError } from './support/api.ts'

let server: TestServer | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
})

async function joinAnswer(s: TestServer, body: unknown = { name: 'Alex', agency: 'Council' }) {
  const map = await s.createMap('Review conference')
  return api(s.url, 'POST', `/api/maps/${map.id}/join`, tokenFromLink(map.links.family), body)
}

describe('the join answer carries the deployment’s reports policy', () => {
  it('England and Wales’s by default: 24 hours, 3 working days, no extra holidays', async () => {
    const s = (server = await startServer())
    const answer = await joinAnswer(s)
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    expect((answer.body as JoinResponse).reportsPolicy).toEqual({
      initialHours: DEFAULT_REPORTS_POLICY.initialHours,
      reviewWorkingDays: DEFAULT_REPORTS_POLICY.reviewWorkingDays,
      extraBankHolidays: [],
    })
  })

  it('a policy configured through MAPBOARD_REPORTS_* reaches every client, with only the extra holidays', async () => {
    const { reportsPolicy } = configFromEnv(
      {
        MAPBOARD_REPORTS_INITIAL_HOURS: '48',
        MAPBOARD_REPORTS_REVIEW_WORKING_DAYS: '5',
        // One already in the England and Wales list (Christmas 2027 is on a Saturday, so the 27th is): not repeated.
        MAPBOARD_EXTRA_BANK_HOLIDAYS: '2027-07-12, 2027-01-04, 2027-12-27',
      },
      '/srv',
    )
    expect(DEFAULT_REPORTS_POLICY.bankHolidays).toContain('2027-12-27')
    const s = (server = await startServer({ reportsPolicy }))
    const answer = await joinAnswer(s)
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    const body = answer.body as JoinResponse
    expect(body.reportsPolicy).toEqual({
      initialHours: 48,
      reviewWorkingDays: 5,
      extraBankHolidays: ['2027-01-04', '2027-07-12'],
    })
    // Every field the join answered before is still there.
    expect(Object.keys(body).sort()).toEqual(['map', 'participant', 'reportsPolicy', 'token'])
  })

  it('a client cannot send its own policy with the join', async () => {
    const s = (server = await startServer())
    const answer = await joinAnswer(s, {
      name: 'Alex',
      reportsPolicy: { initialHours: 0, reviewWorkingDays: 0, extraBankHolidays: [] },
    })
    expectError(answer, 400, 'INVALID_REQUEST')
  })
})
