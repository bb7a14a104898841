// The conference's information rules end to end (issue 14), in real Chromium: an item shared the day before the
// conference (late) and one added during the meeting (new), the chair told of each and going through them; jargon
// flagged as a professional types and replaced in one click; a parent on a phone tapping a flagged word for its
// meaning; and the family letter, once the chair allows it, downloaded by the parent and read back with pdftotext.
// Screenshots and the letter go to test-artifacts/information-rules/.
import { execFileSync } from 'node:child_process'
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
  chooseProvenance,
  closeMeeting,
  createMapFromLanding,
  fillSchedule,
  joinByLink,
  launchBrowser,
  londonFields,
  openMeeting,
  openRecordedPage,
  outlineNote,
  phoneContextOptions,
} from './helpers.ts'
import type { RecordedPage } from './helpers.ts'

const SHOTS_DIR = join(ARTIFACTS_DIR, 'information-rules')
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const LATE = 'School nurse saw a new bruise on Ella’s arm on Friday.'
const RESTRICTED = 'Police hold information not yet disclosable, restricted marker 4c1e'
const TYPED = 'Police opened a s47 after the LADO heard about the football coach.'
const SAVED = 'Police opened a child protection enquiry after the LADO heard about the football coach.'
const LADO_PLAIN = 'the council officer who looks into concerns about adults who work with children'
const CORRECTIONS = 'To ask for a correction, write to Riverside Council, Children’s Services, PO Box 14.'

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
  server = await startServer({
    now: () => Date.now() + serverClockShift,
    letterCorrectionsText: CORRECTIONS,
  })
  browser = await launchBrowser()
  chair = await openRecordedPage(browser, { viewport: DESKTOP })
  professional = await openRecordedPage(browser, { viewport: DESKTOP })
  parent = await openRecordedPage(browser, phoneContextOptions())
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function expectNoViolations(page: Page, scene: string): Promise<void> {
  expect.soft(describeViolations(await axeViolations(page)), `axe-core on ${scene}`).toEqual([])
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS_DIR, name) })

it('late and new items, plain words, an explanation on a phone and the family letter, in one conference', async () => {
  // The day before: an initial conference tomorrow, so reports were due a few hours ago.
  const tomorrow = Math.ceil((Date.now() + 20 * HOUR) / MINUTE) * MINUTE
  const links = await createMapFromLanding(chair.page, server.url, 'Initial conference Smith family', CHAIR, {
    startsAt: tomorrow,
    type: 'initial',
  })
  await joinByLink(professional.page, links.professional, PROFESSIONAL)
  await joinByLink(parent.page, links.family, FAMILY)

  // A professional shares an item after the deadline, and one for professionals only.
  await addNoteInOutline(professional.page, 'past-harm', LATE, {
    kind: 'Observation',
    source: 'school nurse',
  })
  const notice = chair.page.getByTestId('information-notice')
  await notice.waitFor()
  expect(await notice.innerText()).toContain(
    `New information: ${PROFESSIONAL.name} (${PROFESSIONAL.agency}) added an item to Past harm after reports were due.`,
  )
  await shot(chair.page, '1-chair-notice-late-desktop.png')
  // The notice leads to the list, which shows the item and the question to ask.
  await notice.getByTestId('information-notice-show').click()
  const timing = chair.page.getByTestId('new-information-list')
  await expect.poll(() => timing.getByTestId('new-information-item').allInnerTexts()).toHaveLength(1)
  expect(await timing.getByTestId('new-information-item').first().innerText()).toContain(LATE)

  const form = professional.page.getByTestId('outline-note-form')
  await professional.page.getByTestId('outline-add-past-harm').click()
  await professional.page.getByTestId('outline-note-input').fill(RESTRICTED)
  await professional.page.getByTestId('professionals-only-toggle').check()
  await chooseProvenance(form, { kind: 'Fact', source: 'police' })
  await professional.page.getByTestId('outline-note-save').click()
  await form.waitFor({ state: 'detached' })
  // Late too, and told; the chair has seen enough and dismisses the notice.
  await expect
    .poll(() => notice.innerText().catch(() => ''))
    .toContain('to Past harm after reports were due.')
  await notice.getByRole('button', { name: 'Dismiss' }).click()
  await notice.waitFor({ state: 'detached' })

  // The conference starts: the chair moves the start to this minute in the Timing tab.
  serverClockShift = 0
  const startsNow = Math.floor(Date.now() / MINUTE) * MINUTE
  await openMeeting(chair.page, 'timing')
  await fillSchedule(chair.page, startsNow)
  await chair.page.getByTestId('schedule-save').click()
  await expect
    .poll(() => professional.page.getByTestId('schedule-line').innerText())
    .toContain(`, ${londonFields(startsNow).time} · reports due by`)

  // During the meeting a professional types jargon: flagged as typed, replaced with one click.
  const page = professional.page
  await page.getByTestId('outline-add-future-danger').click()
  await page.getByTestId('outline-note-input').fill(TYPED)
  const hints = page.getByTestId('jargon-hint')
  await expect
    .poll(() => hints.evaluateAll((items) => items.map((item) => item.getAttribute('data-term'))))
    .toEqual(['s47', 'LADO'])
  await expectNoViolations(page, 'the professional’s note form with jargon flagged')
  await shot(page, '2-professional-jargon-flagged-desktop.png')
  await page.getByRole('button', { name: 'Use plain words for “s47”' }).click()
  expect(await page.getByTestId('outline-note-input').inputValue()).toBe(SAVED)
  await chooseProvenance(form, { kind: 'Allegation', source: 'police, at the meeting' })
  await shot(page, '3-professional-plain-words-used-desktop.png')
  await page.getByTestId('outline-note-save').click()
  await form.waitFor({ state: 'detached' })

  // The chair is told it is new, and finds both items in the Timing tab's list and the checklist.
  await expect
    .poll(() => notice.innerText().catch(() => ''))
    .toContain('added an item to Future danger after the conference started.')
  const statuses = (list: typeof timing) =>
    list
      .getByTestId('new-information-item')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-status')))
  await expect.poll(() => statuses(timing)).toEqual(['late', 'late', 'new'])
  const items = await timing.getByTestId('new-information-item').allInnerTexts()
  expect(items[0]).toContain(LATE)
  expect(items[2]).toContain(SAVED)
  expect(items[2]).toContain('Has the family had time to consider this?')
  await expectNoViolations(chair.page, 'the chair’s Timing tab with late and new items')
  await shot(chair.page, '4-chair-timing-list-desktop.png')
  await openMeeting(chair.page, 'checklist')
  const checklist = chair.page.getByTestId('chair-checklist')
  await expect
    .poll(() => statuses(checklist.getByTestId('new-information-list')))
    .toEqual(['late', 'late', 'new'])
  await expect
    .poll(() => checklist.getByTestId('checklist-jargon').getByTestId('checklist-summary').innerText())
    .toBe('Terms: LADO')
  await shot(chair.page, '5-chair-checklist-desktop.png')
  await closeMeeting(chair.page)
  const newMark = outlineNote(chair.page, 'future-danger', SAVED).getByTestId('outline-note-information')
  expect(await newMark.getAttribute('data-status')).toBe('new')
  expect(
    await outlineNote(chair.page, 'past-harm', LATE)
      .getByTestId('outline-note-information')
      .getAttribute('data-status'),
  ).toBe('late')

  // The parent, on a phone, taps the word still flagged and reads what it means.
  await parent.page.getByTestId('outline-tab').click()
  const note = outlineNote(parent.page, 'future-danger', SAVED)
  await note.waitFor()
  const word = note.getByTestId('jargon-word')
  expect(await word.allInnerTexts()).toEqual(['LADO'])
  await word.first().tap()
  const meaning = note.getByTestId('jargon-meaning')
  await meaning.waitFor()
  expect(await meaning.innerText()).toContain(`“LADO” in plain words: ${LADO_PLAIN}.`)
  await meaning.scrollIntoViewIfNeeded()
  await expectNoViolations(parent.page, 'the parent’s phone with an explanation open')
  await shot(parent.page, '6-parent-explanation-phone-390x844.png')
  expect(await parent.page.content()).not.toContain('restricted marker')

  // The chair allows the family the letter; the parent downloads it and it reads in plain words.
  await openMeeting(chair.page, 'record')
  await chair.page.getByTestId('record-family-may-export').check()
  await openMeeting(parent.page, 'record')
  const download = parent.page.getByTestId('record-download-letter')
  await download.waitFor()
  await shot(parent.page, '7-parent-letter-button-phone-390x844.png')
  const [file] = await Promise.all([parent.page.waitForEvent('download'), download.tap()])
  const path = join(SHOTS_DIR, file.suggestedFilename())
  await file.saveAs(path)
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    ' ',
  )
  expect(text).toContain('What people are worried about')
  expect(text).toContain(LATE)
  expect(text).toContain('Police opened a child protection enquiry')
  expect(text).toMatch(/the LADO \([^)]+\) heard about the football coach/)
  expect(text).toContain(CORRECTIONS)
  expect(text).not.toContain('restricted marker')
  expect(text).not.toContain('s47')
  expect(chair.errors).toEqual([])
  expect(professional.errors).toEqual([])
  expect(parent.errors).toEqual([])
}, 90_000)
