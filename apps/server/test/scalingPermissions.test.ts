// Who may do what in blind scaling, over HTTP, and why no client can write a round into the document itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDangerStatement, readConference, writeAttendance, writeScalingRound } from '@mapboard/map-model'
import type { CreateMapResponse, JoinResponse } from '@mapboard/protocol'
import { connectClient, joinAs, tokenFromLink, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import { api, expectError } from './support/api.ts'

let server: TestServer
let map: CreateMapResponse
let chair: JoinResponse
let professional: JoinResponse
let family: JoinResponse
let viewer: JoinResponse
/** A round opened without the chair scaling. */
let roundId: string
const clients: TestClient[] = []

const scalingPath = () => `/api/maps/${map.id}/scaling`
const submissionPath = (round = roundId) => `/api/maps/${map.id}/scaling/${round}/submission`
const revealPath = (round = roundId) => `/api/maps/${map.id}/scaling/${round}/reveal`

async function open(chairScales: boolean): Promise<string> {
  const answer = await api(server.url, 'POST', scalingPath(), chair.token, {
    subject: 'overall',
    chairScales,
  })
  expect(answer.status, JSON.stringify(answer.body)).toBe(201)
  return (answer.body as { roundId: string }).roundId
}

beforeAll(async () => {
  server = await startServer()
  map = await server.createMap('Initial child protection conference')
  chair = await joinAs(server, map.links.chair, { name: 'Ann Chair', agency: 'Independent reviewing' })
  professional = await joinAs(server, map.links.professional, { name: 'Sam Okafor', agency: 'Social care' })
  family = await joinAs(server, map.links.family, { name: 'Mum' })
  viewer = await joinAs(server, map.links.viewer, { name: 'Student' })
  roundId = await open(false)
})

afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server.close()
})

describe('opening a round', () => {
  it('is for the chair only', async () => {
    for (const who of [professional, family, viewer]) {
      const answer = await api(server.url, 'POST', scalingPath(), who.token, {
        subject: 'overall',
        chairScales: true,
      })
      expectError(answer, 403, 'ROLE_FORBIDDEN')
    }
  })

  it('refuses a body that breaks the schema', async () => {
    for (const body of [
      { subject: 'everything', chairScales: true },
      { subject: 'overall' },
      { subject: { dangerId: '' }, chairScales: false },
      { subject: 'overall', chairScales: 'yes' },
      { subject: 'overall', chairScales: true, results: [] },
    ]) {
      expectError(await api(server.url, 'POST', scalingPath(), chair.token, body), 400, 'INVALID_REQUEST')
    }
  })

  it('about a danger statement needs one that exists', async () => {
    expectError(
      await api(server.url, 'POST', scalingPath(), chair.token, {
        subject: { dangerId: 'no-such-danger' },
        chairScales: false,
      }),
      400,
      'DANGER_NOT_FOUND',
    )
    const client = connectClient(server, map.id, chair)
    clients.push(client)
    await client.synced
    const { participant } = chair
    addDangerStatement(
      client.doc,
      {
        id: 'danger-1',
        who: 'The social worker and the school',
        worry: 'Ella is left alone at night',
        outcome: 'she could be hurt',
      },
      { participantId: participant.id, name: participant.name, agency: participant.agency },
    )
    await waitFor(() => {
      const doc = server.app.rooms.getLoaded(map.id)?.read((doc) => doc)
      return doc !== undefined && readConference(doc).dangers.length === 1
    })
    const answer = await api(server.url, 'POST', scalingPath(), chair.token, {
      subject: { dangerId: 'danger-1' },
      chairScales: false,
    })
    expect(answer.status, JSON.stringify(answer.body)).toBe(201)
    const id = (answer.body as { roundId: string }).roundId
    await waitFor(() => readConference(client.doc).rounds.some((round) => round.id === id))
    expect(readConference(client.doc).rounds.find((round) => round.id === id)?.subject).toEqual({
      kind: 'danger',
      dangerId: 'danger-1',
    })
  })
})

describe('submitting', () => {
  it('refuses observers, a chair the round leaves out, and anyone who has not joined', async () => {
    const body = { score: 5, reason: 'Because' }
    expectError(await api(server.url, 'PUT', submissionPath(), viewer.token, body), 403, 'ROLE_FORBIDDEN')
    expectError(await api(server.url, 'GET', submissionPath(), viewer.token), 403, 'ROLE_FORBIDDEN')
    expectError(await api(server.url, 'PUT', submissionPath(), chair.token, body), 403, 'CHAIR_NOT_SCALING')
    const linkOnly = tokenFromLink(map.links.professional)
    expectError(await api(server.url, 'PUT', submissionPath(), linkOnly, body), 403, 'JOIN_REQUIRED')
  })

  it('lets the chair scale in a round opened with chairScales', async () => {
    const round = await open(true)
    const answer = await api(server.url, 'PUT', submissionPath(round), chair.token, {
      score: 0,
      reason: 'Too early to say',
    })
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  })

  it('needs a whole number from 0 to 10 and a reason of 1 to 1000 characters', async () => {
    const cases: Array<[unknown, string]> = [
      [{ score: 11, reason: 'x' }, 'INVALID_SCORE'],
      [{ score: -1, reason: 'x' }, 'INVALID_SCORE'],
      [{ score: 5.5, reason: 'x' }, 'INVALID_SCORE'],
      [{ score: '5', reason: 'x' }, 'INVALID_REQUEST'],
      [{ score: 5 }, 'INVALID_REQUEST'],
      [{ score: 5, reason: 'x', name: 'Someone else' }, 'INVALID_REQUEST'],
      [{ score: 5, reason: '' }, 'INVALID_REASON'],
      [{ score: 5, reason: ' \n\t ' }, 'INVALID_REASON'],
      [{ score: 5, reason: 'y'.repeat(1001) }, 'INVALID_REASON'],
      [{ score: 5, reason: 'looks \u202Eharmless' }, 'INVALID_REASON'],
    ]
    for (const [body, code] of cases) {
      expectError(await api(server.url, 'PUT', submissionPath(), professional.token, body), 400, code)
    }
    const longest = await api(server.url, 'PUT', submissionPath(), professional.token, {
      score: 10,
      reason: `  ${'z'.repeat(1000)}\n`,
    })
    expect(longest.status).toBe(200)
    expect(longest.body).toMatchObject({ score: 10, reason: 'z'.repeat(1000) })
  })

  it('needs a round that exists', async () => {
    const body = { score: 5, reason: 'x' }
    expectError(
      await api(server.url, 'PUT', submissionPath('no-such-round'), family.token, body),
      404,
      'ROUND_NOT_FOUND',
    )
    expectError(await api(server.url, 'GET', submissionPath(), family.token), 404, 'SUBMISSION_NOT_FOUND')
  })

  it('refuses a missing or bad token', async () => {
    const body = { score: 5, reason: 'x' }
    expectError(await api(server.url, 'PUT', submissionPath(), undefined, body), 401, 'TOKEN_MISSING')
    expectError(
      await api(server.url, 'PUT', submissionPath(), `${family.token}x`, body),
      401,
      'TOKEN_INVALID',
    )
    expectError(await api(server.url, 'POST', revealPath(), 'garbage', undefined), 401, 'TOKEN_INVALID')
  })
})

describe('revealing', () => {
  it('is for the chair only, once; the round is closed afterwards', async () => {
    const round = await open(false)
    expect(
      (await api(server.url, 'PUT', submissionPath(round), family.token, { score: 6, reason: 'x' })).status,
    ).toBe(200)
    for (const who of [professional, family, viewer]) {
      expectError(await api(server.url, 'POST', revealPath(round), who.token), 403, 'ROLE_FORBIDDEN')
    }
    expectError(
      await api(server.url, 'POST', revealPath('no-such-round'), chair.token),
      404,
      'ROUND_NOT_FOUND',
    )
    expect(await api(server.url, 'POST', revealPath(round), chair.token)).toEqual({
      status: 200,
      body: { count: 1 },
    })
    expectError(await api(server.url, 'POST', revealPath(round), chair.token), 409, 'ROUND_CLOSED')
    expectError(
      await api(server.url, 'PUT', submissionPath(round), family.token, { score: 7, reason: 'y' }),
      409,
      'ROUND_CLOSED',
    )
    // Still readable by its author.
    expect((await api(server.url, 'GET', submissionPath(round), family.token)).body).toMatchObject({
      score: 6,
    })
  })
})

describe('the document (SERVER-1)', () => {
  it('refuses a chair client that writes a round, results or attendance itself, and the revert reaches it', async () => {
    const client = connectClient(server, map.id, chair)
    clients.push(client)
    await client.synced
    const serverDoc = () => {
      const doc = server.app.rooms.getLoaded(map.id)?.read((doc) => doc)
      if (doc === undefined) throw new Error('the room is not loaded')
      return doc
    }
    const before = readConference(serverDoc()).rounds.find((round) => round.id === roundId)
    if (before === undefined) throw new Error('no round')

    writeScalingRound(client.doc, {
      ...before,
      status: 'revealed',
      revealedAt: Date.now(),
      count: 1,
      results: [
        {
          participantId: family.participant.id,
          name: 'Mum',
          role: 'family',
          agency: '',
          score: 0,
          reason: 'Made up by the chair',
        },
      ],
    })
    writeScalingRound(client.doc, { ...before, id: 'fake-round', count: 7 })
    writeAttendance(client.doc, {
      participantId: 'p-ghost',
      name: 'Nobody',
      role: 'professional',
      agency: 'Police',
      joinedAt: 1,
      present: true,
      leftAt: null,
    })

    await waitFor(() => client.refusals.some((refusal) => refusal.rule === 'SERVER-1'), 5000, {
      message: 'the chair was not told of the refusal',
    })
    const unchanged = (doc: typeof client.doc) => {
      const { rounds, attendance } = readConference(doc)
      return (
        rounds.find((round) => round.id === roundId)?.status === 'open' &&
        !rounds.some((round) => round.id === 'fake-round') &&
        !attendance.some((entry) => entry.participantId === 'p-ghost')
      )
    }
    await waitFor(() => unchanged(client.doc), 5000, { message: 'the revert did not reach the chair' })
    expect(unchanged(serverDoc())).toBe(true)
    expect(readConference(serverDoc()).rounds.find((round) => round.id === roundId)).toEqual(before)
  })
})
