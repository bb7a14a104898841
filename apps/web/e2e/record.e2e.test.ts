// The record in three browsers: the chair and a professional on desktops, an observer on a phone. Downloads and
// screenshots of the Record tab go to test-artifacts/record/.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser, Download, Page } from 'playwright-core'
import {
  closeMeeting,
  ARTIFACTS_DIR,
  CHAIR,
  DESKTOP,
  PHONE,
  PROFESSIONAL,
  VIEWER,
  addNoteInOutline,
  controlsOffScreen,
  createMapFromLanding,
  foreignRequests,
  joinByLink,
  launchBrowser,
  openRecordedPage,
  phoneContextOptions,
  smallTouchTargets,
} from './helpers.ts'
import type { RecordedPage } from './helpers.ts'

const SHOTS_DIR = join(ARTIFACTS_DIR, 'record')
const TITLE = 'Review conference Riverside family'
const HARM = 'Police were called to the home twice in March after neighbours heard shouting.'
/** The band across the top of a saved view, in CSS px, drawn at twice the screen's resolution. */
const BAND = 74
const INK = [0x1b, 0x22, 0x30]

const isPdf = (bytes: Buffer): boolean => bytes.subarray(0, 5).toString('latin1') === '%PDF-'
const isPng = (bytes: Buffer): boolean =>
  bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
/** Width and height from a PNG's IHDR chunk. */
const pngSize = (bytes: Buffer) => ({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) })

async function saveDownload(download: Download, prefix: string): Promise<{ path: string; bytes: Buffer }> {
  const path = join(SHOTS_DIR, `${prefix}-${download.suggestedFilename()}`)
  await download.saveAs(path)
  return { path, bytes: readFileSync(path) }
}

/** Clicks (or taps) and returns the download the click started. */
async function downloadBy(page: Page, click: () => Promise<void>): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()])
  return download
}

async function openRecord(page: Page): Promise<void> {
  const button = page.getByTestId('meeting-button')
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click()
  await page.getByTestId('meeting-panel').waitFor()
  await page.getByTestId('meeting-tab-record').click()
  await page.getByTestId('record-panel').waitFor()
}

/** The RGB of one pixel of a PNG, read by the browser itself. */
async function pixelOf(page: Page, png: Buffer, x: number, y: number): Promise<number[]> {
  return page.evaluate(
    async ({ base64, x, y }) => {
      const image = new Image()
      image.src = `data:image/png;base64,${base64}`
      await image.decode()
      const canvas = document.createElement('canvas')
      canvas.width = image.naturalWidth
      canvas.height = image.naturalHeight
      const context = canvas.getContext('2d')
      if (context === null) return []
      context.drawImage(image, 0, 0)
      return Array.from(context.getImageData(x, y, 1, 1).data.slice(0, 3))
    },
    { base64: png.toString('base64'), x, y },
  )
}

describe('the record: downloads, who may take one, and "my view"', () => {
  let server: TestServer
  let browser: Browser
  let chair: RecordedPage
  let pro: RecordedPage
  let viewer: RecordedPage
  let firstPdf: Buffer

  beforeAll(async () => {
    // Downloads are named per map: start empty, so the folder holds this run's files only.
    rmSync(SHOTS_DIR, { recursive: true, force: true })
    mkdirSync(SHOTS_DIR, { recursive: true })
    server = await startServer()
    browser = await launchBrowser()
    chair = await openRecordedPage(browser, { viewport: DESKTOP })
    pro = await openRecordedPage(browser, { viewport: DESKTOP })
    viewer = await openRecordedPage(browser, phoneContextOptions())
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('the chair creates the map; a professional and an observer join by their links', async () => {
    const links = await createMapFromLanding(chair.page, server.url, TITLE, CHAIR)
    await joinByLink(pro.page, links.professional, PROFESSIONAL)
    await joinByLink(viewer.page, links.viewer, VIEWER)
    await addNoteInOutline(chair.page, 'past-harm', HARM)
    for (const page of [chair.page, pro.page, viewer.page])
      await expect.poll(() => page.getByTestId('presence-button').innerText()).toContain('3')
  })

  it('the chair downloads the record as a PDF, with progress, and it is listed with its version and hash', async () => {
    const page = chair.page
    await openRecord(page)
    await page.getByTestId('export-list-empty').waitFor()

    // Hold the request back a moment, so the busy state can be seen and checked.
    let release = (): void => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/export.pdf', async (route) => {
      await held
      await route.continue()
    })
    const downloading = page.waitForEvent('download')
    await page.getByTestId('record-download-pdf').click()
    await expect.poll(() => page.getByTestId('record-busy').innerText()).toBe('Generating the record…')
    expect(await page.getByTestId('record-download-pdf').isDisabled()).toBe(true)
    expect(await page.getByTestId('record-download-png').isDisabled()).toBe(true)
    await page.screenshot({ path: join(SHOTS_DIR, 'chair-generating-desktop-1440x900.png') })
    release()
    const download = await downloading
    await page.unroute('**/export.pdf')

    expect(download.suggestedFilename()).toMatch(/^mapboard-record-.+-v\d+-.+\.pdf$/)
    const { path, bytes } = await saveDownload(download, 'chair')
    expect(isPdf(bytes)).toBe(true)
    firstPdf = bytes
    // Real text, not a picture of it: the title is there to find.
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })
    expect(text.replace(/\s+/g, ' ')).toContain(TITLE)

    await page.getByTestId('record-saved').waitFor()
    expect(await page.getByTestId('record-download-pdf').isEnabled()).toBe(true)
    const item = page.getByTestId('export-item')
    await expect.poll(() => item.count()).toBe(1)
    expect(await item.getAttribute('data-format')).toBe('pdf')
    const listed = await item.innerText()
    expect(listed).toContain('Record (PDF)')
    expect(listed).toMatch(/version \d+/)
    expect(listed).toContain(CHAIR.name)
    expect(listed).toMatch(/Document SHA-256\s+[0-9a-f]{12}/)
    await page.screenshot({ path: join(SHOTS_DIR, 'record-chair-desktop-1440x900.png') })

    // Downloading it again from the list gives the very same bytes.
    const again = await downloadBy(page, () => item.getByTestId('export-download').click())
    expect((await saveDownload(again, 'chair-again')).bytes.equals(firstPdf)).toBe(true)
  })

  it('a professional downloads the map as a PNG; the chair’s list shows who did', async () => {
    await openRecord(pro.page)
    expect(await pro.page.getByTestId('record-family-may-export').count()).toBe(0)
    expect(await pro.page.getByTestId('export-list').count()).toBe(0)
    const download = await downloadBy(pro.page, () => pro.page.getByTestId('record-download-png').click())
    expect(download.suggestedFilename()).toMatch(/^mapboard-map-.+\.png$/)
    expect(isPng((await saveDownload(download, 'professional')).bytes)).toBe(true)
    await pro.page.screenshot({ path: join(SHOTS_DIR, 'record-professional-desktop-1440x900.png') })

    // The list is read as the tab opens: open it again.
    await chair.page.getByTestId('meeting-tab-roster').click()
    await chair.page.getByTestId('meeting-tab-record').click()
    const png = chair.page.locator('[data-testid="export-item"][data-format="png"]')
    await png.waitFor()
    expect(await png.innerText()).toContain(PROFESSIONAL.name)
    expect(await chair.page.getByTestId('export-item').count()).toBe(2)
  })

  it('the observer sees no record download until the chair allows it, then can take one', async () => {
    const page = viewer.page
    await openRecord(page)
    expect(await page.getByTestId('record-kept-by-chair').innerText()).toContain('The chair keeps the record')
    expect(await page.getByTestId('record-download-pdf').count()).toBe(0)
    expect(await page.getByTestId('record-download-png').count()).toBe(0)
    expect(await page.getByTestId('record-family-may-export').count()).toBe(0)
    await page.screenshot({ path: join(SHOTS_DIR, 'record-observer-not-allowed-phone-390x844.png') })

    const allow = chair.page.getByTestId('record-family-may-export')
    expect(await allow.isChecked()).toBe(false)
    await allow.check()
    await page.getByTestId('record-download-pdf').waitFor()
    expect(await page.getByTestId('record-kept-by-chair').count()).toBe(0)
    expect(await smallTouchTargets(page)).toEqual([])
    expect(await controlsOffScreen(page)).toEqual([])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    await page.screenshot({ path: join(SHOTS_DIR, 'record-observer-allowed-phone-390x844.png') })

    const download = await downloadBy(page, () => page.getByTestId('record-download-pdf').tap())
    const { bytes } = await saveDownload(download, 'observer')
    expect(isPdf(bytes)).toBe(true)
    await page.getByTestId('record-saved').waitFor()
    await page.screenshot({ path: join(SHOTS_DIR, 'record-observer-saved-phone-390x844.png') })

    // Taken back: the sentence returns.
    await allow.uncheck()
    await page.getByTestId('record-kept-by-chair').waitFor()
    expect(await page.getByTestId('record-download-pdf').count()).toBe(0)
    await chair.page.screenshot({ path: join(SHOTS_DIR, 'record-chair-list-desktop-1440x900.png') })
  })

  it('anyone saves "my view" as a PNG, named and stamped as their view, not the record', async () => {
    for (const { who, page, phone } of [
      { who: 'observer', page: viewer.page, phone: true },
      { who: 'professional', page: pro.page, phone: false },
    ]) {
      await closeMeeting(page)
      const button = page.getByTestId('save-my-view')
      expect(await button.getAttribute('aria-label')).toBe('Save my view (PNG) — my view, not the record')
      const download = await downloadBy(page, () => (phone ? button.tap() : button.click()))
      expect(download.suggestedFilename()).toMatch(/^mapboard-my-view-not-the-record-.+\.png$/)
      const { bytes } = await saveDownload(download, who)
      expect(isPng(bytes)).toBe(true)

      // What this screen shows, at twice its resolution, under a band that says what it is.
      const screen = await page
        .getByTestId('board-canvas')
        .evaluate((element) => ({ width: element.clientWidth, height: element.clientHeight }))
      expect(pngSize(bytes)).toEqual({ width: screen.width * 2, height: (screen.height + BAND) * 2 })
      const band = await pixelOf(page, bytes, 2, 2)
      band.forEach((channel, index) => expect(Math.abs(channel - (INK[index] ?? 0))).toBeLessThanOrEqual(2))
      expect(await page.getByTestId('toast').innerText()).toContain('not the record')
      await page.screenshot({
        path: join(SHOTS_DIR, `my-view-${who}-${phone ? 'phone-390x844' : 'desktop-1440x900'}.png`),
      })
    }
    expect(await smallTouchTargets(viewer.page)).toEqual([])
    expect(await controlsOffScreen(viewer.page)).toEqual([])
  })

  it('made no request to any other origin and raised no page errors', () => {
    for (const { requests, errors } of [chair, pro, viewer]) {
      expect(foreignRequests(requests, server.url)).toEqual([])
      expect(errors.filter((error) => error.startsWith('pageerror'))).toEqual([])
    }
  })
})
