import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser } from 'playwright-core'
import {
  CHAIR,
  DESKTOP,
  PROFESSIONAL,
  addNoteInOutline,
  artifactPath,
  createMapFromLanding,
  joinByLink,
  launchBrowser,
  openRecordedPage,
  outlineNote,
  outlineTexts,
} from './helpers.ts'
import type { RecordedPage } from './helpers.ts'

// The case that lost work: a professional adds a note, the chair rewords it, the professional presses Undo. Undo
// takes back only one's own change, so the note and the chair's wording stay for everyone, and the professional is
// told why.
describe("undo never takes back someone else's change", () => {
  let server: TestServer
  let browser: Browser
  let chair: RecordedPage
  let professional: RecordedPage

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    chair = await openRecordedPage(browser, { viewport: DESKTOP })
    professional = await openRecordedPage(browser, { viewport: DESKTOP })
    const links = await createMapFromLanding(chair.page, server.url, 'Review conference', CHAIR)
    await joinByLink(professional.page, links.professional, PROFESSIONAL)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it("keeps the note and the chair's wording when the professional undoes adding it", async () => {
    await addNoteInOutline(professional.page, 'past-harm', 'Sam was hurt')
    await expect.poll(() => outlineTexts(chair.page, 'past-harm')).toEqual(['Sam was hurt'])

    await outlineNote(chair.page, 'past-harm', 'Sam was hurt').getByTestId('outline-note-edit').click()
    await chair.page.getByTestId('outline-note-input').fill('Sam was hurt on 3 May')
    await chair.page.getByTestId('outline-note-save').click()
    await expect.poll(() => outlineTexts(professional.page, 'past-harm')).toEqual(['Sam was hurt on 3 May'])

    await professional.page.getByRole('button', { name: 'Undo my last change' }).click()
    await expect
      .poll(() => professional.page.getByTestId('toast').innerText())
      .toContain('Someone else has changed that note since')
    await professional.page.screenshot({ path: artifactPath('undo/refused-undo.png') })
    // Give a wrongly sent delete time to arrive before checking that nothing changed.
    await chair.page.waitForTimeout(500)
    expect(await outlineTexts(chair.page, 'past-harm')).toEqual(['Sam was hurt on 3 May'])
    expect(await outlineTexts(professional.page, 'past-harm')).toEqual(['Sam was hurt on 3 May'])
    await expect
      .poll(() => professional.page.getByRole('button', { name: 'Undo my last change' }).isDisabled())
      .toBe(true)
  })
})
