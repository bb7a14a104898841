import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser } from 'playwright-core'
import { DESKTOP, artifactPath, foreignRequests, launchBrowser, openRecordedPage } from './helpers.ts'

describe('an address with no map behind it', () => {
  let server: TestServer
  let browser: Browser

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  for (const path of ['/m/does-not-exist', '/mistyped', '/m/does-not-exist/extra', '/maps/abc']) {
    it(`${path}: a calm page in the app's own fonts and styles, not raw JSON`, async () => {
      const { page, context, requests, errors } = await openRecordedPage(browser, { viewport: DESKTOP })
      const response = await page.goto(`${server.url}${path}`)
      expect(response?.status()).toBe(404)
      expect(response?.headers()['content-type']).toContain('text/html')
      const card = page.getByTestId('not-found')
      await card.waitFor()
      expect(await card.getByRole('heading', { level: 1 }).innerText()).toBe('This map could not be found')
      expect(await card.locator('p').innerText()).toMatch(/mistyped/)
      expect(await page.locator('body').innerText()).not.toContain('statusCode')
      const link = card.getByRole('link', { name: 'Go to the start page' })
      expect(await link.getAttribute('href')).toBe('/')

      // The bundled Inter and the app's stylesheet, from this origin only.
      await page.evaluate(() => document.fonts.ready)
      const style = await page.evaluate(() => ({
        font: getComputedStyle(document.querySelector('h1') as Element).fontFamily,
        interLoaded: [...document.fonts].some(
          (face) => face.family.includes('Inter') && face.status === 'loaded',
        ),
        sheets: document.styleSheets.length,
      }))
      expect(style.font).toContain('Inter')
      expect(style.interLoaded).toBe(true)
      expect(style.sheets).toBeGreaterThan(0)
      expect(foreignRequests(requests, server.url)).toEqual([])
      expect(errors.filter((error) => !error.includes('404'))).toEqual([])
      if (path === '/m/does-not-exist') await page.screenshot({ path: artifactPath('not-found.png') })

      await link.click()
      await page.getByTestId('create-map-button').waitFor()
      await context.close()
    })
  }

  it('a map that exists still opens, and the API keeps its JSON answers for the browser too', async () => {
    const map = await server.createMap('A map that is there')
    const { page, context } = await openRecordedPage(browser, { viewport: DESKTOP })
    const response = await page.goto(map.links.chair)
    expect(response?.status()).toBe(200)
    await page.getByTestId('name-input').waitFor()
    expect(await page.getByTestId('not-found').count()).toBe(0)

    const api = await page.goto(`${server.url}/api/maps/${map.id}/nothing`)
    expect(api?.status()).toBe(404)
    expect(api?.headers()['content-type']).toContain('application/json')
    expect(await api?.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' })
    await context.close()
  })
})
