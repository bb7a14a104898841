import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser } from 'playwright-core'
import {
  CHAIR,
  DESKTOP,
  FAMILY,
  artifactPath,
  createMapFromLanding,
  joinByLink,
  launchBrowser,
  openRecordedPage,
  phoneContextOptions,
} from './helpers.ts'
import type { RecordedPage } from './helpers.ts'

// A parent on a phone, looking at the board, must not miss the scaling round: when the chair opens one, a prompt
// appears on their screen, takes them to the numbers (each at least 44×44 px) with the reason asked beside them,
// and goes away once they have answered.
describe('the scaling round reaches a parent on a phone', () => {
  let server: TestServer
  let browser: Browser
  let chair: RecordedPage
  let parent: RecordedPage

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    chair = await openRecordedPage(browser, { viewport: DESKTOP })
    parent = await openRecordedPage(browser, phoneContextOptions())
    const links = await createMapFromLanding(chair.page, server.url, 'Review conference', CHAIR)
    await joinByLink(parent.page, links.family, FAMILY)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('prompts the parent when the chair opens a round, and stops once they have answered', async () => {
    const prompt = parent.page.getByTestId('scaling-prompt')
    expect(await prompt.count()).toBe(0)

    await chair.page.getByTestId('meeting-button').click()
    await chair.page.getByTestId('meeting-tab-scaling').click()
    await chair.page.getByTestId('scaling-open').click()
    // The chair does not scale in this round, so is not prompted.
    await prompt.waitFor()
    expect(await chair.page.getByTestId('scaling-prompt').count()).toBe(0)
    await parent.page.screenshot({ path: artifactPath('scaling/prompt-phone-390x844.png') })

    const give = parent.page.getByTestId('scaling-prompt-give')
    const giveBox = await give.boundingBox()
    expect(giveBox?.width).toBeGreaterThanOrEqual(44)
    expect(giveBox?.height).toBeGreaterThanOrEqual(44)
    await give.click()

    const form = parent.page.getByTestId('scale-form')
    await form.waitFor()
    // The reason is asked with the numbers, before anything is sent.
    expect(await form.getByTestId('scale-reason').isVisible()).toBe(true)
    for (let score = 0; score <= 10; score++) {
      const box = await form.getByTestId(`scale-point-${score}`).locator('..').boundingBox()
      expect(box?.width, `number ${score} is too narrow`).toBeGreaterThanOrEqual(44)
      expect(box?.height, `number ${score} is too short`).toBeGreaterThanOrEqual(44)
    }
    await parent.page.screenshot({ path: artifactPath('scaling/numbers-phone-390x844.png') })

    await form.getByTestId('scale-point-7').check()
    await form.getByTestId('scale-reason').fill('We have stopped arguing in front of the children.')
    await form.getByTestId('scale-submit').click()
    await parent.page.getByTestId('my-scale').waitFor()
    await parent.page.getByRole('button', { name: 'Close the meeting panel' }).click()
    await parent.page.getByTestId('meeting-panel').waitFor({ state: 'detached' })
    // Answered: the prompt does not come back.
    await parent.page.waitForTimeout(500)
    expect(await prompt.count()).toBe(0)
  })
})
