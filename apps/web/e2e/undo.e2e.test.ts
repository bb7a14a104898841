import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser, Page } from 'playwright-core'
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

  async function reword(page: Page, zone: string, from: string, to: string, toZone?: string): Promise<void> {
    await outlineNote(page, zone, from).getByTestId('outline-note-edit').click()
    const form = page.getByTestId('outline-note-form')
    await page.getByTestId('outline-note-input').fill(to)
    if (toZone !== undefined) await form.getByLabel('Section').selectOption(toZone)
    await page.getByTestId('outline-note-save').click()
  }
  const undo = (page: Page) => page.getByRole('button', { name: 'Undo my last change' }).click()
  const redo = (page: Page) => page.getByRole('button', { name: 'Redo my last change' }).click()
  const everyoneReads = async (zone: string, texts: string[]): Promise<void> => {
    for (const { page } of [chair, professional])
      await expect.poll(() => outlineTexts(page, zone)).toEqual(texts)
  }

  it("the chair's own undo takes back the chair's wording, and only that", async () => {
    await undo(chair.page)
    await everyoneReads('past-harm', ['Sam was hurt'])
  })

  it("takes back my wording and leaves the chair's move of the same note", async () => {
    await addNoteInOutline(professional.page, 'future-danger', 'Dad shouted')
    await everyoneReads('future-danger', ['Dad shouted'])
    await reword(professional.page, 'future-danger', 'Dad shouted', 'Dad shouted at night')
    await everyoneReads('future-danger', ['Dad shouted at night'])
    await reword(
      chair.page,
      'future-danger',
      'Dad shouted at night',
      'Dad shouted at night',
      'complicating-factors',
    )
    await everyoneReads('complicating-factors', ['Dad shouted at night'])

    await undo(professional.page)
    await everyoneReads('complicating-factors', ['Dad shouted'])
    await everyoneReads('future-danger', [])
  })

  it("holds redo to the same rule: it does not put my wording back over the chair's", async () => {
    await addNoteInOutline(professional.page, 'existing-safety', 'Gran stays over')
    await reword(professional.page, 'existing-safety', 'Gran stays over', 'Gran stays over at weekends')
    await everyoneReads('existing-safety', ['Gran stays over at weekends'])
    await undo(professional.page)
    await everyoneReads('existing-safety', ['Gran stays over'])
    await reword(chair.page, 'existing-safety', 'Gran stays over', 'Gran stays over most weekends')
    await everyoneReads('existing-safety', ['Gran stays over most weekends'])

    await redo(professional.page)
    await expect
      .poll(() => professional.page.getByTestId('toast').innerText())
      .toContain('Someone else has changed that note since')
    await chair.page.waitForTimeout(500)
    await everyoneReads('existing-safety', ['Gran stays over most weekends'])
  })
})
