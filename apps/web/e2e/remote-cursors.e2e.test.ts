import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser, Page } from 'playwright-core'
import {
  CHAIR,
  DESKTOP,
  FAMILY,
  PROFESSIONAL,
  VIEWER,
  artifactPath,
  cameraOf,
  createMapFromLanding,
  joinByLink,
  launchBrowser,
  openRecordedPage,
  phoneContextOptions,
  sectionFirstSlot,
} from './helpers.ts'
import type { Point, RecordedPage } from './helpers.ts'

/** The board point under a page point, from the page's own camera. */
async function boardPointAt(page: Page, at: Point): Promise<Point> {
  const canvas = await page.getByTestId('board-canvas').boundingBox()
  if (canvas === null) throw new Error('no board canvas')
  const camera = await cameraOf(page)
  return { x: (at.x - canvas.x - camera.x) / camera.scale, y: (at.y - canvas.y - camera.y) / camera.scale }
}

/** Where a board point is drawn on this page. */
async function pagePointOf(page: Page, point: Point): Promise<Point> {
  const canvas = await page.getByTestId('board-canvas').boundingBox()
  if (canvas === null) throw new Error('no board canvas')
  const camera = await cameraOf(page)
  return { x: canvas.x + camera.x + point.x * camera.scale, y: canvas.y + camera.y + point.y * camera.scale }
}

const cursorNames = (page: Page): Promise<string[]> =>
  page.getByTestId('remote-cursor').locator('.remote-cursor-name').allInnerTexts()

describe('remote cursors', () => {
  let server: TestServer
  let browser: Browser
  let chair: RecordedPage
  let professional: RecordedPage
  let viewer: RecordedPage
  let family: RecordedPage

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    chair = await openRecordedPage(browser, { viewport: DESKTOP })
    professional = await openRecordedPage(browser, { viewport: DESKTOP })
    viewer = await openRecordedPage(browser, { viewport: DESKTOP })
    family = await openRecordedPage(browser, phoneContextOptions())
    const links = await createMapFromLanding(chair.page, server.url, 'Review conference', CHAIR)
    await joinByLink(professional.page, links.professional, PROFESSIONAL)
    await joinByLink(viewer.page, links.viewer, VIEWER)
    await joinByLink(family.page, links.family, FAMILY)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it("shows a professional's pointer to the chair, named and in the professional's colour, where it points", async () => {
    const aim = await sectionFirstSlot(professional.page, 'existing-strengths')
    await professional.page.mouse.move(aim.x - 40, aim.y - 20)
    await professional.page.mouse.move(aim.x, aim.y, { steps: 5 })
    const pointed = await boardPointAt(professional.page, aim)

    const cursor = chair.page.getByTestId('remote-cursor')
    await expect.poll(() => cursorNames(chair.page)).toEqual([PROFESSIONAL.name])
    expect(await cursor.getAttribute('data-role')).toBe('professional')
    expect(
      await cursor
        .locator('.remote-cursor-name')
        .evaluate((label) => getComputedStyle(label).backgroundColor),
    ).toBe('rgb(42, 99, 176)')
    const expected = await pagePointOf(chair.page, pointed)
    // The tip of the arrow is the point (it glides there over 100 ms).
    await expect
      .poll(async () => {
        const box = await cursor.boundingBox()
        return box === null ? Infinity : Math.hypot(box.x - expected.x, box.y - expected.y)
      })
      .toBeLessThan(3)
    await chair.page.screenshot({ path: artifactPath('remote-cursors/chair-sees-professional.png') })

    // Off the board, the pointer goes from the chair's screen too.
    await professional.page.getByTestId('connection-indicator').hover()
    await expect.poll(() => cursorNames(chair.page)).toEqual([])
  })

  it('shows the chair to the professional, never an observer, and nothing on a phone', async () => {
    const viewerAim = await sectionFirstSlot(viewer.page, 'past-harm')
    await viewer.page.mouse.move(viewerAim.x, viewerAim.y, { steps: 5 })
    const chairAim = await sectionFirstSlot(chair.page, 'past-harm')
    await chair.page.mouse.move(chairAim.x, chairAim.y, { steps: 5 })

    await expect.poll(() => cursorNames(professional.page)).toEqual([CHAIR.name])
    expect(await professional.page.getByTestId('remote-cursor').getAttribute('data-role')).toBe('chair')
    // Give the observer's pointer time to arrive if it were sent at all.
    await professional.page.waitForTimeout(400)
    expect(await cursorNames(professional.page)).toEqual([CHAIR.name])
    expect(await viewer.page.getByTestId('remote-cursor').count()).toBe(0)
    expect(await family.page.getByTestId('remote-cursor').count()).toBe(0)
    await family.page.screenshot({ path: artifactPath('remote-cursors/phone-shows-none.png') })
  })
})
