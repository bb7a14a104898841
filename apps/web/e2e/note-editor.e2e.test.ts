import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser, Page } from 'playwright-core'
import {
  CHAIR,
  DESKTOP,
  PROFESSIONAL,
  addNoteInOutline,
  createMapFromLanding,
  joinByLink,
  launchBrowser,
  noteCentre,
  openRecordedPage,
  outlineNote,
} from './helpers.ts'
import type { RecordedPage } from './helpers.ts'

// Text typed into an existing note is sent as it is typed, 350 ms after the last key. These tests close the
// editor straight after typing, well inside that time, and check that the other browser still gets every word.
describe('the note editor keeps what was typed just before it closed', () => {
  let server: TestServer
  let browser: Browser
  let chair: RecordedPage
  let professional: RecordedPage

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    chair = await openRecordedPage(browser, { viewport: DESKTOP })
    professional = await openRecordedPage(browser, { viewport: DESKTOP })
    // From the landing page, so the board has a page to go back to.
    const links = await createMapFromLanding(chair.page, server.url, 'Review conference', CHAIR)
    await joinByLink(professional.page, links.professional, PROFESSIONAL)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  /** Adds a note by outline, opens it on the canvas (double-click) and types `more` at the end of its text. */
  async function typeIntoNote(page: Page, zone: string, text: string, more: string): Promise<void> {
    await addNoteInOutline(page, zone, text)
    const id = (await outlineNote(page, zone, text).getAttribute('data-note-id')) ?? ''
    // A click selects it; a double-click opens the editor.
    const centre = await noteCentre(page, id)
    await page.mouse.dblclick(centre.x, centre.y)
    const editor = page.getByTestId('note-editor-text')
    await expect.poll(() => editor.inputValue()).toBe(text)
    await editor.press('Control+End')
    await page.keyboard.type(more)
  }

  it('when the user taps elsewhere on the board', async () => {
    const text = 'Two police call-outs to the home in March.'
    await typeIntoNote(chair.page, 'past-harm', text, ' Both were after contact visits.')
    const canvas = await chair.page.getByTestId('board-canvas').boundingBox()
    if (canvas === null) throw new Error('no canvas')
    // The board's empty margin, top left.
    await chair.page.mouse.click(canvas.x + 6, canvas.y + 6)
    await chair.page.getByTestId('note-editor').waitFor({ state: 'detached' })
    await outlineNote(
      professional.page,
      'past-harm',
      'Two police call-outs to the home in March. Both were after contact visits.',
    ).waitFor()
  })

  it('when the board goes away with the editor still open (the back button), which commits nothing', async () => {
    const text = 'Gran collects the children from school.'
    await typeIntoNote(chair.page, 'existing-strengths', text, ' Every day, and always on time.')
    await chair.page.goBack()
    await chair.page.getByTestId('create-map-button').waitFor()
    await outlineNote(
      professional.page,
      'existing-strengths',
      'Gran collects the children from school. Every day, and always on time.',
    ).waitFor()
  })
})
