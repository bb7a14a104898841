// Professionals-only notes on the board (decision 0032): a professional adds one with the toggle; the chair and
// the professional see it marked in its section, on the canvas and in the outline; a parent on a phone never sees
// it, and the parent's page never even asks for the professionals' document. "Show the family's view" hides it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '@mapboard/server/testing'
import type { Page } from 'playwright-core'
import type { CreateMapResponse } from '@mapboard/protocol'
import {
  addNoteInOutline,
  artifactPath,
  canvasTexts,
  chooseProvenance,
  outlineNote,
  outlineTexts,
  openThreeSeats,
} from './helpers.ts'
import type { RecordedPage, ThreeSeats } from './helpers.ts'

const ZONE = 'past-harm'
const SHARED_TEXT = 'Missed school on 12 days this term'
const RESTRICTED_TEXT = 'Police hold information not yet disclosable — restricted marker 7f3a'
const CANVAS_RESTRICTED_TEXT = 'Neighbour’s report, name withheld — restricted marker 91c2'

const sockets = (recorded: RecordedPage): string[] =>
  recorded.requests.filter((url) => url.startsWith('ws://') || url.startsWith('wss://'))

/** The IndexedDB databases the page's origin holds on this device. */
async function databases(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? ''))
}

/** Every text the page shows in the outline, all sections together. */
async function allOutlineTexts(page: Page): Promise<string[]> {
  return page.getByTestId('outline-note-text').allInnerTexts()
}

describe('professionals-only notes on the board', () => {
  let seats: ThreeSeats
  let server: TestServer
  let map: CreateMapResponse
  let chair: RecordedPage
  let professional: RecordedPage
  let parent: RecordedPage

  beforeAll(async () => {
    seats = await openThreeSeats('Initial conference — the Smith family')
    ;({ server, map, chair, professional, parent } = seats)
  })

  afterAll(async () => {
    await seats?.close()
  })

  it('opens the professionals’ document for the chair and the professional only', async () => {
    for (const recorded of [chair, professional]) {
      await expect
        .poll(() => sockets(recorded).filter((url) => new URL(url).pathname.endsWith('/professionals')))
        .toHaveLength(1)
    }
    // The parent's board is open and synced; it never asked for the other document.
    expect(sockets(parent).length).toBeGreaterThan(0)
    expect(sockets(parent).filter((url) => new URL(url).pathname.endsWith('/professionals'))).toEqual([])
    expect(await parent.page.getByTestId('family-view-toggle').count()).toBe(0)
  })

  it('offers the toggle, off by default, to the professional, and never to the parent', async () => {
    await professional.page.getByTestId(`outline-add-${ZONE}`).click()
    const toggle = professional.page.getByTestId('professionals-only-toggle')
    expect(await toggle.isChecked()).toBe(false)
    await professional.page.getByRole('button', { name: 'Cancel' }).click()

    await parent.page.getByTestId('outline-tab').click()
    await parent.page.getByTestId(`outline-add-${ZONE}`).click()
    await parent.page.getByTestId('outline-note-form').waitFor()
    expect(await parent.page.getByTestId('professionals-only-toggle').count()).toBe(0)
    await parent.page.getByRole('button', { name: 'Cancel' }).click()
  })

  it('a restricted note reaches the chair and the professional, marked, and not the parent', async () => {
    await addNoteInOutline(chair.page, ZONE, SHARED_TEXT)
    const page = professional.page
    await page.getByTestId(`outline-add-${ZONE}`).click()
    await page.getByTestId('outline-note-input').fill(RESTRICTED_TEXT)
    await page.getByTestId('professionals-only-toggle').check()
    await chooseProvenance(page.getByTestId('outline-note-form'))
    await page.getByTestId('outline-note-save').click()
    await page.getByTestId('outline-note-form').waitFor({ state: 'detached' })

    for (const { page: seen } of [chair, professional]) {
      const row = outlineNote(seen, ZONE, RESTRICTED_TEXT)
      await row.waitFor()
      expect(await row.getAttribute('data-audience')).toBe('professionals')
      expect(await row.getAttribute('data-note-id')).toMatch(/^p-/)
      expect(await row.getByTestId('outline-note-restricted').innerText()).toBe('Professionals only')
      // The shared note beside it carries no such mark.
      expect(await outlineNote(seen, ZONE, SHARED_TEXT).getByTestId('outline-note-restricted').count()).toBe(
        0,
      )
      await expect.poll(() => canvasTexts(seen, 'note-text')).toContain(RESTRICTED_TEXT)
      expect(await canvasTexts(seen, 'note-restricted')).toEqual(['Professionals only'])
    }

    // The parent has the shared note and nothing else: no text, no count, no mark.
    await expect.poll(() => outlineTexts(parent.page, ZONE)).toEqual([SHARED_TEXT])
    expect(await allOutlineTexts(parent.page)).toEqual([SHARED_TEXT])
    expect(
      await parent.page.getByTestId(`outline-section-${ZONE}`).locator('.outline-count').innerText(),
    ).toBe('1')
    expect(await parent.page.getByTestId('outline-note-restricted').count()).toBe(0)
    expect(await parent.page.content()).not.toContain('restricted marker')
    expect(await canvasTexts(parent.page, 'note-restricted')).toEqual([])
  })

  it('the chair adds one on the canvas with the editor’s toggle', async () => {
    const page = chair.page
    await page.getByTestId('add-note-button').click()
    await page.getByTestId('add-note-dialog').locator(`[data-zone="${ZONE}"]`).click()
    await page.getByTestId('note-editor-text').fill(CANVAS_RESTRICTED_TEXT)
    const toggle = page.getByTestId('note-editor').getByTestId('professionals-only-toggle')
    expect(await toggle.isChecked()).toBe(false)
    await toggle.check()
    await chooseProvenance(page.getByTestId('note-editor'))
    await page.getByTestId('note-editor-done').click()
    await page.getByTestId('note-editor').waitFor({ state: 'detached' })

    for (const { page: seen } of [chair, professional]) {
      await expect
        .poll(() => outlineNote(seen, ZONE, CANVAS_RESTRICTED_TEXT).getAttribute('data-audience'))
        .toBe('professionals')
    }
    // The parent's outline still holds the shared note only.
    await expect.poll(() => allOutlineTexts(parent.page)).toEqual([SHARED_TEXT])
  })

  it('the professional edits a restricted note: the edit goes to that document and the parent still sees nothing', async () => {
    const page = professional.page
    await outlineNote(page, ZONE, RESTRICTED_TEXT).getByTestId('outline-note-edit').click()
    await page.getByTestId('outline-note-input').fill(`${RESTRICTED_TEXT} (confirmed)`)
    await page.getByTestId('outline-note-save').click()
    await outlineNote(chair.page, ZONE, `${RESTRICTED_TEXT} (confirmed)`).waitFor()
    expect(await allOutlineTexts(parent.page)).toEqual([SHARED_TEXT])
  })

  it('"Show the family’s view" hides the restricted notes for the chair, on the canvas and in the outline', async () => {
    await chair.page.screenshot({ path: artifactPath('professionals-only/chair-desktop.png') })
    await parent.page.screenshot({ path: artifactPath('professionals-only/parent-phone-outline.png') })
    await parent.page.getByRole('tab', { name: 'Board' }).click()
    await parent.page.screenshot({ path: artifactPath('professionals-only/parent-phone-board.png') })

    const page = chair.page
    await page.getByTestId('family-view-toggle').locator('input').check()
    await expect.poll(() => allOutlineTexts(page)).toEqual([SHARED_TEXT])
    expect(await canvasTexts(page, 'note-restricted')).toEqual([])
    expect(await canvasTexts(page, 'note-text')).not.toContain(CANVAS_RESTRICTED_TEXT)
    expect(await page.getByTestId(`outline-section-${ZONE}`).locator('.outline-count').innerText()).toBe('1')
    await page.screenshot({ path: artifactPath('professionals-only/chair-desktop-family-view.png') })

    await page.getByTestId('family-view-toggle').locator('input').uncheck()
    await expect.poll(() => allOutlineTexts(page)).toContain(CANVAS_RESTRICTED_TEXT)
  })

  it('a locked section is locked for its restricted notes too', async () => {
    await chair.page.getByTestId(`outline-lock-${ZONE}`).click()
    const row = outlineNote(professional.page, ZONE, `${RESTRICTED_TEXT} (confirmed)`)
    await expect.poll(() => row.getByTestId('outline-note-edit').count()).toBe(0)
    await chair.page.getByTestId(`outline-lock-${ZONE}`).click()
    await expect.poll(() => row.getByTestId('outline-note-edit').count()).toBe(1)

    // An agenda step's default locks too: "Danger statements and safety goals" locks the mapped sections.
    await chair.page.getByTestId('agenda-picker').selectOption('analysis')
    await expect.poll(() => row.getByTestId('outline-note-edit').count()).toBe(0)
    await chair.page.getByTestId('agenda-picker').selectOption('mapping')
    await expect.poll(() => row.getByTestId('outline-note-edit').count()).toBe(1)
  })

  it('nothing of the restricted notes reached the parent’s page', async () => {
    expect(sockets(parent).filter((url) => new URL(url).pathname.endsWith('/professionals'))).toEqual([])
    expect(await parent.page.content()).not.toContain('restricted marker')
    expect(parent.errors).toEqual([])
    expect(await databases(parent.page)).not.toContain(`mapboard:${map.id}/professionals`)
  })

  it('keeps the professionals’ document on the professional’s device, and removing the map removes it too', async () => {
    const page = professional.page
    await expect.poll(() => databases(page)).toContain(`mapboard:${map.id}/professionals`)
    await page.getByTestId('remove-from-device-button').click()
    const dialog = page.getByTestId('remove-from-device-dialog')
    await dialog.getByRole('button', { name: 'Remove this map from this device' }).click()
    await page.waitForURL(`${server.url}/`)
    const left = await databases(page)
    expect(left).not.toContain(`mapboard:${map.id}`)
    expect(left).not.toContain(`mapboard:${map.id}/professionals`)
  })
})
