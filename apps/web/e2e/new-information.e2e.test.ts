// No new information at the conference (decision 0035), in real Chromium: the chair gives the schedule when
// creating the map, a professional adds an item after reports were due (late) and, once the conference has
// started, another (new); the chair is told as each arrives and goes through them in the list; both are marked on
// the board and in the Outline; the family reads when each item was shared with them. Screenshots go to
// test-artifacts/new-information/.
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, describeViolations } from './axe.ts'
import {
  ARTIFACTS_DIR,
  CHAIR,
  DESKTOP,
  FAMILY,
  PROFESSIONAL,
  addNoteInOutline,
  canvasTexts,
  closeMeeting,
  createMapFromLanding,
  fillSchedule,
  joinByLink,
  launchBrowser,
  londonFields,
  openMeeting,
  openRecordedPage,
  outlineNote,
} from './helpers.ts'
import type { RecordedPage } from './helpers.ts'

const SHOTS_DIR = join(ARTIFACTS_DIR, 'new-information')
const LATE = 'School nurse saw a new bruise on Ella’s arm on Friday.'
const NEW = 'Police were called to the house last night.'
const MINUTE = 60_000

/**
 * The clock the server stamps `receivedAt` with. It runs two minutes behind while the late item arrives, so the
 * chair can then move the start to the current minute and the late item stays before it: no waiting for a minute
 * boundary (the schedule's fields go to the minute).
 */
let serverClockShift = -2 * MINUTE
let server: TestServer
let browser: Browser
let chair: RecordedPage
let professional: RecordedPage
let parent: RecordedPage

beforeAll(async () => {
  rmSync(SHOTS_DIR, { recursive: true, force: true })
  mkdirSync(SHOTS_DIR, { recursive: true })
  server = await startServer({ now: () => Date.now() + serverClockShift })
  browser = await launchBrowser()
  chair = await openRecordedPage(browser, { viewport: DESKTOP })
  professional = await openRecordedPage(browser, { viewport: DESKTOP })
  parent = await openRecordedPage(browser, { viewport: DESKTOP })
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function expectNoViolations(page: Page, scene: string): Promise<void> {
  expect.soft(describeViolations(await axeViolations(page)), `axe-core on ${scene}`).toEqual([])
}

it('late and new items are marked, the chair is told and goes through them, the family sees when each came', async () => {
  // The conference starts in two hours: reports were due 24 hours before, so anything added now is late.
  const start = Math.ceil((Date.now() + 2 * 60 * MINUTE) / MINUTE) * MINUTE
  const page = chair.page
  const links = await createMapFromLanding(page, server.url, 'Initial conference Smith family', CHAIR, {
    startsAt: start,
    type: 'initial',
  })

  // The schedule was the chair's first edit: everyone's board shows it in one line.
  const line = page.getByTestId('schedule-line')
  await expect
    .poll(() => line.innerText())
    .toMatch(/^Initial conference, \w+day \d+ \w+( \d{4})?, \d\d:\d\d · reports due by /)
  await joinByLink(professional.page, links.professional, PROFESSIONAL)
  expect(await professional.page.getByTestId('schedule-line').innerText()).toBe(await line.innerText())

  // A professional adds an item after the deadline: the chair is told at once, politely.
  await addNoteInOutline(professional.page, 'past-harm', LATE)
  const notice = page.getByTestId('information-notice')
  await notice.waitFor()
  expect(await notice.innerText()).toContain(
    `New information: ${PROFESSIONAL.name} (${PROFESSIONAL.agency}) added an item to Past harm after reports were due.`,
  )
  expect(await notice.evaluate((node) => node.closest('[aria-live="polite"]') !== null)).toBe(true)

  // Marked in the Outline in words, with when it arrived, and on the board.
  const lateRow = outlineNote(page, 'past-harm', LATE)
  const lateMark = lateRow.getByTestId('outline-note-information')
  await lateMark.waitFor()
  expect(await lateMark.getAttribute('data-status')).toBe('late')
  expect(await lateMark.innerText()).toContain('Shared late')
  expect(await lateMark.getAttribute('title')).toMatch(
    /^Shared late: received .+, \d\d:\d\d, after reports were due$/,
  )
  await expect.poll(() => canvasTexts(page, 'note-information')).toEqual(['Shared late'])
  await page.screenshot({ path: join(SHOTS_DIR, 'chair-notice-late-desktop.png') })

  // The notice leads to the list: oldest first, with section, author, time and the question.
  await notice.getByTestId('information-notice-show').click()
  const list = page.getByTestId('new-information-list')
  await list.waitFor()
  const items = list.getByTestId('new-information-item')
  expect(await items.count()).toBe(1)
  const first = await items.first().innerText()
  expect(first).toContain('Shared late')
  expect(first).toContain(LATE)
  expect(first).toContain(`Past harm · ${PROFESSIONAL.name} (${PROFESSIONAL.agency}) · received`)
  expect(first).toContain('Has the family had time to consider this?')

  // Before the meeting the family reads when each item was shared with them.
  await joinByLink(parent.page, links.family, FAMILY)
  const shared = outlineNote(parent.page, 'past-harm', LATE).getByTestId('outline-note-shared-with-you')
  await shared.waitFor()
  expect(await shared.innerText()).toMatch(/^Shared with you on \w+day \d+ \w+( \d{4})?, \d\d:\d\d$/)
  await expectNoViolations(parent.page, 'the family’s Outline with when items were shared')
  await parent.page.screenshot({ path: join(SHOTS_DIR, 'family-outline-shared-with-you-desktop.png') })

  // The conference starts now: the chair moves the start to this minute, after the late item arrived …
  serverClockShift = 0
  const startsNow = Math.floor(Date.now() / MINUTE) * MINUTE
  const now = londonFields(startsNow)
  await fillSchedule(page, startsNow)
  await page.getByTestId('schedule-save').click()
  await expect
    .poll(() => professional.page.getByTestId('schedule-line').innerText())
    .toContain(`, ${now.time} · reports due by`)

  // … and an item added now is new at the conference.
  await addNoteInOutline(professional.page, 'future-danger', NEW)
  await expect
    .poll(() => notice.innerText().catch(() => ''))
    .toContain('added an item to Future danger after the conference started.')
  // The Outline sits behind the meeting panel on this screen: close it to read the marks.
  await closeMeeting(page)
  const newMark = outlineNote(page, 'future-danger', NEW).getByTestId('outline-note-information')
  await newMark.waitFor()
  expect(await newMark.getAttribute('data-status')).toBe('new')
  expect(await newMark.innerText()).toContain('New at the conference')
  await expect
    .poll(async () => (await canvasTexts(page, 'note-information')).sort())
    .toEqual(['New at the conference', 'Shared late'])
  await openMeeting(page, 'timing')
  await expect.poll(() => items.count()).toBe(2)
  expect(await items.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-status')))).toEqual([
    'late',
    'new',
  ])
  await expectNoViolations(page, 'the chair’s Timing tab with late and new items')
  await page.screenshot({ path: join(SHOTS_DIR, 'chair-list-late-and-new-desktop.png') })
  expect(chair.errors).toEqual([])
  expect(professional.errors).toEqual([])
  expect(parent.errors).toEqual([])
}, 180_000)
