// Blind scaling over real sockets: nobody's number or reason reaches any device before the chair reveals them,
// and then everyone's document shows all of them at once.
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readConference } from '@mapboard/map-model'
import type { ScalingRound } from '@mapboard/map-model'
import type { CreateMapResponse, JoinResponse } from '@mapboard/protocol'
import { connectClient, connectRawSocket, joinAs, waitFor } from '@mapboard/test-kit'
import type { RawSocket, TestClient } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import { api, expectError } from './support/api.ts'
import { syncStep1Frame } from './support/frames.ts'
import { framesContain, receivedDoc } from './support/receivedDoc.ts'

let server: TestServer | undefined
const clients: TestClient[] = []
const raws: RawSocket[] = []
/** Data dirs a test made itself, to keep across a restart; removed afterwards. */
const dataDirs: string[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  for (const raw of raws.splice(0)) raw.socket.terminate()
  await server?.close()
  server = undefined
  for (const dir of dataDirs.splice(0)) await rm(dir, { recursive: true, force: true })
})

interface People {
  map: CreateMapResponse
  chair: JoinResponse
  socialWorker: JoinResponse
  teacher: JoinResponse
  mum: JoinResponse
  dad: JoinResponse
  viewer: JoinResponse
}

async function joinEveryone(s: TestServer): Promise<People> {
  const map = await s.createMap('Review child protection conference')
  return {
    map,
    chair: await joinAs(s, map.links.chair, { name: 'Ann Chair', agency: 'Independent reviewing' }),
    socialWorker: await joinAs(s, map.links.professional, { name: 'Sam Okafor', agency: 'Social care' }),
    teacher: await joinAs(s, map.links.professional, { name: 'Ms Reid', agency: 'Ellis Primary School' }),
    mum: await joinAs(s, map.links.family, { name: 'Mum' }),
    dad: await joinAs(s, map.links.family, { name: 'Dad' }),
    viewer: await joinAs(s, map.links.viewer, { name: 'Student' }),
  }
}

function connect(s: TestServer, who: JoinResponse): TestClient {
  const client = connectClient(s, who.map.id, who)
  clients.push(client)
  return client
}

const roundIn = (doc: Y.Doc, roundId: string): ScalingRound | undefined =>
  readConference(doc).rounds.find((round) => round.id === roundId)

/** A text no one could write by chance, to look for in bytes. */
const marker = (who: string): string => `marker-${who}-${randomBytes(6).toString('hex')}`

async function openRound(s: TestServer, chair: JoinResponse, chairScales: boolean): Promise<string> {
  const opened = await api(s.url, 'POST', `/api/maps/${chair.map.id}/scaling`, chair.token, {
    subject: 'overall',
    chairScales,
  })
  expect(opened.status, JSON.stringify(opened.body)).toBe(201)
  const { roundId } = opened.body as { roundId: string }
  return roundId
}

async function submit(s: TestServer, who: JoinResponse, roundId: string, score: number, reason: string) {
  const answer = await api(s.url, 'PUT', `/api/maps/${who.map.id}/scaling/${roundId}/submission`, who.token, {
    score,
    reason,
  })
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  return answer.body
}

it('keeps five people’s numbers and reasons off every device until the reveal, then shows them all', async () => {
  const s = (server = await startServer())
  const people = await joinEveryone(s)
  const { map, chair, socialWorker, teacher, mum, dad, viewer } = people

  // Mum's device is a bare socket, so every byte the server sends her is recorded.
  const mumSocket = connectRawSocket(s, map.id, mum.token)
  raws.push(mumSocket)
  await mumSocket.send(syncStep1Frame())
  const watching = [chair, socialWorker, teacher, dad, viewer].map((who) => connect(s, who))
  await Promise.all(watching.map((client) => client.synced))

  const roundId = await openRound(s, chair, true)
  const everyDoc = (): Y.Doc[] => [...watching.map((client) => client.doc), receivedDoc(mumSocket.messages)]
  await waitFor(() => everyDoc().every((doc) => roundIn(doc, roundId)?.status === 'open'), 5000, {
    message: 'the round did not reach everyone',
  })

  const answers = [
    { who: chair, score: 6, reason: marker('chair') },
    { who: socialWorker, score: 3, reason: marker('social-worker') },
    { who: teacher, score: 4, reason: marker('teacher') },
    { who: mum, score: 8, reason: marker('mum') },
    { who: dad, score: 7, reason: marker('dad') },
  ]
  for (const { who, score, reason } of answers) {
    expect(await submit(s, who, roundId, score, reason)).toEqual({
      roundId,
      score,
      reason,
      updatedAt: expect.any(Number),
    })
  }
  // The teacher thinks again before the reveal: the new answer replaces the old one.
  const firstThought = answers[2]?.reason ?? ''
  const secondThought = { who: teacher, score: 5, reason: marker('teacher-again') }
  await submit(s, teacher, roundId, secondThought.score, secondThought.reason)
  answers[2] = secondThought
  const allMarkers = [...answers.map((answer) => answer.reason), firstThought]

  const room = s.app.rooms.getLoaded(map.id)
  await room?.settle()
  const serverDoc = room?.read((doc) => doc)
  if (serverDoc === undefined) throw new Error('the room is not loaded')
  await waitFor(() => everyDoc().every((doc) => roundIn(doc, roundId)?.count === 5), 5000, {
    message: 'the count did not reach everyone',
  })

  // (a) Only the count is shared: no number, reason or name, on the server or on any device — not even in the
  // document's history, which keeps what was deleted.
  const blind = { status: 'open', count: 5, revealedAt: null, results: [] }
  for (const doc of [serverDoc, ...everyDoc()]) {
    expect(roundIn(doc, roundId)).toMatchObject(blind)
    const history = Buffer.from(Y.encodeStateAsUpdate(doc))
    for (const text of allMarkers) expect(history.includes(Buffer.from(text))).toBe(false)
  }
  // (b) Not one byte of anyone's reason reached Mum's socket.
  expect(mumSocket.messages.length).toBeGreaterThan(0)
  for (const text of allMarkers.filter((text) => text !== answers[3]?.reason)) {
    expect(framesContain(mumSocket.messages, text), text).toBe(false)
  }
  // Mum can read back her own answer, and only hers.
  const mine = await api(s.url, 'GET', `/api/maps/${map.id}/scaling/${roundId}/submission`, mum.token)
  expect(mine).toEqual({
    status: 200,
    body: { roundId, score: 8, reason: answers[3]?.reason, updatedAt: expect.any(Number) },
  })
  const teachers = await api(s.url, 'GET', `/api/maps/${map.id}/scaling/${roundId}/submission`, teacher.token)
  expect(teachers.body).toMatchObject({ score: 5, reason: secondThought.reason })

  const revealed = await api(s.url, 'POST', `/api/maps/${map.id}/scaling/${roundId}/reveal`, chair.token)
  expect(revealed).toEqual({ status: 200, body: { count: 5 } })

  const expected = [
    { who: socialWorker, role: 'professional', score: 3 },
    { who: teacher, role: 'professional', score: 5 },
    { who: chair, role: 'chair', score: 6 },
    { who: dad, role: 'family', score: 7 },
    { who: mum, role: 'family', score: 8 },
  ].map(({ who, role, score }) => ({
    participantId: who.participant.id,
    name: who.participant.name,
    role,
    agency: who.participant.agency,
    score,
    reason: answers.find((answer) => answer.who === who)?.reason,
  }))
  await waitFor(() => everyDoc().every((doc) => roundIn(doc, roundId)?.status === 'revealed'), 5000, {
    message: 'the reveal did not reach everyone',
  })
  for (const doc of [serverDoc, ...everyDoc()]) {
    expect(roundIn(doc, roundId)).toMatchObject({
      status: 'revealed',
      count: 5,
      revealedAt: expect.any(Number),
      results: expected,
    })
  }
  // The replaced answer never reached anyone, even after the reveal.
  expect(framesContain(mumSocket.messages, firstThought)).toBe(false)

  expectError(
    await api(s.url, 'POST', `/api/maps/${map.id}/scaling/${roundId}/reveal`, chair.token),
    409,
    'ROUND_CLOSED',
  )
})

it('loses no submission to a restart, and the round can still be revealed', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'mapboard-scaling-'))
  dataDirs.push(dataDir)
  const before = (server = await startServer({ dataDir }))
  const { map, chair, socialWorker, mum } = await joinEveryone(before)
  const roundId = await openRound(before, chair, false)
  await submit(before, socialWorker, roundId, 2, 'Ella was left alone twice this month')
  await submit(before, mum, roundId, 9, 'We have a routine now')

  // The same SQLite file, closed and opened by a new server (on a new port: no connection carries over).
  await before.close()
  const s = (server = await startServer({ dataDir }))

  const mine = await api(s.url, 'GET', `/api/maps/${map.id}/scaling/${roundId}/submission`, mum.token)
  expect(mine.body).toMatchObject({ roundId, score: 9, reason: 'We have a routine now' })
  const revealed = await api(s.url, 'POST', `/api/maps/${map.id}/scaling/${roundId}/reveal`, chair.token)
  expect(revealed).toEqual({ status: 200, body: { count: 2 } })

  const chairClient = connect(s, chair)
  await chairClient.synced
  await waitFor(() => roundIn(chairClient.doc, roundId)?.status === 'revealed')
  expect(roundIn(chairClient.doc, roundId)?.results.map(({ name, score }) => ({ name, score }))).toEqual([
    { name: 'Sam Okafor', score: 2 },
    { name: 'Mum', score: 9 },
  ])
})

it('opens a round on a map nobody is connected to, and lets the room go afterwards', async () => {
  const s = (server = await startServer({ unloadGraceMs: 20 }))
  const { map, chair, dad } = await joinEveryone(s)
  const roundId = await openRound(s, chair, false)
  await submit(s, dad, roundId, 5, 'Better than last time')
  await waitFor(() => !s.app.rooms.isLoaded(map.id), 5000, { message: 'the room stayed loaded' })

  const client = connect(s, dad)
  await client.synced
  expect(roundIn(client.doc, roundId)).toMatchObject({ status: 'open', count: 1, results: [] })
})
