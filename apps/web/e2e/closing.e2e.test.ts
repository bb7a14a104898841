// "Export and close" (decision 0042) in two browsers against a real server: the chair downloads the record and
// closes the map, a professional's board turns read-only under the closed banner, and when the chair reopens it
// the professional can add to the map again.
import { readFileSync } from 'node:fs'
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
  closeMeeting,
  joinByLink,
  launchBrowser,
  openMeeting,
  openRecordedPage,
  outlineNote,
} from './helpers.ts'
import type { RecordedPage } from './helpers.ts'

const BEFORE = 'Gran collects the children from school on Fridays.'
const AFTER = 'The school nurse will visit on Monday.'

/** Every control on the board that changes the map, by how many of each the page offers. */
async function editingControls(page: Page): Promise<Record<string, number>> {
  const count = (selector: string): Promise<number> => page.locator(selector).count()
  return {
    addNote: await count('[data-testid="add-note-button"]'),
    outlineAdd: await count('[data-testid^="outline-add-"]'),
    outlineEdit: await count('[data-testid="outline-note-edit"]'),
  }
}

describe('export and close, then reopen', () => {
  let server: TestServer
  let browser: Browser
  let chair: RecordedPage
  let pro: RecordedPage

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    const map = await server.createMap('Closing — the Riverside family')
    chair = await openRecordedPage(browser, { viewport: DESKTOP })
    pro = await openRecordedPage(browser, { viewport: DESKTOP })
    await joinByLink(chair.page, map.links.chair, CHAIR)
    await joinByLink(pro.page, map.links.professional, PROFESSIONAL)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('before closing, the professional adds to the map', async () => {
    await addNoteInOutline(pro.page, 'existing-safety', BEFORE)
    await outlineNote(chair.page, 'existing-safety', BEFORE).waitFor()
    const controls = await editingControls(pro.page)
    expect(controls.addNote).toBe(1)
    expect(controls.outlineAdd).toBeGreaterThan(0)
    expect(controls.outlineEdit).toBeGreaterThan(0)
  })

  it('the chair exports and closes: the record downloads and every board turns read-only', async () => {
    const page = chair.page
    await openMeeting(page, 'record')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('record-export-and-close').click(),
    ])
    const path = artifactPath(`closing/${download.suggestedFilename()}`)
    await download.saveAs(path)
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-')

    const banner = pro.page.getByTestId('map-closed-notice')
    await banner.waitFor()
    const words = await banner.innerText()
    expect(words).toContain('This map is closed.')
    expect(words).toContain(`${CHAIR.name} closed it`)
    expect(words).toContain('unless the chair reopens it')
    await expect.poll(() => editingControls(pro.page)).toEqual({ addNote: 0, outlineAdd: 0, outlineEdit: 0 })
    // What was there stays there, to read.
    await outlineNote(pro.page, 'existing-safety', BEFORE).waitFor()
    await pro.page.screenshot({ path: artifactPath('closing/professional-closed.png') })

    // The chair is bound by it too, and is told how to undo it.
    expect(await page.getByTestId('map-closed-notice').innerText()).toContain(
      'you can reopen it from the record',
    )
    await page.getByTestId('record-reopen').waitFor()
    await closeMeeting(page)
    expect(await editingControls(page)).toEqual({ addNote: 0, outlineAdd: 0, outlineEdit: 0 })
  })

  it('the chair reopens it: the banner goes and the professional adds a note the chair sees', async () => {
    await openMeeting(chair.page, 'record')
    await chair.page.getByTestId('record-reopen').click()
    await chair.page.getByTestId('record-export-and-close').waitFor()
    await pro.page.getByTestId('map-closed-notice').waitFor({ state: 'detached' })
    await expect.poll(async () => (await editingControls(pro.page)).addNote).toBe(1)
    await addNoteInOutline(pro.page, 'next-steps', AFTER)
    // The open meeting panel takes the outline's place on the chair's screen.
    await closeMeeting(chair.page)
    await outlineNote(chair.page, 'next-steps', AFTER).waitFor()
    expect(await chair.page.getByTestId('map-closed-notice').count()).toBe(0)
  })
})
