import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser } from 'playwright-core'
import {
  CHAIR,
  DESKTOP,
  FAMILY,
  PROFESSIONAL,
  addNoteInOutline,
  artifactPath,
  chooseProvenance,
  createMapFromLanding,
  joinByLink,
  launchBrowser,
  openRecordedPage,
  outlineNote,
  outlineTexts,
  phoneContextOptions,
} from './helpers.ts'
import type { RecordedPage } from './helpers.ts'

// The closed session (issue 13): the chair starts it; the parent's phone says the professionals are talking
// privately and shows nothing of the map; what the professional writes meanwhile is for professionals only; the chair ends it and everyone
// is back where they were.
describe('a closed session on three screens', () => {
  let server: TestServer
  let browser: Browser
  let chair: RecordedPage
  let professional: RecordedPage
  let parent: RecordedPage

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    chair = await openRecordedPage(browser, { viewport: DESKTOP })
    professional = await openRecordedPage(browser, { viewport: DESKTOP })
    parent = await openRecordedPage(browser, phoneContextOptions())
    const links = await createMapFromLanding(chair.page, server.url, 'Review conference', CHAIR)
    await joinByLink(professional.page, links.professional, PROFESSIONAL)
    await joinByLink(parent.page, links.family, FAMILY)
    await addNoteInOutline(professional.page, 'past-harm', 'Police were called in March')
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('starts: the parent sees a calm notice instead of the map, the professional a paused shared map', async () => {
    await chair.page.getByTestId('closed-session-toggle').click()
    const notice = parent.page.getByTestId('closed-session-notice')
    await notice.waitFor()
    expect(await notice.innerText()).toContain('The professionals are talking privately')
    expect(await notice.innerText()).toContain('The chair will invite you back')
    // Nothing of the map is reachable behind it.
    expect(await parent.page.locator('main.workspace').getAttribute('inert')).not.toBeNull()
    await professional.page.getByTestId('closed-session-banner').waitFor()
    await chair.page.getByTestId('closed-session-banner').waitFor()
    expect(await chair.page.getByTestId('closed-session-toggle').innerText()).toBe('End closed session')
    // What the professional adds meanwhile is for professionals only: the switch is set and cannot be unset.
    await professional.page.getByTestId('outline-add-future-danger').click()
    const toggle = professional.page.getByTestId('outline-note-form').getByTestId('professionals-only-toggle')
    expect(await toggle.isChecked()).toBe(true)
    expect(await toggle.isDisabled()).toBe(true)
    await professional.page.getByTestId('outline-note-input').fill('Said in the closed session')
    await chooseProvenance(professional.page.getByTestId('outline-note-form'))
    await professional.page.getByTestId('outline-note-save').click()
    await outlineNote(chair.page, 'future-danger', 'Said in the closed session')
      .getByTestId('outline-note-restricted')
      .waitFor()
    for (const [page, name] of [
      [chair.page, 'chair-desktop'],
      [professional.page, 'professional-desktop'],
      [parent.page, 'parent-phone'],
    ] as const) {
      await page.screenshot({ path: artifactPath(`closed-session/${name}.png`) })
    }
  })

  it('ends: the notice goes, the map is back for everyone, and the professional may add again', async () => {
    await chair.page.getByTestId('closed-session-toggle').click()
    await parent.page.getByTestId('closed-session-notice').waitFor({ state: 'detached' })
    await professional.page.getByTestId('closed-session-banner').waitFor({ state: 'detached' })
    expect(await parent.page.locator('main.workspace').getAttribute('inert')).toBeNull()
    await addNoteInOutline(professional.page, 'past-harm', 'School saw a bruise')
    await parent.page.getByTestId('outline-tab').click()
    await expect
      .poll(() => outlineTexts(parent.page, 'past-harm'))
      .toEqual(['Police were called in March', 'School saw a bruise'])
    // What was said in the closed session never reached the parent's phone.
    expect(await outlineTexts(parent.page, 'future-danger')).toEqual([])
    expect(await parent.page.content()).not.toContain('Said in the closed session')
  })
})
