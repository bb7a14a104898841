import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser, Page } from 'playwright-core'
import {
  CHAIR,
  DESKTOP,
  addButtonCentre,
  cameraOf,
  canvasTexts,
  chooseProvenance,
  joinByLink,
  launchBrowser,
  noteCentre,
  openRecordedPage,
  outlineNote,
  sectionFirstSlot,
} from './helpers.ts'

describe('editing on the canvas', () => {
  let server: TestServer
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    const map = await server.createMap('Canvas editing')
    page = (await openRecordedPage(browser, { viewport: DESKTOP })).page
    await joinByLink(page, map.links.chair, CHAIR)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('adds a note with the "+" on a section header, with its kind and source', async () => {
    const plus = await addButtonCentre(page, 'past-harm')
    await page.mouse.click(plus.x, plus.y)
    const editor = page.getByTestId('note-editor')
    await page.getByTestId('note-editor-text').fill('Two police call-outs to the home in March.')
    await editor.getByRole('radio', { name: 'Fact' }).check()
    await page.getByTestId('note-editor-source').fill('police call log')
    await page.getByTestId('note-editor-done').click()

    const note = outlineNote(page, 'past-harm', 'Two police call-outs to the home in March.')
    await note.waitFor()
    expect(await note.getAttribute('data-kind')).toBe('fact')
    expect(await note.innerText()).toContain('Source: police call log')
    await expect
      .poll(() => canvasTexts(page, 'note-text'))
      .toContain('Two police call-outs to the home in March.')
  })

  it('adds a note by double-clicking a section', async () => {
    const slot = await sectionFirstSlot(page, 'existing-safety')
    await page.mouse.dblclick(slot.x, slot.y)
    await page.getByTestId('note-editor-text').fill('Dad has moved out and visits are supervised.')
    await chooseProvenance(page.getByTestId('note-editor'), { kind: 'Fact', source: 'contact records' })
    await page.getByTestId('note-editor-text').press('Control+Enter')
    await outlineNote(page, 'existing-safety', 'Dad has moved out and visits are supervised.').waitFor()
  })

  it('edits a note in place and deletes it', async () => {
    const id =
      (await outlineNote(
        page,
        'existing-safety',
        'Dad has moved out and visits are supervised.',
      ).getAttribute('data-note-id')) ?? ''
    // A click selects; a double-click edits (issue 12: selection like other whiteboards).
    const centre = await noteCentre(page, id)
    await page.mouse.dblclick(centre.x, centre.y)
    const text = page.getByTestId('note-editor-text')
    await expect.poll(() => text.inputValue()).toBe('Dad has moved out and visits are supervised.')
    await text.fill('Dad has moved out; his visits are supervised by Gran.')
    await page.getByTestId('note-editor-done').click()
    await outlineNote(
      page,
      'existing-safety',
      'Dad has moved out; his visits are supervised by Gran.',
    ).waitFor()

    const again = await noteCentre(page, id)
    await page.mouse.dblclick(again.x, again.y)
    await page.getByTestId('note-editor').getByRole('button', { name: 'Delete' }).click()
    await expect.poll(() => page.locator(`[data-note-id="${id}"]`).count()).toBe(0)
  })

  it('zooms with the buttons and ctrl+wheel, pans with the wheel, and fits the map back to the screen', async () => {
    // Opening notes zoomed in to them; start from the fitted view.
    await page.getByRole('button', { name: 'Fit map to screen' }).click()
    const fitted = await cameraOf(page)
    await page.getByRole('button', { name: 'Zoom in', exact: true }).click()
    await expect.poll(async () => (await cameraOf(page)).scale).toBeGreaterThan(fitted.scale * 1.2)

    const canvas = await page.getByTestId('board-canvas').boundingBox()
    if (canvas === null) throw new Error('no canvas')
    await page.mouse.move(canvas.x + 300, canvas.y + 300)
    const beforeWheel = await cameraOf(page)
    await page.keyboard.down('Control')
    await page.mouse.wheel(0, -300)
    await page.keyboard.up('Control')
    await expect.poll(async () => (await cameraOf(page)).scale).toBeGreaterThan(beforeWheel.scale)

    const beforePan = await cameraOf(page)
    await page.mouse.wheel(0, 200)
    await expect.poll(async () => (await cameraOf(page)).y).toBeLessThan(beforePan.y - 100)

    await page.getByRole('button', { name: 'Fit map to screen' }).click()
    await expect.poll(async () => (await cameraOf(page)).scale).toBeCloseTo(fitted.scale, 5)
  })
})
