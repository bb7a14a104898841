import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser } from 'playwright-core'
import {
  PROFESSIONAL,
  addNoteInOutline,
  cameraOf,
  canvasNodeCentre,
  canvasTexts,
  joinByLink,
  launchBrowser,
  noteCentre,
  openRecordedPage,
  outlineNote,
  phoneContextOptions,
  sectionFirstSlot,
  touch,
} from './helpers.ts'
import type { RecordedPage } from './helpers.ts'

describe('the board on a phone', () => {
  let server: TestServer
  let browser: Browser
  let phone: RecordedPage

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    const map = await server.createMap('Initial conference')
    phone = await openRecordedPage(browser, phoneContextOptions())
    await joinByLink(phone.page, map.links.professional, PROFESSIONAL)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('opens on the first section at a readable zoom, its notes across the screen, with the next one a tap away', async () => {
    const { scale, x } = await cameraOf(phone.page)
    const box = await phone.page.getByTestId('board-canvas').boundingBox()
    const width = box?.width ?? 0
    // map-model's default layout: sections 396 board units wide, the first at x = 24, its notes from 12 units
    // inside either edge. The smallest note text is 12 board units: at 100% or more it is 12 CSS px or more.
    expect(scale).toBeGreaterThanOrEqual(1)
    expect((24 + 12) * scale + x).toBeGreaterThanOrEqual(0)
    expect((24 + 396 - 12) * scale + x).toBeLessThanOrEqual(width)
    expect(await phone.page.getByTestId('section-current').innerText()).toContain('1 of 7')
    await phone.page.getByRole('button', { name: 'Next section: Future danger' }).waitFor()
  })

  it('moves a note to another section with a finger', async () => {
    const text = 'School says the children often arrive hungry.'
    await phone.page.getByTestId('outline-tab').click()
    await addNoteInOutline(phone.page, 'past-harm', text)
    const noteId = (await outlineNote(phone.page, 'past-harm', text).getAttribute('data-note-id')) ?? ''
    await phone.page.getByRole('tab', { name: 'Board' }).click()
    await expect
      .poll(() =>
        noteCentre(phone.page, noteId).then(
          () => true,
          () => false,
        ),
      )
      .toBe(true)

    const fingers = await touch(phone.page)
    await fingers.drag(
      await noteCentre(phone.page, noteId),
      await sectionFirstSlot(phone.page, 'complicating-factors'),
    )
    await fingers.detach()
    // The outline is on its other tab on a phone, so the note is there but hidden.
    await outlineNote(phone.page, 'complicating-factors', text).waitFor({ state: 'attached' })
    expect(await outlineNote(phone.page, 'past-harm', text).count()).toBe(0)
  })

  it('pans with one finger and zooms with a pinch', async () => {
    const fingers = await touch(phone.page)
    const box = await phone.page.getByTestId('board-canvas').boundingBox()
    if (box === null) throw new Error('no canvas')
    // The section's own margin, left of its notes (the bottom of the screen has the section buttons): drag it.
    const start = await cameraOf(phone.page)
    const edge = { x: box.x + 4, y: box.y + box.height / 2 }
    await fingers.drag(edge, { x: edge.x + 80, y: edge.y - 60 })
    await expect.poll(async () => (await cameraOf(phone.page)).x).toBeGreaterThan(start.x + 40)

    const before = await cameraOf(phone.page)
    await fingers.pinch({ x: box.x + box.width / 2, y: box.y + box.height / 2 }, 80, 2.5)
    await expect.poll(async () => (await cameraOf(phone.page)).scale).toBeGreaterThan(before.scale * 1.8)
    await fingers.detach()
  })

  it('fits the whole map with one tap, showing summaries, and reads a section with another', async () => {
    await phone.page.getByRole('button', { name: 'Fit map to screen' }).click()
    const box = await phone.page.getByTestId('board-canvas').boundingBox()
    // map-model's default layout is 1284 board units wide.
    await expect
      .poll(async () => {
        const { scale, x } = await cameraOf(phone.page)
        return x >= 0 && x + 1284 * scale <= (box?.width ?? 0) + 1
      })
      .toBe(true)
    expect((await cameraOf(phone.page)).scale).toBeLessThan(0.5)
    // Too small to read the notes there: each section says how many it holds, and the notes are not drawn.
    await expect
      .poll(() => canvasTexts(phone.page, 'section-summary-count'))
      .toEqual([
        'No notes yet',
        'No notes yet',
        '1 note',
        'No notes yet',
        'No notes yet',
        'No notes yet',
        'No notes yet',
      ])
    expect(await canvasTexts(phone.page, 'note-text')).toEqual([])

    // One tap on a section reads it: its notes across the screen at a readable zoom.
    const section = await canvasNodeCentre(phone.page, '#section-complicating-factors')
    if (section === null) throw new Error('no section drawn')
    await phone.page.touchscreen.tap(section.x, section.y)
    await expect.poll(async () => (await cameraOf(phone.page)).scale).toBeGreaterThanOrEqual(1)
    const { scale, x } = await cameraOf(phone.page)
    expect((24 + 12) * scale + x).toBeGreaterThanOrEqual(0)
    expect((24 + 396 - 12) * scale + x).toBeLessThanOrEqual(box?.width ?? 0)
    expect(await phone.page.getByTestId('section-current').innerText()).toContain('3 of 7')
    await expect
      .poll(() => canvasTexts(phone.page, 'note-text'))
      .toEqual(['School says the children often arrive hungry.'])
  })
})
