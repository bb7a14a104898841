// HTTP work on a live room sent to the instance that is not the room's authority (decision 0047): scaling,
// closing and reopening, restorations and exports are run by the authority in its room turn, and answer exactly
// as on one instance; an authority that stops answering gives a clean 503, and one that died is replaced.
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MAP_CLOSURE_KEY, addNote, readConference, readMap, readMapClosure } from '@mapboard/map-model'
import type { ScalingRound } from '@mapboard/map-model'
import type { AuditEntryInfo, JoinResponse } from '@mapboard/protocol'
import { connectRawSocket, noteAuthor, waitFor } from '@mapboard/test-kit'
import type { RawSocket } from '@mapboard/test-kit'
import { api, expectError } from '../support/api.ts'
import { download } from '../support/download.ts'
import { syncStep1Frame } from '../support/frames.ts'
import { pdfText } from '../support/pdfText.ts'
import { framesContain } from '../support/receivedDoc.ts'
import type { ServerProcess } from '../support/serverProcess.ts'
import { REDIS_URL, describeWithRedis } from './support/cluster.ts'
import { startClusterConference } from './support/clusterConference.ts'
import type { ClusterConference } from './support/clusterConference.ts'

let conference: ClusterConference | undefined
const raws: RawSocket[] = []
const stopped: number[] = []

afterEach(async () => {
  for (const raw of raws.splice(0)) raw.socket.terminate()
  // A stopped process is ended by the cluster's SIGKILL; it must not be left stopped if that fails.
  for (const pid of stopped.splice(0)) {
    try {
      process.kill(pid, 'SIGCONT')
    } catch {
      // gone already
    }
  }
  await conference?.close()
  conference = undefined
})

/** The value of a room's lease key: `<instance>:<fencing token>`, or null when nobody holds it. */
async function leaseOf(c: ClusterConference, room: string): Promise<string | null> {
  const redis = new Redis(REDIS_URL)
  try {
    return await redis.get(`${c.cluster.prefix}lease:${room}`)
  } finally {
    redis.disconnect()
  }
}

const roundIn = (doc: Y.Doc, roundId: string): ScalingRound | undefined =>
  readConference(doc).rounds.find((round) => round.id === roundId)

const marker = (who: string): string => `marker-${who}-${randomBytes(6).toString('hex')}`

async function openRound(on: ServerProcess, chair: JoinResponse, chairScales: boolean): Promise<string> {
  const opened = await api(on.url, 'POST', `/api/maps/${chair.map.id}/scaling`, chair.token, {
    subject: 'overall',
    chairScales,
  })
  expect(opened.status, JSON.stringify(opened.body)).toBe(201)
  return (opened.body as { roundId: string }).roundId
}

describeWithRedis('room operations sent to the instance that is not the authority', () => {
  it('scaling: rounds, answers, refusals and the reveal as on one instance; the family never sees an answer', async () => {
    const c = (conference = await startClusterConference())
    // The chair connects first, to the first instance, which so becomes the authority; the rest are relayed.
    const chair = c.connect(c.first, c.chair)
    await chair.synced
    const worker = c.connect(c.second, c.professional)
    const family = connectRawSocket(c.second, c.map.id, c.family.token)
    raws.push(family)
    await family.send(syncStep1Frame())
    await worker.synced
    const authority = await leaseOf(c, c.map.id)
    expect(authority).not.toBeNull()

    const roundId = await openRound(c.second, c.chair, false)
    await waitFor(() => [chair, worker].every((client) => roundIn(client.doc, roundId)?.status === 'open'))
    const answers = [
      { who: c.professional, score: 3, reason: marker('worker') },
      { who: c.family, score: 8, reason: marker('family') },
    ]
    for (const { who, score, reason } of answers) {
      const answer = await api(
        c.second.url,
        'PUT',
        `/api/maps/${c.map.id}/scaling/${roundId}/submission`,
        who.token,
        { score, reason },
      )
      expect(answer).toEqual({
        status: 200,
        body: { roundId, score, reason, updatedAt: expect.any(Number) },
      })
    }
    // The authority's refusals come back as they are: status, code and message.
    const chairAnswer = await api(
      c.second.url,
      'PUT',
      `/api/maps/${c.map.id}/scaling/${roundId}/submission`,
      c.chair.token,
      { score: 5, reason: 'I should not' },
    )
    expectError(chairAnswer, 403, 'CHAIR_NOT_SCALING')
    expect(chairAnswer.body).toMatchObject({ message: 'The chair does not scale in this round' })
    expectError(
      await api(c.second.url, 'POST', `/api/maps/${c.map.id}/scaling/no-such-round/reveal`, c.chair.token),
      404,
      'ROUND_NOT_FOUND',
    )
    // Checked on the instance asked, before anything is forwarded.
    expectError(
      await api(c.second.url, 'PUT', `/api/maps/${c.map.id}/scaling/${roundId}/submission`, c.family.token, {
        score: 11,
        reason: 'Too high',
      }),
      400,
      'INVALID_SCORE',
    )

    await waitFor(() => [chair, worker].every((client) => roundIn(client.doc, roundId)?.count === 2))
    // Nobody's reason reached the family's socket on the second instance, nor the others' documents.
    for (const { reason } of answers) {
      expect(framesContain(family.messages, reason)).toBe(false)
      for (const client of [chair, worker]) {
        expect(Buffer.from(Y.encodeStateAsUpdate(client.doc)).includes(Buffer.from(reason))).toBe(false)
      }
    }
    const own = await api(
      c.first.url,
      'GET',
      `/api/maps/${c.map.id}/scaling/${roundId}/submission`,
      c.family.token,
    )
    expect(own.body).toMatchObject({ score: 8, reason: answers[1]?.reason })

    const revealed = await api(
      c.second.url,
      'POST',
      `/api/maps/${c.map.id}/scaling/${roundId}/reveal`,
      c.chair.token,
    )
    expect(revealed).toEqual({ status: 200, body: { count: 2 } })
    await waitFor(() =>
      [chair, worker].every((client) => roundIn(client.doc, roundId)?.status === 'revealed'),
    )
    expect(
      roundIn(worker.doc, roundId)
        ?.results.map((result) => result.reason)
        .sort(),
    ).toEqual(answers.map((answer) => answer.reason).sort())
    expectError(
      await api(c.second.url, 'POST', `/api/maps/${c.map.id}/scaling/${roundId}/reveal`, c.chair.token),
      409,
      'ROUND_CLOSED',
    )
    // The first instance ran every one of them: its lease never moved.
    expect(await leaseOf(c, c.map.id)).toBe(authority)
  }, 90_000)

  it('closing and reopening write both documents at their authorities, once each in the trail', async () => {
    const c = (conference = await startClusterConference())
    const room = `${c.map.id}/professionals`
    // The shared document's authority is the first instance, the professionals' one the second.
    const chair = c.connect(c.first, c.chair)
    await chair.synced
    const professionals = c.connect(c.second, c.professional, { room })
    await professionals.synced
    const worker = c.connect(c.second, c.professional)
    const chairProfessionals = c.connect(c.first, c.chair, { room })
    await Promise.all([worker.synced, chairProfessionals.synced])
    const leases = [await leaseOf(c, c.map.id), await leaseOf(c, room)]

    // Closing through the second instance forwards the shared document's write, reopening through the first the
    // professionals' one.
    const closed = await api(c.second.url, 'POST', `/api/maps/${c.map.id}/close`, c.chair.token)
    expect(closed).toEqual({ status: 200, body: { closed: true, closedAt: expect.any(Number) } })
    const clients = [chair, worker, professionals, chairProfessionals]
    await waitFor(() => clients.every((client) => readMapClosure(client.doc) !== null))
    // The authority refuses a change of a closed map, and the refusal is the answer.
    expectError(
      await api(c.second.url, 'POST', `/api/maps/${c.map.id}/scaling`, c.chair.token, {
        subject: 'overall',
        chairScales: false,
      }),
      409,
      'MAP_CLOSED',
    )

    const reopened = await api(c.first.url, 'POST', `/api/maps/${c.map.id}/reopen`, c.chair.token)
    expect(reopened).toEqual({ status: 200, body: { closed: false, closedAt: null } })
    await waitFor(() => clients.every((client) => readMapClosure(client.doc) === null))
    // Editing is taken again, whichever instance a client is on.
    addNote(worker.doc, { zone: 'past-harm', text: 'After reopening', ...noteAuthor(c.professional) })
    await waitFor(() => readMap(chair.doc).notes.some((note) => note.text === 'After reopening'))

    const trail = await api(c.second.url, 'GET', `/api/maps/${c.map.id}/audit`, c.chair.token)
    const closing = (trail.body as AuditEntryInfo[]).filter((entry) => entry.target === MAP_CLOSURE_KEY)
    expect(closing.map((entry) => [entry.action, entry.actor?.name])).toEqual([
      ['map.closed', 'Ann Chair'],
      ['map.reopened', 'Ann Chair'],
    ])
    expect(
      (await api(c.second.url, 'GET', `/api/maps/${c.map.id}/audit/verify`, c.chair.token)).body,
    ).toMatchObject({
      ok: true,
    })
    expect([await leaseOf(c, c.map.id), await leaseOf(c, room)]).toEqual(leases)
  }, 90_000)

  it('restorations and an export read what the authority has stored', async () => {
    const c = (conference = await startClusterConference())
    const chair = c.connect(c.first, c.chair)
    await chair.synced
    const authority = await leaseOf(c, c.map.id)
    const text = marker('note')
    addNote(chair.doc, { zone: 'past-harm', text, ...noteAuthor(c.chair) })
    await waitFor(() => readMap(chair.doc).notes.length === 1)

    const restorations = await api(c.second.url, 'GET', `/api/maps/${c.map.id}/restorations`, c.chair.token)
    expect(restorations).toEqual({ status: 200, body: [] })
    expect(
      (await api(c.second.url, 'GET', `/api/maps/${c.map.id}/restorations`, c.family.token)).status,
    ).toBe(403)

    // Right after the edit: the authority stores what it accepted before the record reads the store.
    const pdf = await download(c.second, `/api/maps/${c.map.id}/export.pdf`, c.chair.token)
    expect(pdf.status).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(pdfText(pdf.bytes)).toContain(text)
    const exportId = pdf.headers.get('x-export-id')
    const listed = await api(c.first.url, 'GET', `/api/maps/${c.map.id}/exports`, c.chair.token)
    expect((listed.body as Array<{ id: string; documentVersion: number }>).map((entry) => entry.id)).toEqual([
      exportId,
    ])
    expect(String((listed.body as Array<{ documentVersion: number }>)[0]?.documentVersion)).toBe(
      pdf.headers.get('x-document-version'),
    )
    // A professionals' record settles the professionals' document too, and the family still may not have one.
    const record = await download(c.second, `/api/maps/${c.map.id}/professionals/export.pdf`, c.chair.token)
    expect(record.status).toBe(200)
    expect(record.headers.get('x-record-audience')).toBe('professionals')
    const refused = await download(c.second, `/api/maps/${c.map.id}/professionals/export.pdf`, c.family.token)
    expect(refused.status).toBe(403)
    expect(await leaseOf(c, c.map.id)).toBe(authority)
  }, 90_000)

  it('a request whose authority was killed is served once its lease has passed on', async () => {
    const c = (conference = await startClusterConference())
    const chair = c.connect(c.first, c.chair)
    await chair.synced
    const authority = await leaseOf(c, c.map.id)

    await c.first.kill('SIGKILL')
    // At once: the lease still names the dead instance, and the second one waits for it to lapse, then serves.
    const killedAt = Date.now()
    const roundId = await openRound(c.second, c.chair, true)
    console.info(`a request sent at the authority's death was answered ${Date.now() - killedAt} ms later`)
    expect(await leaseOf(c, c.map.id)).not.toBe(authority)
    const answer = await api(
      c.second.url,
      'PUT',
      `/api/maps/${c.map.id}/scaling/${roundId}/submission`,
      c.professional.token,
      { score: 4, reason: 'Still worried' },
    )
    expect(answer.status).toBe(200)
    const worker = c.connect(c.second, c.professional)
    await worker.synced
    expect(roundIn(worker.doc, roundId)).toMatchObject({ status: 'open', count: 1 })
  }, 90_000)

  it('a request whose authority took it and went silent gets a clean 503', async () => {
    const c = (conference = await startClusterConference())
    const chair = c.connect(c.first, c.chair)
    await chair.synced
    // Stopped, the first instance still hears Redis (its sockets stay open) but neither answers nor renews.
    process.kill(c.first.pid, 'SIGSTOP')
    stopped.push(c.first.pid)
    const sentAt = Date.now()
    const unanswered = await api(c.second.url, 'POST', `/api/maps/${c.map.id}/scaling`, c.chair.token, {
      subject: 'overall',
      chairScales: false,
    })
    expectError(unanswered, 503, 'ROOM_UNAVAILABLE')
    console.info(`a request to a silent authority was answered 503 after ${Date.now() - sentAt} ms`)
    // Whether it ran there is unknown, so it was not run here as well; its lease has lapsed, so the next is run here.
    await openRound(c.second, c.chair, false)
  }, 90_000)
})
