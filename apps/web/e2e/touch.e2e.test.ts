import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser } from 'playwright-core'
import {
  PROFESSIONAL,
  addNoteInOutline,
  cameraOf,
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

  it('opens on the first column, filling the width with the notes readable, and the next column peeking in', async () => {
    const { scale, x } = await cameraOf(phone.page)
    const box = await phone.page.getByTestId('board-canvas').boundingBox()
    const width = box?.width ?? 0
    // map-model's default layout: columns 396 board units wide, 24 apart, the first at x = 24; each column's
    // tint reaches 8 units beyond its box.
    expect(scale).toBeGreaterThanOrEqual(0.5)
    expect((24 - 8) * scale + x).toBeCloseTo(8, 0)
    expect((24 + 396 + 8) * scale + x).toBeLessThanOrEqual(width)
    const nextColumn = (24 + 396 + 24 - 8) * scale + x
    expect(nextColumn).toBeGreaterThan(width - 40)
    expect(nextColumn).toBeLessThan(width)
    // Readable, so no hint to zoom in.
    expect(await phone.page.getByTestId('zoom-to-read').count()).toBe(0)
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
    // Empty board below the map: drag it.
    const start = await cameraOf(phone.page)
    const low = { x: box.x + box.width / 2, y: box.y + box.height - 120 }
    await fingers.drag(low, { x: low.x - 80, y: low.y - 60 })
    await expect.poll(async () => (await cameraOf(phone.page)).x).toBeLessThan(start.x - 40)

    const before = await cameraOf(phone.page)
    await fingers.pinch({ x: box.x + box.width / 2, y: box.y + box.height / 2 }, 80, 2.5)
    await expect.poll(async () => (await cameraOf(phone.page)).scale).toBeGreaterThan(before.scale * 1.8)
    await fingers.detach()
  })

  it('fits the whole map with one tap, and zooms back in to read with another', async () => {
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

    // Too small to read there: one tap shows the column in the middle of the screen, readable again.
    await phone.page.getByTestId('zoom-to-read').click()
    const { scale, x } = await cameraOf(phone.page)
    expect(scale).toBeGreaterThanOrEqual(0.5)
    expect((24 + 396 + 24 - 8) * scale + x).toBeCloseTo(8, 0)
    await phone.page.getByTestId('zoom-to-read').waitFor({ state: 'detached' })
  })
})
