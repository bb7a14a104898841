import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser, Page } from 'playwright-core'
import {
  CHAIR,
  DESKTOP,
  FAMILY,
  PROFESSIONAL,
  artifactPath,
  cameraOf,
  chooseProvenance,
  createMapFromLanding,
  joinByLink,
  launchBrowser,
  openRecordedPage,
  outlineNote,
  phoneContextOptions,
} from './helpers.ts'
import type { RecordedPage } from './helpers.ts'

const lockedIn = (page: Page, zone: string) =>
  page.getByTestId(`outline-section-${zone}`).getAttribute('data-locked')

// Two fixes from trying the meeting as its people would: moving the agenda with "Apply this step's locks" kept
// removing a lock the chair had set by hand, and a parent following the chair on a phone stopped following as
// soon as they added a note of their own.
describe('the agenda keeps the chair’s own locks; following the chair survives one’s own note', () => {
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
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('a lock the chair set by hand survives moving to a step whose locks do not touch that section', async () => {
    const applyLocks = chair.page.getByTestId('agenda-apply-locks')
    expect(await applyLocks.isChecked()).toBe(true)
    await chair.page.getByTestId('outline-lock-next-steps').click()
    await expect.poll(() => lockedIn(professional.page, 'next-steps')).toBe('true')

    // Step 4 locks what was mapped (Past harm and the others), not Next steps.
    await chair.page.getByTestId('agenda-picker').selectOption('analysis')
    await expect.poll(() => lockedIn(professional.page, 'past-harm')).toBe('true')
    for (const page of [chair.page, professional.page]) {
      expect(await lockedIn(page, 'next-steps')).toBe('true')
      expect(await lockedIn(page, 'future-danger')).toBe('false')
    }
    // And back to mapping, whose defaults lock nothing: the step's own locks go, the chair's stays.
    await chair.page.getByTestId('agenda-picker').selectOption('mapping')
    await expect.poll(() => lockedIn(professional.page, 'past-harm')).toBe('false')
    expect(await lockedIn(professional.page, 'next-steps')).toBe('true')
    expect(await lockedIn(chair.page, 'next-steps')).toBe('true')
    await chair.page.screenshot({ path: artifactPath('agenda-locks/hand-lock-kept.png') })
  })

  it('a parent following the chair adds a note on the board and is still following', async () => {
    const toggle = parent.page.getByTestId('follow-toggle')
    expect(await toggle.innerText()).toBe('Following the chair')

    // Safety goals is in the last column, away from where the chair is looking.
    await parent.page.getByTestId('add-note-button').click()
    await parent.page.getByTestId('add-note-dialog').locator('[data-zone="safety-goals"]').click()
    await parent.page.getByTestId('note-editor-text').fill('We read together every night.')
    await chooseProvenance(parent.page.getByTestId('note-editor'), { kind: 'Fact', source: 'Mum and Dad' })
    await parent.page.getByTestId('note-editor-done').click()
    await outlineNote(chair.page, 'safety-goals', 'We read together every night.').waitFor()
    expect(await toggle.innerText()).toBe('Following the chair')
    const section = parent.page.getByTestId('section-current')
    expect(await section.innerText()).toContain('Safety goals')
    const whileEditing = await cameraOf(parent.page)

    // Still following: the chair zooms in, and the parent's phone goes to the section the chair now shows.
    await chair.page.getByRole('button', { name: 'Zoom in' }).click()
    await chair.page.getByRole('button', { name: 'Zoom in' }).click()
    await expect.poll(() => section.innerText()).not.toContain('Safety goals')
    expect((await cameraOf(parent.page)).x).not.toBe(whileEditing.x)
    expect(await toggle.innerText()).toBe('Following the chair')
    await parent.page.screenshot({ path: artifactPath('agenda-locks/parent-still-following.png') })
  })
})
