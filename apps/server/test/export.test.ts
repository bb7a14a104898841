// The record over the real server: PDF and PNG made from the stored document, read back with poppler, kept
// unchanged, and refused to those without the right.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadImage, createCanvas } from '@napi-rs/canvas'
import { familyMayExport, layout, readMap, setFamilyMayExport } from '@mapboard/map-model'
import type { ExportInfo } from '@mapboard/protocol'
import { connectClient, joinAs, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import { api, expectError } from './support/api.ts'
import { download } from './support/download.ts'
import { pdfText } from './support/pdfText.ts'
import { ACCENTED_NAME, buildSampleConference } from './support/sampleConference.ts'

const ARTIFACTS = join(import.meta.dirname, 'artifacts')

let server: TestServer | undefined
const clients: TestClient[] = []
const temp: string[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
  server = undefined
  for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const flat = (text: string) => text.replace(/\s+/gu, ' ')

/** The document as the store holds it now, hashed as the record says. */
async function storedDocumentSha256(
  s: TestServer,
  mapId: string,
): Promise<{ sha256: string; version: number }> {
  const stored = await s.app.store.load(mapId)
  const doc = new Y.Doc()
  Y.applyUpdate(
    doc,
    Y.mergeUpdates(stored.snapshot === null ? stored.updates : [stored.snapshot, ...stored.updates]),
  )
  return { sha256: sha256(Y.encodeStateAsUpdate(doc)), version: stored.lastSeq }
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mapboard-export-'))
  temp.push(dir)
  return dir
}

/** Page 1 of a PDF as a PNG at 50 dpi. */
function firstPagePng(bytes: Uint8Array): Buffer {
  const dir = tempDir()
  writeFileSync(join(dir, 'record.pdf'), bytes)
  execFileSync('pdftoppm', [
    '-r',
    '50',
    '-f',
    '1',
    '-l',
    '1',
    '-png',
    // One page, named page.png whatever the record's page count (pdftoppm pads page numbers to its width).
    '-singlefile',
    join(dir, 'record.pdf'),
    join(dir, 'page'),
  ])
  return readFileSync(join(dir, 'page.png'))
}

/** Width, height and the share of pixels that are not (near) white. */
async function inkOf(png: Uint8Array): Promise<{ width: number; height: number; ink: number }> {
  const image = await loadImage(Buffer.from(png))
  const canvas = createCanvas(image.width, image.height)
  const context = canvas.getContext('2d')
  context.drawImage(image, 0, 0)
  const { data } = context.getImageData(0, 0, image.width, image.height)
  let inked = 0
  for (let i = 0; i < data.length; i += 4) {
    if ((data[i] ?? 255) < 235 || (data[i + 1] ?? 255) < 235 || (data[i + 2] ?? 255) < 235) inked++
  }
  return { width: image.width, height: image.height, ink: inked / (image.width * image.height) }
}

it('exports a realistic conference as a PDF record and a PNG map, from the stored document', async () => {
  const s = (server = await startServer())
  const sample = await buildSampleConference(s)
  clients.push(...sample.clients)
  const mapId = sample.map.id

  const pdf = await download(s, `/api/maps/${mapId}/export.pdf`, sample.chair.token)
  expect(pdf.status, new TextDecoder().decode(pdf.bytes)).toBe(200)
  expect(pdf.headers.get('content-type')).toBe('application/pdf')
  expect(pdf.headers.get('content-disposition')).toMatch(/^attachment; filename="mapboard-record-.+\.pdf"$/u)
  const stored = await storedDocumentSha256(s, mapId)
  expect(pdf.headers.get('x-document-sha256')).toBe(stored.sha256)
  expect(pdf.headers.get('x-document-version')).toBe(String(stored.version))
  expect(stored.version).toBeGreaterThan(0)

  const text = pdfText(pdf.bytes)
  for (const note of sample.noteTexts) expect(text, note).toContain(flat(note))
  for (const reason of sample.scalingReasons) expect(text, reason).toContain(reason)
  expect(text).toContain(sample.decisionReasons)
  expect(text).toContain('Child Protection Plan')
  expect(text).toContain('Category: Neglect')
  expect(text).toContain('Mum is engaging well with health; a Child in Need Plan would be enough.')
  expect(text).toContain('Initial child protection conference')
  expect(text).toContain(`Chair: ${ACCENTED_NAME} (Independent Reviewing Service)`)
  expect(text).toContain(`My aunt ${ACCENTED_NAME} says`)
  expect(text).toContain('Dr Ewa Kowalczyk (Professional, Riverside Surgery)')
  expect(text).toContain('OVERDUE')
  // The map page's judgement band shows the revealed round, lowest number first, as the board does.
  expect(text).toMatch(/Revealed: [^·]+ 3 · [^·]+ 4 · /)
  expect(text).toContain(stored.sha256)
  for (const label of ['Past harm', 'Future danger', 'Complicating factors', 'Existing strengths']) {
    expect(text).toContain(label)
  }
  expect(text).toMatch(/Page 1 of (\d+)/u)
  const pages = Number(/Page 1 of (\d+)/u.exec(text)?.[1])
  expect(text).toContain(`Page ${pages} of ${pages}`)

  const png = await download(s, `/api/maps/${mapId}/export.png`, sample.socialWorker.token)
  expect(png.status).toBe(200)
  expect(png.headers.get('content-type')).toBe('image/png')
  const board = layout(readMap(s.app.rooms.getLoaded(mapId)?.read((doc) => doc) ?? new Y.Doc()))
  const picture = await inkOf(png.bytes)
  expect(picture.width).toBe(board.width * 2)
  expect(picture.height).toBe(board.height * 2)
  expect(picture.ink).toBeGreaterThan(0.2)
  const page = await inkOf(firstPagePng(pdf.bytes))
  expect(page.ink).toBeGreaterThan(0.1)

  mkdirSync(ARTIFACTS, { recursive: true })
  writeFileSync(join(ARTIFACTS, 'sample-record.pdf'), pdf.bytes)
  writeFileSync(join(ARTIFACTS, 'sample-map.png'), png.bytes)
})

it('keeps every export unchanged, lists them for the chair and refuses those without the right', async () => {
  const s = (server = await startServer())
  const map = await s.createMap('Review conference')
  const chair = await joinAs(s, map.links.chair, { name: ACCENTED_NAME, agency: 'Reviewing' })
  const viewer = await joinAs(s, map.links.viewer, { name: 'Student' })
  const mum = await joinAs(s, map.links.family, { name: 'Mum' })
  const chairClient = connectClient(s, map.id, chair)
  clients.push(chairClient)
  await chairClient.synced

  expectError(
    await api(s.url, 'GET', `/api/maps/${map.id}/export.pdf`, viewer.token),
    403,
    'EXPORT_FORBIDDEN',
  )
  expectError(await api(s.url, 'GET', `/api/maps/${map.id}/export.png`, mum.token), 403, 'EXPORT_FORBIDDEN')
  expectError(
    await api(s.url, 'GET', `/api/maps/${map.id}/export.pdf`, new URL(map.links.chair).hash.slice(1)),
    403,
    'JOIN_REQUIRED',
  )
  expectError(await api(s.url, 'GET', `/api/maps/${map.id}/export.pdf`), 401, 'TOKEN_MISSING')

  const first = await download(s, `/api/maps/${map.id}/export.pdf`, chair.token)
  expect(first.status).toBe(200)
  // Nothing in the document names a conference type: the record says what it is in general.
  const text = pdfText(first.bytes)
  expect(text).toContain('Conference type: Child protection conference')
  expect(text).toContain(`by ${ACCENTED_NAME} (Chair, Reviewing)`)

  // The chair lets the family and observers export.
  setFamilyMayExport(chairClient.doc, true)
  await waitFor(() => familyMayExport(s.app.rooms.getLoaded(map.id)?.read((doc) => doc) ?? new Y.Doc()), 5000)
  const byViewer = await download(s, `/api/maps/${map.id}/export.png`, viewer.token)
  expect(byViewer.status).toBe(200)
  expect(byViewer.headers.get('x-document-version')).not.toBe(first.headers.get('x-document-version'))

  const listed = await api(s.url, 'GET', `/api/maps/${map.id}/exports`, chair.token)
  expect(listed.status).toBe(200)
  const exports = listed.body as ExportInfo[]
  expect(exports.map((item) => [item.id, item.format, item.generatedBy.name])).toEqual([
    [first.headers.get('x-export-id'), 'pdf', ACCENTED_NAME],
    [byViewer.headers.get('x-export-id'), 'png', 'Student'],
  ])
  expect(exports[0]?.sha256).toBe(sha256(first.bytes))
  expect(exports[0]?.documentSha256).toBe(first.headers.get('x-document-sha256'))
  expectError(await api(s.url, 'GET', `/api/maps/${map.id}/exports`, viewer.token), 403, 'ROLE_FORBIDDEN')

  // The map changed since; the old export comes back byte for byte.
  const again = await download(s, `/api/maps/${map.id}/exports/${exports[0]?.id}`, chair.token)
  expect(again.status).toBe(200)
  expect(again.headers.get('content-type')).toBe('application/pdf')
  expect(again.headers.get('x-document-version')).toBe(first.headers.get('x-document-version'))
  expect(sha256(again.bytes)).toBe(sha256(first.bytes))
  // Whoever generated an export may fetch it again; others may not learn it exists.
  expect((await download(s, `/api/maps/${map.id}/exports/${exports[1]?.id}`, viewer.token)).status).toBe(200)
  expectError(
    await api(s.url, 'GET', `/api/maps/${map.id}/exports/${exports[0]?.id}`, viewer.token),
    404,
    'EXPORT_NOT_FOUND',
  )
  expectError(
    await api(s.url, 'GET', `/api/maps/${map.id}/exports/nope`, chair.token),
    404,
    'EXPORT_NOT_FOUND',
  )
})
