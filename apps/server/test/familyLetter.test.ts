// The family letter over the real server (decision 0038): built from the shared document only, with the record's
// rights — chair and professionals always, the family and observers only while the chair allows it.
import { randomBytes } from 'node:crypto'
import { afterEach, expect, it } from 'vitest'
import {
  addDangerStatement,
  addNextStep,
  addNote,
  readConference,
  readMap,
  recordDecision,
  setFamilyMayExport,
  setSafetyGoal,
} from '@mapboard/map-model'
import { roomNameOf } from '@mapboard/protocol'
import { configFromEnv } from '../src/config.ts'
import type { ExportInfo } from '@mapboard/protocol'
import { connectClient, noteAuthor, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { startConference } from './permissions/conference.ts'
import type { Conference } from './permissions/conference.ts'
import { api, expectError } from './support/api.ts'
import { bytesContain, download } from './support/download.ts'
import { pdfText } from './support/pdfText.ts'

let conference: Conference | undefined
const extra: TestClient[] = []

afterEach(async () => {
  for (const client of extra.splice(0)) client.destroy()
  await conference?.close()
  conference = undefined
})

it('is refused to the family and observers until the chair allows it, never holds professionals-only material', async () => {
  const c = (conference = await startConference())
  const mapId = c.map.id
  const chair = c.observers[0]
  if (chair === undefined) throw new Error('no chair client')
  const signed = { participantId: c.chair.participant.id, name: 'Ann Chair', agency: 'Independent reviewing' }

  const marker = `RESTRICTED-${randomBytes(6).toString('hex')}`
  const restricted = connectClient(c.server, roomNameOf(mapId, 'professionals'), c.police)
  extra.push(restricted)
  await restricted.synced
  addNote(restricted.doc, {
    zone: 'past-harm',
    text: `Police information ${marker}`,
    audience: 'professionals',
    ...noteAuthor(c.police),
  })

  const danger = addDangerStatement(
    chair.doc,
    { who: 'The school', worry: 'Ella comes to school hungry', outcome: 'she will not grow well' },
    signed,
  )
  setSafetyGoal(
    chair.doc,
    danger,
    { parents: 'make Ella breakfast every day', child: 'not be hungry', professionals: 'see her eat' },
    signed,
  )
  addNextStep(
    chair.doc,
    { what: 'Visit the family at home weekly', who: 'Sam Worker', agency: 'Social care', due: '2027-01-15' },
    signed,
  )
  recordDecision(chair.doc, {
    outcome: 'cin-plan',
    category: null,
    reasons: 'Things are getting better at home',
    agencyViews: [],
    dissent: [{ name: 'Dr Rao', agency: 'GP', view: 'A stronger plan is needed' }],
  })
  await waitFor(() => {
    const conf = readConference(c.serverDoc())
    return conf.decision !== null && conf.nextSteps.length === 1 && conf.goals[danger] !== undefined
  })
  await waitFor(() => {
    const room = c.server.app.rooms.getLoaded(roomNameOf(mapId, 'professionals'))
    return room !== undefined && room.read((doc) => readMap(doc).notes.length) === 1
  })

  const path = `/api/maps/${mapId}/letter.pdf`
  for (const token of [c.family.token, c.viewer.token]) {
    const refused = await download(c.server, path, token)
    expect(refused.status).toBe(403)
    expect(JSON.parse(new TextDecoder().decode(refused.bytes)).code).toBe('EXPORT_FORBIDDEN')
  }

  for (const token of [c.chair.token, c.professional.token]) {
    const letter = await download(c.server, path, token)
    expect(letter.status, new TextDecoder().decode(letter.bytes)).toBe(200)
    expect(letter.headers.get('content-type')).toBe('application/pdf')
    expect(letter.headers.get('content-disposition')).toMatch(
      /^attachment; filename="mapboard-family-letter-.+\.pdf"$/u,
    )
    expect(bytesContain(letter.bytes, marker)).toBe(false)
    const text = pdfText(letter.bytes)
    expect(text).toContain('Ella comes to school hungry')
    expect(text).toContain('make Ella breakfast every day')
    expect(text).toContain('Visit the family at home weekly')
    expect(text).toContain('Things are getting better at home')
    expect(text).toContain('Dr Rao (GP) did not agree')
    expect(text).toContain('If something is wrong, or you want to complain')
    expect(text).not.toContain(marker)
  }

  setFamilyMayExport(chair.doc, true)
  await waitFor(() => c.serverDoc().getMap('meta').get('familyMayExport') === true)
  for (const token of [c.family.token, c.viewer.token]) {
    const letter = await download(c.server, path, token)
    expect(letter.status).toBe(200)
    expect(pdfText(letter.bytes)).not.toContain(marker)
  }

  // Listed for the chair like every other export, as a letter of the shared document.
  const list = await api(c.server.url, 'GET', `/api/maps/${mapId}/exports`, c.chair.token)
  expect(list.status).toBe(200)
  const letters = (list.body as ExportInfo[]).filter((info) => info.format === 'letter')
  expect(letters).toHaveLength(4)
  for (const info of letters) expect(info.audience).toBe('shared')
  expectError(
    await api(c.server.url, 'GET', `/api/maps/${mapId}/exports`, c.family.token),
    403,
    'ROLE_FORBIDDEN',
  )
})

it('says how to ask for a correction in the words MAPBOARD_LETTER_CORRECTIONS_TEXT gives', async () => {
  const corrections = 'To ask for a correction, write to Riverside Council, PO Box 14.'
  const { letterCorrectionsText } = configFromEnv({ MAPBOARD_LETTER_CORRECTIONS_TEXT: corrections })
  const c = (conference = await startConference({ letterCorrectionsText }))
  const letter = await download(c.server, `/api/maps/${c.map.id}/letter.pdf`, c.chair.token)
  expect(letter.status).toBe(200)
  const text = pdfText(letter.bytes)
  expect(text).toContain(corrections)
  expect(text).not.toContain('tell your social worker or the conference chair')
})
