// The audit trail over real sockets and a real SQLite file: an entry for each thing people do, refusals recorded
// as refusals, nothing of the professionals' document in the shared view, no scaling number before the reveal,
// and a chain that survives compaction and a restart and shows any row changed, removed or swapped on disk.
import { afterEach, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import {
  addDangerStatement,
  addNextStep,
  addNote,
  deleteNote,
  moveNote,
  readMap,
  recordDecision,
  setLock,
  setStep,
  updateNote,
} from '@mapboard/map-model'
import type { AuditEntryInfo, JoinResponse } from '@mapboard/protocol'
import { connectClient, joinAs, noteAuthor, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import { api, expectError } from './support/api.ts'
import { bytesContain, download } from './support/download.ts'
import { pdfText } from './support/pdfText.ts'

let server: TestServer | undefined
const clients: TestClient[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
  server = undefined
})

async function connect(s: TestServer, who: JoinResponse, room = who.map.id): Promise<TestClient> {
  const client = connectClient(s, room, who)
  clients.push(client)
  await client.synced
  return client
}

async function trail(s: TestServer, chair: JoinResponse, query = ''): Promise<AuditEntryInfo[]> {
  const answer = await api(s.url, 'GET', `/api/maps/${chair.map.id}/audit${query}`, chair.token)
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  return answer.body as AuditEntryInfo[]
}

const signed = (who: JoinResponse) => ({
  participantId: who.participant.id,
  name: who.participant.name,
  agency: who.participant.agency,
})

async function conference(s: TestServer) {
  const map = await s.createMap('Review conference')
  const chair = await joinAs(s, map.links.chair, { name: 'Ann Chair', agency: 'Independent reviewing' })
  const worker = await joinAs(s, map.links.professional, { name: 'Sam Okafor', agency: 'Social care' })
  const mum = await joinAs(s, map.links.family, { name: 'Mum' })
  return { map, chair, worker, mum }
}

it('[AUDIT-3] records each change with who, before → after, and a refusal as a refusal', async () => {
  server = await startServer({ compactionThreshold: 5 })
  const s = server
  const { chair, worker, mum } = await conference(s)
  const chairClient = await connect(s, chair)
  const workerClient = await connect(s, worker)
  const mumClient = await connect(s, mum)
  const w = workerClient.doc
  const id = addNote(w, { zone: 'past-harm', text: 'Missed school twice', ...noteAuthor(worker) })
  await waitFor(() => readMap(chairClient.doc).notes.length === 1)
  updateNote(w, id, { text: 'Missed school three times' })
  moveNote(w, id, { zone: 'complicating-factors' })
  await waitFor(() => readMap(chairClient.doc).notes[0]?.zone === 'complicating-factors')
  // A hostile edit: the family changes the worker's note. The gate reverts it; the trail says refused.
  updateNote(mumClient.doc, id, { text: 'Never missed school' })
  await waitFor(() => mumClient.refusals.length === 1)
  await waitFor(() => readMap(mumClient.doc).notes[0]?.text === 'Missed school three times')
  const c = chairClient.doc
  setLock(c, 'past-harm', true)
  setLock(c, 'past-harm', false)
  setStep(c, 'mapping')
  addDangerStatement(c, { who: 'School', worry: 'missing school', outcome: 'falls behind' }, signed(chair))
  addNextStep(c, { what: 'Daily call', who: 'Mum', agency: '', due: '2027-01-10' }, signed(chair))
  recordDecision(c, {
    outcome: 'cin-plan',
    category: null,
    reasons: 'Progress',
    agencyViews: [],
    dissent: [],
  })
  deleteNote(w, id)
  await waitFor(() => readMap(chairClient.doc).notes.length === 0)

  let entries: AuditEntryInfo[] = []
  await waitFor(async () => {
    entries = await trail(s, chair)
    return entries.some((entry) => entry.action === 'note.deleted') && entries.length >= 12
  })
  const actions = entries.map((entry) => entry.action)
  for (const action of [
    'participant.joined',
    'note.added',
    'note.edited',
    'note.moved',
    'refused',
    'section.locked',
    'section.unlocked',
    'agenda.step',
    'danger.added',
    'nextStep.added',
    'decision.recorded',
    'note.deleted',
  ]) {
    expect(actions, action).toContain(action)
  }
  expect(entries.map((entry) => entry.seq)).toEqual(entries.map((_, index) => index + 1))
  const edited = entries.find((entry) => entry.action === 'note.edited')
  expect(edited?.summary).toBe('“Missed school twice” → “Missed school three times”')
  expect(edited?.actor).toEqual({
    participantId: worker.participant.id,
    name: 'Sam Okafor',
    role: 'professional',
    agency: 'Social care',
  })
  expect(entries.find((entry) => entry.action === 'note.moved')?.summary).toBe(
    'Past harm → Complicating factors',
  )
  const refused = entries.filter((entry) => entry.action === 'refused')
  expect(refused).toHaveLength(1)
  expect(refused[0]?.summary).toMatch(/^OWN-2: /)
  expect(refused[0]?.actor?.participantId).toBe(mum.participant.id)
  // The family's attempt is never recorded as an edit of theirs.
  const mumsActions = entries
    .filter((e) => e.actor?.participantId === mum.participant.id)
    .map((e) => e.action)
  expect(mumsActions.sort()).toEqual(['participant.joined', 'refused'])
  expect(JSON.stringify(entries)).not.toContain('Never missed school')

  // Filters and CSV.
  const bySection = await trail(s, chair, '?section=complicating-factors')
  expect(bySection.length).toBeGreaterThan(0)
  expect(bySection.every((entry) => entry.section === 'complicating-factors')).toBe(true)
  const byPerson = await trail(s, chair, `?person=${worker.participant.id}&action=note.added`)
  expect(byPerson.map((entry) => entry.target)).toEqual([id])
  const at = edited?.at ?? 0
  expect((await trail(s, chair, `?from=${at + 1_000_000}`)).length).toBe(0)
  const csv = await fetch(`${s.url}/api/maps/${chair.map.id}/audit?format=csv`, {
    headers: { authorization: `Bearer ${chair.token}` },
  })
  expect(csv.headers.get('content-type')).toMatch(/^text\/csv/)
  const rows = (await csv.text()).trimEnd().split('\r\n')
  expect(rows[0]).toMatch(/^seq,at,time,participant_id/)
  expect(rows).toHaveLength(entries.length + 1)

  // Others get 403.
  for (const who of [worker, mum]) {
    expectError(await api(s.url, 'GET', `/api/maps/${chair.map.id}/audit`, who.token), 403, 'ROLE_FORBIDDEN')
    expectError(
      await api(s.url, 'GET', `/api/maps/${chair.map.id}/audit/verify`, who.token),
      403,
      'ROLE_FORBIDDEN',
    )
  }

  // Leaves, then compaction (threshold 5 was passed many times) and a restart: the chain holds.
  mumClient.destroy()
  await waitFor(async () => (await trail(s, chair)).some((entry) => entry.action === 'participant.left'))
  for (const client of clients.splice(0)) client.destroy()
  await s.restart()
  const verified = await api(s.url, 'GET', `/api/maps/${chair.map.id}/audit/verify`, chair.token)
  expect(verified.body).toMatchObject({ ok: true })
  expect((verified.body as { entries: number }).entries).toBeGreaterThanOrEqual(entries.length)
})

it('[AUDIT-4] links, scaling and exports are recorded; no number before the reveal; shared view has no professionals-only entry', async () => {
  server = await startServer()
  const s = server
  const { chair, worker, mum } = await conference(s)
  await connect(s, chair)
  const restricted = await connect(s, worker, `${worker.map.id}/professionals`)
  addNote(restricted.doc, {
    id: 'p-secret',
    zone: 'past-harm',
    text: 'Police enquiry not yet disclosable',
    ...noteAuthor(worker),
  })
  const mapId = chair.map.id
  const created = await api(s.url, 'POST', `/api/maps/${mapId}/links`, chair.token, { role: 'viewer' })
  const linkId = (created.body as { id: string }).id
  expect((await api(s.url, 'DELETE', `/api/maps/${mapId}/links/${linkId}`, chair.token)).status).toBe(204)
  const opened = await api(s.url, 'POST', `/api/maps/${mapId}/scaling`, chair.token, {
    subject: 'overall',
    chairScales: false,
  })
  const { roundId } = opened.body as { roundId: string }
  const answer = { score: 7, reason: 'Things are better at home' }
  await api(s.url, 'PUT', `/api/maps/${mapId}/scaling/${roundId}/submission`, mum.token, answer)
  const beforeReveal = JSON.stringify(await trail(s, chair))
  expect(beforeReveal).toContain('scaling.answered')
  expect(beforeReveal).not.toMatch(/\b7\b.*better|Things are better/)
  expect(beforeReveal).not.toContain('"score"')
  await api(s.url, 'POST', `/api/maps/${mapId}/scaling/${roundId}/reveal`, chair.token)
  const exported = await fetch(`${s.url}/api/maps/${mapId}/export.png`, {
    headers: { authorization: `Bearer ${chair.token}` },
  })
  expect(exported.status).toBe(200)

  let entries: AuditEntryInfo[] = []
  await waitFor(async () => {
    entries = await trail(s, chair)
    return entries.some((entry) => entry.target === 'p-secret')
  })
  const actions = entries.map((entry) => entry.action)
  for (const action of [
    'link.created',
    'link.withdrawn',
    'scaling.opened',
    'scaling.answered',
    'scaling.revealed',
    'export.created',
  ]) {
    expect(actions, action).toContain(action)
  }
  expect(entries.find((entry) => entry.target === 'p-secret')?.audience).toBe('professionals')
  const shared = await trail(s, chair, '?audience=shared')
  expect(shared.length).toBeGreaterThan(0)
  expect(JSON.stringify(shared)).not.toContain('p-secret')
  expect(JSON.stringify(shared)).not.toContain('not yet disclosable')
  expect(shared.every((entry) => entry.audience === 'shared')).toBe(true)
})

it("the professionals' record prints the trail and its head; the shared record has none of it", async () => {
  server = await startServer()
  const s = server
  const { chair, worker } = await conference(s)
  await connect(s, chair)
  const shared = await connect(s, worker)
  const restricted = await connect(s, worker, `${worker.map.id}/professionals`)
  const secret = `Police enquiry ${randomBytes(6).toString('hex')}`
  const secretEdit = `${secret}, now disclosed to the school ${randomBytes(6).toString('hex')}`
  const sharedId = addNote(shared.doc, {
    zone: 'past-harm',
    text: 'Missed school twice',
    ...noteAuthor(worker),
  })
  updateNote(shared.doc, sharedId, { text: 'Missed school three times' })
  const restrictedId = addNote(restricted.doc, {
    zone: 'past-harm',
    text: secret,
    audience: 'professionals',
    ...noteAuthor(worker),
  })
  updateNote(restricted.doc, restrictedId, { text: secretEdit })
  const mapId = chair.map.id
  await waitFor(async () => {
    const entries = await trail(s, chair)
    const joined = entries.filter((entry) => entry.action === 'participant.joined').length
    const edited = entries.filter((entry) => entry.action === 'note.edited').map((entry) => entry.target)
    return joined === 2 && edited.includes(sharedId) && edited.includes(restrictedId)
  })

  const record = await download(s, `/api/maps/${mapId}/professionals/export.pdf`, chair.token)
  expect(record.status).toBe(200)
  const text = pdfText(record.bytes)
  const after = await trail(s, chair)
  const upTo = Number(/This appendix lists the entries up to seq (\d+),/u.exec(text)?.[1])
  const listed = after.filter((entry) => entry.seq <= upTo)
  expect(listed.length).toBeGreaterThanOrEqual(6)
  const head = listed.at(-1)?.hash ?? ''
  expect(text).toContain(`Audit trail: ${upTo} entries, chain head ${head.slice(0, 16)}…, verified`)
  expect(text).toContain(`The head in full, the hash of entry ${upTo}: ${head}`)
  // Its own entry comes after the table: named only where the appendix says so.
  const own = after.find((entry) => entry.action === 'export.created')
  expect(own?.seq).toBeGreaterThan(upTo)
  expect(text.split('export.created')).toHaveLength(2)
  // Every entry up to there, with its seq, actor and action, and its summary word for word (the record's
  // typeface has no arrow, so "→" prints as "to"): the professionals-only edit too.
  const appendix = text.slice(text.indexOf('Appendix: audit trail'), text.indexOf('About this record'))
  const words = new Set(appendix.split(' '))
  for (const entry of listed) {
    const summary = entry.summary.replace(/\s*→\s*/gu, ' to ')
    for (const word of [String(entry.seq), entry.action, ...summary.split(' ')]) {
      expect(words.has(word), `seq ${entry.seq}: ${word}`).toBe(true)
    }
  }
  expect(appendix).toContain('Sam Okafor (Professional, Social care)')
  expect(appendix).toContain(`“${secret}” to “${secretEdit}”`)
  expect((await api(s.url, 'GET', `/api/maps/${mapId}/audit/verify`, chair.token)).body).toMatchObject({
    ok: true,
  })

  const sharedRecord = await download(s, `/api/maps/${mapId}/export.pdf`, chair.token)
  expect(sharedRecord.status).toBe(200)
  const sharedText = pdfText(sharedRecord.bytes)
  expect(sharedText).toContain('Missed school three times')
  for (const absent of ['Appendix: audit trail', 'Audit trail', 'chain head', head, secret, secretEdit]) {
    expect(sharedText, absent).not.toContain(absent)
    expect(bytesContain(sharedRecord.bytes, absent), absent).toBe(false)
  }
})

it('[AUDIT-1] verify finds a row edited, deleted or swapped in the SQLite file', async () => {
  server = await startServer()
  const s = server
  const { chair, worker } = await conference(s)
  const client = await connect(s, worker)
  for (const text of ['one', 'two', 'three', 'four']) {
    addNote(client.doc, { zone: 'past-harm', text, ...noteAuthor(worker) })
  }
  const mapId = chair.map.id
  await waitFor(async () => (await trail(s, chair)).filter((e) => e.action === 'note.added').length === 4)
  await waitFor(async () => (await trail(s, chair)).some((e) => e.action === 'participant.joined'))
  client.destroy()
  clients.splice(0)
  await waitFor(async () => (await trail(s, chair)).some((e) => e.action === 'participant.left'))
  const verify = async () =>
    (await api(s.url, 'GET', `/api/maps/${mapId}/audit/verify`, chair.token)).body as {
      ok: boolean
      entries: number
      firstBad?: number
    }
  const count = (await verify()).entries
  expect(await verify()).toEqual({ ok: true, entries: count })

  const file = join(s.dataDir, 'mapboard.sqlite')
  const tamper = (sql: string) => {
    const db = new Database(file)
    db.exec(sql)
    db.close()
  }
  const where = `map_id = '${mapId}'`
  tamper(`UPDATE audit_entries SET summary = 'nothing happened' WHERE ${where} AND seq = 3`)
  expect(await verify()).toEqual({ ok: false, entries: count, firstBad: 3 })
  tamper(`DELETE FROM audit_entries WHERE ${where} AND seq = 3`)
  expect(await verify()).toEqual({ ok: false, entries: count - 1, firstBad: 3 })
  tamper(`DELETE FROM audit_entries WHERE ${where} AND seq < 3`)
  expect((await verify()).firstBad).toBe(1)
})

it('[AUDIT-1] verify finds two rows swapped', async () => {
  server = await startServer()
  const s = server
  const { chair, worker } = await conference(s)
  const client = await connect(s, worker)
  for (const text of ['one', 'two', 'three'])
    addNote(client.doc, { zone: 'past-harm', text, ...noteAuthor(worker) })
  const mapId = chair.map.id
  await waitFor(async () => (await trail(s, chair)).filter((e) => e.action === 'note.added').length === 3)
  const file = join(s.dataDir, 'mapboard.sqlite')
  const db = new Database(file)
  const where = `map_id = '${mapId}'`
  db.exec(`UPDATE audit_entries SET seq = -1 WHERE ${where} AND seq = 2;
           UPDATE audit_entries SET seq = 2 WHERE ${where} AND seq = 3;
           UPDATE audit_entries SET seq = 3 WHERE ${where} AND seq = -1;`)
  db.close()
  const answer = await api(s.url, 'GET', `/api/maps/${mapId}/audit/verify`, chair.token)
  expect(answer.body).toMatchObject({ ok: false, firstBad: 2 })
})
