// "Export and close" (decision 0042): the chair closes the map over HTTP, the server writes `meta.closed` into both
// documents, and from then on every client's edit is refused (READONLY-1) in both, the chair's included, while
// everyone stays connected and in step; the chair reopens it the same way. No client writes the closure itself
// (READONLY-2).
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MAP_CLOSURE_KEY, addNote, readMap, readMapClosure, updateNote } from '@mapboard/map-model'
import type { AuditEntryInfo } from '@mapboard/protocol'
import { noteAuthor, waitFor } from '@mapboard/test-kit'
import { api, expectError } from './support/api.ts'
import { NOTES, expectEveryoneReads, expectStillServing, startConference } from './permissions/conference.ts'
import type { Conference } from './permissions/conference.ts'

const CLOSED_AT = 1_900_000_000_000
const REFUSAL = {
  rule: 'READONLY-1',
  message: 'This map is closed: nothing on it can be changed unless the chair reopens it.',
}

let conference: Conference | undefined
afterEach(async () => {
  await conference?.close()
  conference = undefined
})

async function start(): Promise<Conference> {
  conference = await startConference({ now: () => CLOSED_AT })
  return conference
}

const close = (c: Conference, token: string) =>
  api(c.server.url, 'POST', `/api/maps/${c.map.id}/close`, token)
const reopen = (c: Conference, token: string) =>
  api(c.server.url, 'POST', `/api/maps/${c.map.id}/reopen`, token)

describe('[READONLY-1] a closed map is read-only for everyone', () => {
  it('[READONLY-1] a client that keeps editing after the close is refused; the others stay connected and in step', async () => {
    const c = await start()
    const family = c.connect(c.family)
    const professional = c.connect(c.professional)
    await Promise.all([family.synced, professional.synced])

    const closed = await close(c, c.chair.token)
    expect(closed).toEqual({ status: 200, body: { closed: true, closedAt: CLOSED_AT } })
    for (const client of [family, professional, ...c.observers]) {
      await waitFor(() => readMapClosure(client.doc) !== null, 5000, {
        message: 'the closure did not arrive',
      })
    }
    expect(readMapClosure(family.doc)).toEqual({ closedAt: CLOSED_AT, closedBy: 'Ann Chair' })
    const before = readMap(c.serverDoc())

    // The family keeps adding, the professional keeps editing, the chair too: every one is refused and reverted.
    for (let i = 0; i < 3; i++) {
      addNote(family.doc, {
        zone: 'existing-strengths',
        text: `After the close ${i}`,
        ...noteAuthor(c.family),
      })
    }
    updateNote(professional.doc, NOTES.pro, { text: 'Changed after the close' })
    const [chair] = c.observers
    if (chair === undefined) throw new Error('no chair')
    addNote(chair.doc, { zone: 'next-steps', text: 'The chair after the close', ...noteAuthor(c.chair) })

    for (const client of [family, professional, chair]) {
      await waitFor(() => client.refusals.length > 0, 5000, { message: 'no refusal arrived' })
      expect(client.refusals[0]).toEqual(REFUSAL)
    }
    await expectEveryoneReads(c, [family.doc, professional.doc, ...c.observers.map((o) => o.doc)], before)
    for (const client of [family, professional, ...c.observers]) expect(client.closes).toEqual([])
    await expectStillServing(c)
  })

  it("[READONLY-1] the professionals' document is closed too", async () => {
    const c = await start()
    const room = await c.room('professionals')
    const before = readMap(room.serverDoc())
    expect((await close(c, c.chair.token)).status).toBe(200)
    const [chair, police] = room.observers
    await waitFor(() => readMapClosure(police.doc) !== null)
    addNote(police.doc, {
      zone: 'past-harm',
      text: 'Restricted, after the close',
      audience: 'professionals',
      ...noteAuthor(c.police),
    })
    await waitFor(() => police.refusals.length > 0)
    expect(police.refusals[0]).toEqual(REFUSAL)
    await expectEveryoneReads(c, [chair.doc, police.doc], before, room)
  })

  it('[READONLY-1] the chair reopens it and edits are taken again; closing twice keeps the first time', async () => {
    let clock = CLOSED_AT
    conference = await startConference({ now: () => clock })
    const c = conference
    expect((await close(c, c.chair.token)).body).toEqual({ closed: true, closedAt: CLOSED_AT })
    clock += 60_000
    expect((await close(c, c.chair.token)).body).toEqual({ closed: true, closedAt: CLOSED_AT })
    expect(await c.server.app.store.getClosure(c.map.id)).toMatchObject({ closedAt: CLOSED_AT })

    expect(await reopen(c, c.chair.token)).toEqual({ status: 200, body: { closed: false, closedAt: null } })
    expect(await c.server.app.store.getClosure(c.map.id)).toBeUndefined()
    const family = c.connect(c.family)
    await family.synced
    await waitFor(() => readMapClosure(family.doc) === null)
    const id = addNote(family.doc, {
      zone: 'existing-strengths',
      text: 'After reopening',
      ...noteAuthor(c.family),
    })
    await waitFor(() => readMap(c.serverDoc()).notes.some((note) => note.id === id))
    expect(family.refusals).toEqual([])
  })

  it('[READONLY-1] only the chair closes or reopens, and a closed map takes no scaling round', async () => {
    const c = await start()
    for (const who of [c.professional, c.family, c.viewer]) {
      expectError(await close(c, who.token), 403, 'ROLE_FORBIDDEN')
      expectError(await reopen(c, who.token), 403, 'ROLE_FORBIDDEN')
    }
    expectError(await close(c, 'not-a-token'), 401, 'TOKEN_INVALID')
    expect(readMapClosure(c.serverDoc())).toBeNull()
    expect((await close(c, c.chair.token)).status).toBe(200)
    const round = await api(c.server.url, 'POST', `/api/maps/${c.map.id}/scaling`, c.chair.token, {
      subject: 'overall',
      chairScales: false,
    })
    expectError(round, 409, 'MAP_CLOSED')
    // Reading stays open: the record can still be downloaded.
    const record = await fetch(`${c.server.url}/api/maps/${c.map.id}/export.pdf`, {
      headers: { authorization: `Bearer ${c.chair.token}` },
    })
    expect(record.status).toBe(200)
  })
})

describe('closing and reopening are in the audit trail', () => {
  it('one entry each, naming the chair, in the shared view, stored with the closure; the chain verifies', async () => {
    let clock = CLOSED_AT
    conference = await startConference({ now: () => clock })
    const c = conference
    // The professionals' document is open too: it is closed as well, but the map's trail says so once.
    await c.room('professionals')
    expect((await close(c, c.chair.token)).status).toBe(200)
    clock += 60_000
    expect((await close(c, c.chair.token)).status).toBe(200)
    clock += 60_000
    expect((await reopen(c, c.chair.token)).status).toBe(200)
    expect((await reopen(c, c.chair.token)).status).toBe(200)

    const trail = async (query = ''): Promise<AuditEntryInfo[]> => {
      const answer = await api(c.server.url, 'GET', `/api/maps/${c.map.id}/audit${query}`, c.chair.token)
      expect(answer.status).toBe(200)
      return answer.body as AuditEntryInfo[]
    }
    const entries = await trail()
    const closing = entries.filter((entry) => entry.target === MAP_CLOSURE_KEY)
    const chair = {
      participantId: c.chair.participant.id,
      name: 'Ann Chair',
      role: 'chair',
      agency: c.chair.participant.agency,
    }
    expect(closing).toEqual([
      expect.objectContaining({
        action: 'map.closed',
        at: CLOSED_AT,
        actor: chair,
        section: null,
        summary: 'Map closed: read-only for everyone until the chair reopens it',
        audience: 'shared',
      }),
      expect.objectContaining({
        action: 'map.reopened',
        at: CLOSED_AT + 120_000,
        actor: chair,
        summary: 'Map reopened: changes are taken again',
        audience: 'shared',
      }),
    ])
    const shared = await trail('?audience=shared')
    expect(shared.filter((entry) => entry.target === MAP_CLOSURE_KEY).map((entry) => entry.action)).toEqual([
      'map.closed',
      'map.reopened',
    ])
    expect((await trail('?action=map.closed')).map((entry) => entry.seq)).toEqual([closing[0]?.seq])
    const verified = await api(c.server.url, 'GET', `/api/maps/${c.map.id}/audit/verify`, c.chair.token)
    expect(verified.body).toEqual({ ok: true, entries: entries.length })

    // Stored in the same transaction as the closure: a restart reads both back, and the chain still holds.
    await c.server.restart()
    const again = await trail()
    expect(again.slice(0, entries.length)).toEqual(entries)
    expect(
      (await api(c.server.url, 'GET', `/api/maps/${c.map.id}/audit/verify`, c.chair.token)).body,
    ).toMatchObject({ ok: true })
  })
})

describe('[READONLY-2] no client writes the closure', () => {
  it('[READONLY-2] the chair cannot reopen a closed map through the document', async () => {
    const c = await start()
    expect((await close(c, c.chair.token)).status).toBe(200)
    const [chair] = c.observers
    if (chair === undefined) throw new Error('no chair')
    await waitFor(() => readMapClosure(chair.doc) !== null)
    chair.doc.getMap('meta').delete('closed')
    await waitFor(() => chair.refusals.length > 0)
    expect(chair.refusals[0]?.rule).toBe('READONLY-2')
    await waitFor(() => readMapClosure(chair.doc) !== null)
    expect(readMapClosure(c.serverDoc())).toEqual({ closedAt: CLOSED_AT, closedBy: 'Ann Chair' })
    expect(Y.encodeStateVector(chair.doc)).toEqual(Y.encodeStateVector(c.serverDoc()))
  })
})
