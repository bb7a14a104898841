import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/test-kit'
import type { TestServer } from '@mapboard/test-kit'
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

  it('fits the whole map to the screen on load', async () => {
    const { scale, x } = await cameraOf(phone.page)
    const box = await phone.page.getByTestId('board-canvas').boundingBox()
    // map-model's default layout is 1284 board units wide.
    expect(scale).toBeGreaterThan(0)
    expect(x).toBeGreaterThanOrEqual(0)
    expect(x + 1284 * scale).toBeLessThanOrEqual((box?.width ?? 0) + 1)
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
})
