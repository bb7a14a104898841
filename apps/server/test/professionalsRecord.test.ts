// The two records over the real server (decision 0031): the professionals' record is made from both stored
// documents, marked on every page and on every restricted note; the shared record holds nothing of it; a family
// or viewer token can neither make nor fetch it.
import { execFileSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addNote,
  endClosedSession,
  readConference,
  readMap,
  setFamilyMayExport,
  shareWithFamily,
  startClosedSession,
  withdrawNote,
} from '@mapboard/map-model'
import { roomNameOf } from '@mapboard/protocol'
import type { ExportInfo, JoinResponse } from '@mapboard/protocol'
import { recordSnapshot, renderMapPng } from '@mapboard/record'
import { connectClient, noteAuthor, tokenFromLink, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import type { TestServer } from '@mapboard/server/testing'
import { startConference } from './permissions/conference.ts'
import type { Conference } from './permissions/conference.ts'
import { AudienceRefusedError, exportRecord } from '../src/export/exportRecord.ts'
import { api, expectError } from './support/api.ts'
import { bytesContain as contains, download } from './support/download.ts'

const BANNER = 'Professionals only — not to be shared with the family'
const MARK = 'Professionals only'

let conference: Conference | undefined
const extra: TestClient[] = []
const temp: string[] = []

afterEach(async () => {
  for (const client of extra.splice(0)) client.destroy()
  await conference?.close()
  conference = undefined
  for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')
const flat = (text: string): string => text.replace(/\s+/gu, ' ')
const count = (text: string, part: string): number => text.split(part).length - 1

/** The PDF's text page by page (pdftotext ends each page with a form feed). */
function pdfPages(bytes: Uint8Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'mapboard-records-'))
  temp.push(dir)
  writeFileSync(join(dir, 'record.pdf'), bytes)
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'record.pdf'), '-'], {
    encoding: 'utf8',
  })
  return text.split('\f').slice(0, -1).map(flat)
}

/** A stored document rebuilt, with its version and the hash the record prints. */
async function stored(s: TestServer, room: string): Promise<{ doc: Y.Doc; version: number; sha256: string }> {
  const { snapshot, updates, lastSeq } = await s.app.store.load(room)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.mergeUpdates(snapshot === null ? updates : [snapshot, ...updates]))
  return { doc, version: lastSeq, sha256: sha256(Y.encodeStateAsUpdate(doc)) }
}

const professionalsRoom = (c: Conference): string => roomNameOf(c.map.id, 'professionals')

function openProfessionals(c: Conference, who: JoinResponse): TestClient {
  const client = connectClient(c.server, professionalsRoom(c), who)
  extra.push(client)
  return client
}

/**
 * Waits until the shared document has stopped changing: attendance is written a moment after people come and go
 * (the conference's authors have just left), and the version comparisons below need a still shared document.
 */
async function sharedQuiet(c: Conference): Promise<void> {
  let last = -1
  for (;;) {
    const { lastSeq } = await c.server.app.store.load(c.map.id)
    if (lastSeq === last) return
    last = lastSeq
    await new Promise((resolve) => setTimeout(resolve, 600))
  }
}

/** Restricted notes with unique markers (in the text and the source), written by a professional and the chair. */
async function writeRestricted(c: Conference): Promise<string[]> {
  const markers = Array.from({ length: 4 }, () => `RESTRICTED-${randomBytes(6).toString('hex')}`)
  const [first, second, third, fourth] = markers as [string, string, string, string]
  const pro = openProfessionals(c, c.police)
  const chair = openProfessionals(c, c.chair)
  await Promise.all([pro.synced, chair.synced])
  addNote(pro.doc, {
    zone: 'past-harm',
    text: `Police information ${first}`,
    source: second,
    audience: 'professionals',
    ...noteAuthor(c.police),
  })
  addNote(chair.doc, {
    zone: 'complicating-factors',
    text: `Closed session ${third}`,
    audience: 'professionals',
    ...noteAuthor(c.chair),
  })
  addNote(pro.doc, {
    zone: 'existing-strengths',
    text: `Third party ${fourth}`,
    audience: 'professionals',
    ...noteAuthor(c.police),
  })
  await waitFor(() => {
    const room = c.server.app.rooms.getLoaded(professionalsRoom(c))
    return room !== undefined && room.read((doc) => readMap(doc).notes.length) === 3
  })
  await sharedQuiet(c)
  return markers
}

describe("the professionals' record", () => {
  it('holds both documents, the banner on every page and each restricted note marked; the shared record holds none of it', async () => {
    const c = (conference = await startConference())
    const mapId = c.map.id
    const markers = await writeRestricted(c)

    const pdf = await download(c.server, `/api/maps/${mapId}/professionals/export.pdf`, c.professional.token)
    expect(pdf.status, new TextDecoder().decode(pdf.bytes)).toBe(200)
    expect(pdf.headers.get('content-type')).toBe('application/pdf')
    expect(pdf.headers.get('content-disposition')).toMatch(
      /^attachment; filename="mapboard-professionals-record-.+\.pdf"$/u,
    )
    const pages = pdfPages(pdf.bytes)
    expect(pages.length).toBeGreaterThanOrEqual(3)
    for (const [index, page] of pages.entries()) expect(page, `page ${index + 1}`).toContain(BANNER)
    const text = pages.join(' ')
    for (const marker of markers) expect(text, marker).toContain(marker)
    // Marked where they stand: on the map page (the note's own line) and in the written sections.
    const mapPage = pages[0] ?? ''
    expect(count(mapPage, MARK) - count(mapPage, BANNER)).toBe(3)
    for (const marker of [markers[0], markers[2], markers[3]]) {
      expect(text).toMatch(new RegExp(`\\d+\\. \\[${MARK}\\] [^\\[]*${marker ?? ''}`, 'u'))
    }
    // The shared notes are there too, unmarked.
    expect(text).toMatch(/\d+\. Bruise seen at nursery/u)

    // Both documents it was made from, each as the store holds it.
    const shared = await stored(c.server, mapId)
    const restricted = await stored(c.server, professionalsRoom(c))
    expect(pdf.headers.get('x-document-version')).toBe(String(shared.version))
    expect(pdf.headers.get('x-document-sha256')).toBe(shared.sha256)
    expect(pdf.headers.get('x-record-audience')).toBe('professionals')
    expect(pdf.headers.get('x-professionals-document-version')).toBe(String(restricted.version))
    expect(pdf.headers.get('x-professionals-document-sha256')).toBe(restricted.sha256)
    expect(restricted.version).toBeGreaterThan(0)
    expect(restricted.sha256).not.toBe(shared.sha256)
    expect(text).toContain(shared.sha256)
    expect(text).toContain(restricted.sha256)

    const picture = await download(c.server, `/api/maps/${mapId}/professionals/export.png`, c.chair.token)
    expect(picture.status).toBe(200)
    expect(picture.headers.get('content-type')).toBe('image/png')

    // The shared record, made after: nothing of the professionals' document, no hint of it, headers as ever.
    const sharedPdf = await download(c.server, `/api/maps/${mapId}/export.pdf`, c.chair.token)
    const sharedPng = await download(c.server, `/api/maps/${mapId}/export.png`, c.professional.token)
    for (const answer of [sharedPdf, sharedPng]) {
      expect(answer.status).toBe(200)
      expect(answer.headers.get('x-record-audience')).toBeNull()
      expect(answer.headers.get('x-professionals-document-version')).toBeNull()
      expect(answer.headers.get('x-professionals-document-sha256')).toBeNull()
      expect(answer.headers.get('content-disposition')).toMatch(/filename="mapboard-(record|map)-/u)
      expect(answer.headers.get('x-document-version')).toBe(String(shared.version))
      expect(answer.headers.get('x-document-sha256')).toBe(shared.sha256)
      for (const marker of markers) expect(contains(answer.bytes, marker), marker).toBe(false)
      expect(contains(answer.bytes, restricted.sha256)).toBe(false)
    }
    const sharedText = pdfPages(sharedPdf.bytes).join(' ')
    for (const marker of markers) expect(sharedText, marker).not.toContain(marker)
    expect(sharedText).not.toContain(MARK)
    expect(sharedText).not.toContain(restricted.sha256)
    expect(sharedText).toContain('Bruise seen at nursery')
    // The shared picture is exactly the one drawn from the shared document alone; the professionals' one is not.
    const alone = await renderMapPng(
      recordSnapshot(shared.doc, {
        mapId,
        fallbackTitle: '',
        fallbackDate: 0,
        documentVersion: shared.version,
        documentSha256: shared.sha256,
        generatedBy: { participantId: 'x', name: 'x', role: 'chair', agency: '' },
        generatedAt: 0,
      }),
    )
    expect(sha256(sharedPng.bytes)).toBe(sha256(alone.bytes))
    expect(sha256(picture.bytes)).not.toBe(sha256(alone.bytes))

    // The chair lists both kinds, each with its audience; a shared entry reads as it always has.
    const listed = await api(c.server.url, 'GET', `/api/maps/${mapId}/exports`, c.chair.token)
    expect(listed.status).toBe(200)
    const exports = listed.body as ExportInfo[]
    expect(exports.map((item) => [item.id, item.format, item.audience])).toEqual([
      [pdf.headers.get('x-export-id'), 'pdf', 'professionals'],
      [picture.headers.get('x-export-id'), 'png', 'professionals'],
      [sharedPdf.headers.get('x-export-id'), 'pdf', 'shared'],
      [sharedPng.headers.get('x-export-id'), 'png', 'shared'],
    ])
    expect(exports[0]).toMatchObject({
      documentVersion: shared.version,
      documentSha256: shared.sha256,
      professionalsDocument: { documentVersion: restricted.version, documentSha256: restricted.sha256 },
      sha256: sha256(pdf.bytes),
    })
    expect(Object.keys(exports[2] ?? {}).sort()).toEqual(
      [
        'id',
        'format',
        'audience',
        'documentVersion',
        'documentSha256',
        'sha256',
        'byteLength',
        'generatedBy',
        'generatedAt',
      ].sort(),
    )
    // Fetched again by the chair and by its author: the same bytes and headers.
    for (const who of [c.chair, c.professional]) {
      const again = await download(c.server, `/api/maps/${mapId}/exports/${exports[0]?.id ?? ''}`, who.token)
      expect(again.status).toBe(200)
      expect(sha256(again.bytes)).toBe(sha256(pdf.bytes))
      expect(again.headers.get('x-professionals-document-sha256')).toBe(restricted.sha256)
    }
  })

  it('has a version and hash of each document: a restricted note moves only the professionals’ pair', async () => {
    const c = (conference = await startConference())
    const mapId = c.map.id
    await writeRestricted(c)
    const before = await download(c.server, `/api/maps/${mapId}/professionals/export.pdf`, c.chair.token)
    expect(before.status).toBe(200)

    const pro = openProfessionals(c, c.professional)
    await pro.synced
    addNote(pro.doc, {
      zone: 'past-harm',
      text: 'Later restricted note',
      audience: 'professionals',
      ...noteAuthor(c.professional),
    })
    const versionBefore = Number(before.headers.get('x-professionals-document-version'))
    await waitFor(async () => (await c.server.app.store.load(professionalsRoom(c))).lastSeq > versionBefore)
    const after = await download(c.server, `/api/maps/${mapId}/professionals/export.pdf`, c.chair.token)
    const sharedAfter = await download(c.server, `/api/maps/${mapId}/export.pdf`, c.chair.token)
    expect(after.status).toBe(200)
    expect(Number(after.headers.get('x-professionals-document-version'))).toBeGreaterThan(versionBefore)
    expect(after.headers.get('x-professionals-document-sha256')).not.toBe(
      before.headers.get('x-professionals-document-sha256'),
    )
    // The shared document did not change: the same pair in both professionals' records and the shared one.
    for (const answer of [after, sharedAfter]) {
      expect(answer.headers.get('x-document-version')).toBe(before.headers.get('x-document-version'))
      expect(answer.headers.get('x-document-sha256')).toBe(before.headers.get('x-document-sha256'))
    }
    expect(flat(pdfPages(after.bytes).join(' '))).toContain(`[${MARK}] Later restricted note`)
  })

  it("is made for a map whose professionals' document nobody opened: the shared map and nothing restricted", async () => {
    const c = (conference = await startConference())
    expect(c.server.app.rooms.isLoaded(professionalsRoom(c))).toBe(false)
    const pdf = await download(c.server, `/api/maps/${c.map.id}/professionals/export.pdf`, c.chair.token)
    expect(pdf.status).toBe(200)
    const pages = pdfPages(pdf.bytes)
    for (const page of pages) expect(page).toContain(BANNER)
    const text = pages.join(' ')
    expect(text).not.toContain(`[${MARK}]`)
    expect(text).toContain('Bruise seen at nursery')
    // Opening it for the record made it, empty, as a first connection would.
    const restricted = await stored(c.server, professionalsRoom(c))
    expect(readMap(restricted.doc).notes).toEqual([])
    expect(pdf.headers.get('x-professionals-document-sha256')).toBe(restricted.sha256)
  })
})

describe("a family or viewer token never has the professionals' record", () => {
  it('gets 403 AUDIENCE_FORBIDDEN on both routes, before any work, even while the family may export', async () => {
    const c = (conference = await startConference())
    const chair = c.observers[0]
    if (chair === undefined) throw new Error('no chair client')
    setFamilyMayExport(chair.doc, true)
    await waitFor(() => c.serverDoc().getMap('meta').get('familyMayExport') === true)
    const tokens = [
      c.family.token,
      c.viewer.token,
      tokenFromLink(c.map.links.family),
      tokenFromLink(c.map.links.viewer),
    ]
    for (const token of tokens) {
      for (const format of ['pdf', 'png']) {
        const path = `/api/maps/${c.map.id}/professionals/export.${format}`
        expectError(await api(c.server.url, 'GET', path, token), 403, 'AUDIENCE_FORBIDDEN')
      }
    }
    // Refused before the rate limits too: more refusals than the family's export allowance (10) leave it whole.
    for (let attempt = 0; attempt < 11; attempt++) {
      const path = `/api/maps/${c.map.id}/professionals/export.pdf`
      expectError(await api(c.server.url, 'GET', path, c.family.token), 403, 'AUDIENCE_FORBIDDEN')
    }
    // Nothing was made, the professionals' room never loaded, and the family's own allowance is untouched.
    expect(c.server.app.rooms.isLoaded(professionalsRoom(c))).toBe(false)
    expect((await api(c.server.url, 'GET', `/api/maps/${c.map.id}/exports`, c.chair.token)).body).toEqual([])
    expect((await download(c.server, `/api/maps/${c.map.id}/export.pdf`, c.family.token)).status).toBe(200)
  })

  it('is refused by the export itself too, before it reads either document', async () => {
    const c = (conference = await startConference())
    for (const role of ['family', 'viewer'] as const) {
      const request = {
        mapId: c.map.id,
        format: 'pdf' as const,
        audience: 'professionals' as const,
        by: { participantId: 'someone', name: 'Someone', role, agency: '' },
      }
      await expect(exportRecord(c.server.app.store, c.server.app.roomOperations, request)).rejects.toThrow(
        AudienceRefusedError,
      )
    }
    expect(c.server.app.rooms.isLoaded(professionalsRoom(c))).toBe(false)
    expect(await c.server.app.store.listExports(c.map.id)).toEqual([])
  })

  it("is refused a professionals' record by id, even knowing the id", async () => {
    const c = (conference = await startConference())
    const markers = await writeRestricted(c)
    const made = await download(c.server, `/api/maps/${c.map.id}/professionals/export.pdf`, c.chair.token)
    expect(made.status).toBe(200)
    const id = made.headers.get('x-export-id') ?? ''
    for (const token of [c.family.token, c.viewer.token, tokenFromLink(c.map.links.family)]) {
      const answer = await download(c.server, `/api/maps/${c.map.id}/exports/${id}`, token)
      expect(answer.status).toBe(403)
      expect(JSON.parse(new TextDecoder().decode(answer.bytes))).toMatchObject({ code: 'AUDIENCE_FORBIDDEN' })
      for (const marker of markers) expect(contains(answer.bytes, marker)).toBe(false)
    }
    // The family's own shared export is still theirs to fetch again; an unknown id is still not found.
    setFamilyMayExport(c.observers[0]?.doc ?? new Y.Doc(), true)
    await waitFor(() => c.serverDoc().getMap('meta').get('familyMayExport') === true)
    const own = await download(c.server, `/api/maps/${c.map.id}/export.pdf`, c.family.token)
    expect(own.status).toBe(200)
    const again = await download(
      c.server,
      `/api/maps/${c.map.id}/exports/${own.headers.get('x-export-id') ?? ''}`,
      c.family.token,
    )
    expect(again.status).toBe(200)
    expectError(
      await api(c.server.url, 'GET', `/api/maps/${c.map.id}/exports/nope`, c.family.token),
      404,
      'EXPORT_NOT_FOUND',
    )
  })
})

describe('a closed session in the records', () => {
  it('both records say when it was held and who was in it; what was said there is in the professionals’ only', async () => {
    const c = (conference = await startConference())
    const [chairClient] = c.observers
    if (chairClient === undefined) throw new Error('no chair client')
    const marker = `SAID-PRIVATELY-${randomBytes(6).toString('hex')}`
    const by = { participantId: c.chair.participant.id, name: 'Ann Chair', agency: 'Independent reviewing' }
    // Who is in it comes from attendance, which the server writes a moment after people join.
    await waitFor(() => readConference(chairClient.doc).attendance.some((entry) => entry.name === 'PC Jones'))
    startClosedSession(chairClient.doc, by)
    const pro = openProfessionals(c, c.professional)
    await pro.synced
    addNote(pro.doc, {
      zone: 'future-danger',
      text: marker,
      audience: 'professionals',
      ...noteAuthor(c.professional),
    })
    await waitFor(() => readMap(pro.doc).notes.length === 1)
    endClosedSession(chairClient.doc)
    await waitFor(() => readConference(c.serverDoc()).closedSessions[0]?.endedAt !== null)
    await waitFor(() => readConference(c.serverDoc()).closedSessions.length === 1)

    const shared = pdfPages(
      (await download(c.server, `/api/maps/${c.map.id}/export.pdf`, c.chair.token)).bytes,
    )
    const restricted = pdfPages(
      (await download(c.server, `/api/maps/${c.map.id}/professionals/export.pdf`, c.chair.token)).bytes,
    )
    for (const pages of [shared, restricted]) {
      const text = pages.join(' ')
      expect(text).toContain('Closed sessions (1)')
      expect(text).toMatch(/From \d\d:\d\d until \d\d:\d\d, started by Ann Chair\. Attended by .*Ann Chair/u)
      expect(text).toContain('PC Jones')
    }
    expect(shared.join(' ')).not.toContain(marker)
    expect(restricted.join(' ')).toContain(marker)
  })
})

describe('shared and withdrawn notes in the records (decision 0034)', () => {
  it('both records list a withdrawn note apart with its reason; the professionals’ record says what was shared', async () => {
    const c = (conference = await startConference())
    const chairShared = c.connect(c.chair)
    const chairRestricted = openProfessionals(c, c.chair)
    await Promise.all([chairShared.synced, chairRestricted.synced])
    const original = addNote(chairRestricted.doc, {
      zone: 'future-danger',
      text: 'Dad was arrested on 2 May',
      audience: 'professionals',
      ...noteAuthor(c.chair),
    })
    const chair = { id: c.chair.participant.id, name: 'Ann Chair', agency: c.chair.participant.agency }
    const copy = shareWithFamily(chairShared.doc, chairRestricted.doc, original, chair)
    await waitFor(() => readMap(c.serverDoc()).notes.some((note) => note.id === copy))
    withdrawNote(chairShared.doc, 'pro-note-0000001', chair, 'Written on the wrong child’s map')
    await waitFor(() => readMap(c.serverDoc()).notes.some((note) => note.withdrawal !== undefined))
    await waitFor(
      async () =>
        (await stored(c.server, professionalsRoom(c))).doc.getMap('notes').size === 1 &&
        readMap((await stored(c.server, professionalsRoom(c))).doc).notes[0]?.sharing !== undefined,
    )
    await sharedQuiet(c)

    const mapId = c.map.id
    const shared = pdfPages(
      (await download(c.server, `/api/maps/${mapId}/export.pdf`, c.chair.token)).bytes,
    ).join(' ')
    const restricted = pdfPages(
      (await download(c.server, `/api/maps/${mapId}/professionals/export.pdf`, c.chair.token)).bytes,
    ).join(' ')
    for (const text of [shared, restricted]) {
      // Past harm no longer counts the withdrawn note; the list of withdrawn items has it, with who, when and why.
      expect(text).toContain('Past harm (0 items)')
      expect(text).toContain('Withdrawn items (1)')
      expect(text).toContain('[Withdrawn] Bruise seen at nursery')
      expect(text).toMatch(/Withdrawn by Ann Chair on .+: Written on the wrong child’s map/u)
      expect(count(text, 'Dad was arrested on 2 May')).toBeGreaterThan(0)
    }
    // The shared record has the copy only; the professionals' one has the original too, saying it was shared.
    expect(shared).not.toContain('Shared with the family on')
    expect(restricted).toMatch(
      /\[Professionals only\] Dad was arrested on 2 May .*Shared with the family on .+ by Ann Chair/u,
    )
  })
})
