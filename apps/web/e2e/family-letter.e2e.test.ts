// The family letter on the parent's phone: no download until the chair allows it, then the letter through its
// button, read back as text. Downloads and screenshots go to test-artifacts/family-letter/.
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser, Page } from 'playwright-core'
import {
  ARTIFACTS_DIR,
  CHAIR,
  DESKTOP,
  FAMILY,
  PHONE,
  addNoteInOutline,
  closeMeeting,
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

const SHOTS_DIR = join(ARTIFACTS_DIR, 'family-letter')
const TITLE = 'Review conference Smith family'
const WORRY = 'The LADO was told about the bruise on Ella’s arm.'
const STRENGTH = 'Mum walks Ella to school every morning.'

let server: TestServer
let browser: Browser
let chair: RecordedPage
let parent: RecordedPage

beforeAll(async () => {
  rmSync(SHOTS_DIR, { recursive: true, force: true })
  mkdirSync(SHOTS_DIR, { recursive: true })
  server = await startServer()
  browser = await launchBrowser()
  chair = await openRecordedPage(browser, { viewport: DESKTOP })
  parent = await openRecordedPage(browser, phoneContextOptions())
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function openRecord(page: Page): Promise<void> {
  const button = page.getByTestId('meeting-button')
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click()
  await page.getByTestId('meeting-panel').waitFor()
  await page.getByTestId('meeting-tab-record').click()
  await page.getByTestId('record-panel').waitFor()
}

it('the chair allows the family, and the parent’s phone downloads the letter in plain words', async () => {
  const links = await createMapFromLanding(chair.page, server.url, TITLE, CHAIR)
  await joinByLink(parent.page, links.family, FAMILY)
  await addNoteInOutline(chair.page, 'past-harm', WORRY)
  await addNoteInOutline(chair.page, 'existing-strengths', STRENGTH)

  const page = parent.page
  await openRecord(page)
  expect(await page.getByTestId('record-download-letter').count()).toBe(0)

  await openRecord(chair.page)
  await chair.page.getByTestId('record-download-letter').waitFor()
  await chair.page.getByTestId('record-family-may-export').check()

  const button = page.getByTestId('record-download-letter')
  await button.waitFor()
  expect(await button.innerText()).toContain('Family letter (PDF)')
  expect(await smallTouchTargets(page)).toEqual([])
  expect(await controlsOffScreen(page)).toEqual([])
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
  await page.screenshot({ path: join(SHOTS_DIR, 'family-letter-parent-phone-390x844.png') })

  const [download] = await Promise.all([page.waitForEvent('download'), button.tap()])
  expect(download.suggestedFilename()).toMatch(/^mapboard-family-letter-.+\.pdf$/)
  const path = join(SHOTS_DIR, download.suggestedFilename())
  await download.saveAs(path)
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    ' ',
  )
  for (const heading of [
    'What happened at the meeting',
    'Who came',
    'What people are worried about',
    'What is going well',
    'The worries and the goals',
    'What was decided, and why',
    'The plan: who will do what, and by when',
    'If something is wrong, or you want to complain',
  ]) {
    expect(text).toContain(heading)
  }
  expect(text).toContain(STRENGTH)
  // Jargon is left as written and followed by its plain wording.
  expect(text).toMatch(/The LADO \([^)]+\) was told about the bruise/)
  expect(text).toContain(FAMILY.name)
  await page.getByTestId('record-saved').waitFor()
  await page.screenshot({ path: join(SHOTS_DIR, 'family-letter-saved-phone-390x844.png') })
  await closeMeeting(page)
  expect(foreignRequests(parent.requests, server.url)).toEqual([])
})
