// The two records from the board (decision 0031): the chair downloads the shared record and the professionals'
// record through the Record tab's buttons and reads both back with pdftotext; the parent's phone never offers the
// professionals' record, and the server refuses it to the parent's page. Downloads and screenshots go to
// test-artifacts/professionals-record/.
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Download, Page } from 'playwright-core'
import type { CreateMapResponse } from '@mapboard/protocol'
import {
  ARTIFACTS_DIR,
  DESKTOP,
  PHONE,
  addNoteInOutline,
  chooseProvenance,
  openMeeting,
  outlineNote,
  openThreeSeats,
} from './helpers.ts'
import type { RecordedPage, ThreeSeats } from './helpers.ts'

const SHOTS_DIR = join(ARTIFACTS_DIR, 'professionals-record')
const ZONE = 'past-harm'
const BANNER = 'Professionals only — not to be shared with the family'
// Unique per run, and one word each, so a line break in the PDF cannot split them.
const RUN = randomUUID().slice(0, 8)
const RESTRICTED_MARKER = `restricted${RUN}`
const SHARED_MARKER = `shared${RUN}`
const RESTRICTED_TEXT = `Police hold information not yet disclosable ${RESTRICTED_MARKER}`
const SHARED_TEXT = `Missed school on 12 days this term ${SHARED_MARKER}`

const flat = (text: string): string => text.replace(/\s+/gu, ' ')

/** The PDF's text page by page (pdftotext ends each page with a form feed). */
function pdfPages(path: string): string[] {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' })
  return text.split('\f').slice(0, -1).map(flat)
}

/** Clicks the button and saves the download it started under its own name. */
async function downloadBy(page: Page, testId: string): Promise<{ download: Download; path: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()])
  const path = join(SHOTS_DIR, download.suggestedFilename())
  await download.saveAs(path)
  return { download, path }
}

/** The participant token a page's board uses, read from its shared document's socket URL. */
function participantToken(recorded: RecordedPage, mapId: string): string {
  const socket = recorded.requests.find((url) => {
    if (!url.startsWith('ws')) return false
    return new URL(url).pathname === `/sync/${mapId}`
  })
  const token = socket === undefined ? null : new URL(socket).searchParams.get('token')
  if (token === null) throw new Error('the page opened no socket for the shared document')
  return token
}

/** Screenshots of the open Record tab at a desktop's and a phone's size, then back to the page's own size. */
async function shootBothSizes(page: Page, who: string): Promise<void> {
  const own = page.viewportSize()
  for (const [name, size] of [
    ['desktop-1440x900', DESKTOP],
    ['phone-390x844', PHONE],
  ] as const) {
    await page.setViewportSize(size)
    // From the top of the panel, whatever was scrolled to before.
    await page.getByTestId('record-panel').evaluate((panel) => panel.scrollIntoView({ block: 'start' }))
    await page.screenshot({ path: join(SHOTS_DIR, `${who}-record-panel-${name}.png`) })
  }
  if (own !== null) await page.setViewportSize(own)
}

describe('the two records from the board', () => {
  let seats: ThreeSeats
  let map: CreateMapResponse
  let chair: RecordedPage
  let professional: RecordedPage
  let parent: RecordedPage

  beforeAll(async () => {
    rmSync(SHOTS_DIR, { recursive: true, force: true })
    mkdirSync(SHOTS_DIR, { recursive: true })
    seats = await openThreeSeats('Initial conference — the Smith family')
    ;({ map, chair, professional, parent } = seats)
  })

  afterAll(async () => {
    await seats?.close()
  })

  it('the professional writes a restricted note and the chair a shared one', async () => {
    const page = professional.page
    await page.getByTestId(`outline-add-${ZONE}`).click()
    await page.getByTestId('outline-note-input').fill(RESTRICTED_TEXT)
    await page.getByTestId('professionals-only-toggle').check()
    await chooseProvenance(page.getByTestId('outline-note-form'))
    await page.getByTestId('outline-note-save').click()
    await page.getByTestId('outline-note-form').waitFor({ state: 'detached' })
    await addNoteInOutline(chair.page, ZONE, SHARED_TEXT)

    // The chair's board has both: the server stored each before passing it on.
    expect(await outlineNote(chair.page, ZONE, RESTRICTED_TEXT).getAttribute('data-audience')).toBe(
      'professionals',
    )
    // The parent's phone shows the board, its outline a tab away: there, but not on screen.
    await outlineNote(parent.page, ZONE, SHARED_TEXT).waitFor({ state: 'attached' })
  })

  it('the chair downloads both records through the panel; only the professionals’ one holds the restricted note', async () => {
    const page = chair.page
    await openMeeting(page, 'record')
    const choice = page.getByTestId('record-professionals')
    await choice.waitFor()
    expect(await choice.getByRole('heading').innerText()).toBe('Professionals’ record (not for the family)')

    const shared = await downloadBy(page, 'record-download-pdf')
    expect(shared.download.suggestedFilename()).toMatch(/^mapboard-record-.+\.pdf$/)
    expect(shared.download.suggestedFilename()).not.toMatch(/professionals/)
    await page.getByTestId('record-saved').waitFor()

    const restricted = await downloadBy(page, 'record-professionals-download-pdf')
    expect(restricted.download.suggestedFilename()).toMatch(/^mapboard-professionals-record-.+\.pdf$/)
    expect(await page.getByTestId('record-saved').innerText()).toContain(
      restricted.download.suggestedFilename(),
    )

    const professionalsPages = pdfPages(restricted.path)
    expect(professionalsPages.length).toBeGreaterThan(0)
    for (const [index, text] of professionalsPages.entries())
      expect(text, `professionals' record, page ${index + 1}`).toContain(BANNER)
    const professionalsText = professionalsPages.join(' ')
    expect(professionalsText).toContain(RESTRICTED_MARKER)
    expect(professionalsText).toContain(SHARED_MARKER)

    const sharedText = pdfPages(shared.path).join(' ')
    expect(sharedText).toContain(SHARED_MARKER)
    expect(sharedText).not.toContain(RESTRICTED_MARKER)
    expect(sharedText).not.toContain(BANNER)
  })

  it('the chair downloads the professionals’ map picture too, and the list tells the kinds apart', async () => {
    const page = chair.page
    const picture = await downloadBy(page, 'record-professionals-download-png')
    expect(picture.download.suggestedFilename()).toMatch(/^mapboard-professionals-map-.+\.png$/)
    expect(readFileSync(picture.path).subarray(1, 4).toString('latin1')).toBe('PNG')

    const items = page.getByTestId('export-item')
    await expect.poll(() => items.count()).toBe(3)
    const listed = await items.evaluateAll((rows) =>
      rows.map((row) => `${row.getAttribute('data-audience')} ${row.getAttribute('data-format')}`),
    )
    // Newest first.
    expect(listed).toEqual(['professionals png', 'professionals pdf', 'shared pdf'])
    const newest = await items.first().innerText()
    expect(newest).toContain('Professionals’ map picture (PNG)')
    expect(newest).toContain('Professionals’ document SHA-256')
    expect(await items.last().innerText()).not.toMatch(/Professionals/)

    // Downloaded again from the list, it keeps a name that says what it is.
    const [again] = await Promise.all([
      page.waitForEvent('download'),
      items.nth(1).getByTestId('export-download').click(),
    ])
    expect(again.suggestedFilename()).toMatch(/^mapboard-professionals-record-.+\.pdf$/)
    await shootBothSizes(page, 'chair')
  })

  it('the parent’s phone offers no professionals’ record, even once the family may download the shared one', async () => {
    const page = parent.page
    await openMeeting(page, 'record')
    await page.getByTestId('record-kept-by-chair').waitFor()
    expect(await page.getByTestId('record-professionals').count()).toBe(0)

    await openMeeting(chair.page, 'record')
    await chair.page.getByTestId('record-family-may-export').check()
    await page.getByTestId('record-download-pdf').waitFor()
    expect(await page.getByTestId('record-professionals').count()).toBe(0)
    expect(await page.getByTestId('record-professionals-download-pdf').count()).toBe(0)
    expect(await page.getByTestId('record-professionals-download-png').count()).toBe(0)
    // Not a word of it: no hint that such a record exists.
    const panel = await page.getByTestId('record-panel').innerText()
    expect(panel).not.toMatch(/professionals/i)
    await shootBothSizes(page, 'parent')
    expect(parent.errors).toEqual([])
  })

  it('the server refuses the professionals’ record to the parent’s page (403 AUDIENCE_FORBIDDEN)', async () => {
    const token = participantToken(parent, map.id)
    const answers = await parent.page.evaluate(
      async ({ mapId, token }) => {
        const ask = async (path: string) => {
          const response = await fetch(path, { headers: { authorization: `Bearer ${token}` } })
          const body = (await response.json().catch(() => null)) as { code?: string } | null
          return { path, status: response.status, code: body?.code ?? null }
        }
        return Promise.all([
          ask(`/api/maps/${encodeURIComponent(mapId)}/professionals/export.pdf`),
          ask(`/api/maps/${encodeURIComponent(mapId)}/professionals/export.png`),
          // The same token is good for the shared record now the chair allows it: the refusal is about audience.
          ask(`/api/maps/${encodeURIComponent(mapId)}/export.pdf`),
        ])
      },
      { mapId: map.id, token },
    )
    expect(answers.map(({ status, code }) => [status, code])).toEqual([
      [403, 'AUDIENCE_FORBIDDEN'],
      [403, 'AUDIENCE_FORBIDDEN'],
      [200, null],
    ])
  })
})
