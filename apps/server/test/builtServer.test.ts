// The server as `pnpm start` runs it: dist/, built by esbuild (decision 0046), in its own process. What it finds
// from its own files must be there: the web app's build (config.ts, from import.meta.url), the record's fonts
// (packages/record, resolved at load), every npm package the bundle leaves external.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { addNote, readMap } from '@mapboard/map-model'
import { connectClient, joinAs, noteAuthor, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { download } from './support/download.ts'
import { pdfText } from './support/pdfText.ts'
import { ACCENTED_NAME } from './support/sampleConference.ts'
import { createMapOn, startServerProcess } from './support/serverProcess.ts'
import type { ServerProcess } from './support/serverProcess.ts'

const WEB_INDEX = join(import.meta.dirname, '..', '..', 'web', 'dist', 'index.html')

let server: ServerProcess | undefined
const clients: TestClient[] = []
const temp: string[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.kill('SIGTERM')
  server = undefined
  for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mapboard-built-'))
  temp.push(dir)
  return dir
}

it('serves the built web app: the page of a map link and the assets it names', async () => {
  expect(existsSync(WEB_INDEX), 'apps/web/dist is missing: run `pnpm build` first').toBe(true)
  const s = (server = await startServerProcess({ dataDir: tempDir() }))
  const map = await createMapOn(s, 'Served from the build')

  const page = await fetch(map.links.family.replace(/#.*$/u, ''), { headers: { accept: 'text/html' } })
  expect(page.status).toBe(200)
  const html = await page.text()
  expect(html).toBe(readFileSync(WEB_INDEX, 'utf8'))
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/gu)].map((match) => match[1])
  expect(assets.length).toBeGreaterThan(0)
  for (const asset of assets) expect((await fetch(`${s.url}${asset}`)).status, asset).toBe(200)
})

it('lets participants join a map, syncs their edits and exports the record as a PDF in its own font', async () => {
  const s = (server = await startServerProcess({ dataDir: tempDir() }))
  const map = await createMapOn(s, 'Exported from the build')
  const chair = await joinAs(s, map.links.chair, {
    name: ACCENTED_NAME,
    agency: 'Independent Reviewing Service',
  })
  const family = await joinAs(s, map.links.family, { name: 'Mum' })
  const writer = connectClient(s, map.id, chair)
  const reader = connectClient(s, map.id, family)
  clients.push(writer, reader)
  await Promise.all([writer.synced, reader.synced])

  const text = `Grandmother ${ACCENTED_NAME}, uncle Дмитрий and aunt Ελένη collect the children on Fridays.`
  addNote(writer.doc, { zone: 'existing-strengths', text, ...noteAuthor(chair) })
  // Seen by another participant: the server stored it first.
  await waitFor(() => readMap(reader.doc).notes.some((note) => note.text === text))

  const pdf = await download(s, `/api/maps/${map.id}/export.pdf`, chair.token)
  expect(pdf.status, new TextDecoder().decode(pdf.bytes)).toBe(200)
  expect(pdf.headers.get('content-type')).toBe('application/pdf')
  const record = pdfText(pdf.bytes)
  expect(record).toContain(text)
  expect(record).toContain(`by ${ACCENTED_NAME} (Chair, Independent Reviewing Service)`)
  // The text above reads back only if the glyphs are there: the embedded font is the record's Noto Sans.
  const file = join(tempDir(), 'record.pdf')
  writeFileSync(file, pdf.bytes)
  expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/NotoSans/u)
})
