import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser } from 'playwright-core'
import {
  CHAIR,
  DESKTOP,
  FAMILY,
  addNoteInOutline,
  joinByLink,
  launchBrowser,
  openRecordedPage,
  outlineNote,
} from './helpers.ts'
import type { RecordedPage } from './helpers.ts'

describe('the connection indicator', () => {
  let server: TestServer
  let browser: Browser
  let chair: RecordedPage
  let family: RecordedPage
  let mapId: string

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    const map = await server.createMap('Review conference')
    mapId = map.id
    chair = await openRecordedPage(browser, { viewport: DESKTOP })
    family = await openRecordedPage(browser, { viewport: DESKTOP })
    await joinByLink(chair.page, map.links.chair, CHAIR)
    await joinByLink(family.page, map.links.family, FAMILY)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('shows reconnecting and unsynced changes while the server is away, and sends them when it is back', async () => {
    const indicator = chair.page.getByTestId('connection-indicator')
    await expect.poll(() => indicator.getAttribute('data-unsynced')).toBe('false')

    await server.app.close()
    await expect.poll(() => indicator.getAttribute('data-status')).toBe('reconnecting')
    expect(await indicator.innerText()).toContain('Reconnecting')

    const text = 'Mum says the children are happier since she started the parenting course.'
    await addNoteInOutline(chair.page, 'existing-strengths', text)
    await outlineNote(chair.page, 'existing-strengths', text).waitFor()
    await expect.poll(() => indicator.getAttribute('data-unsynced')).toBe('true')
    expect(await indicator.innerText()).toContain('1 change not saved yet')

    await server.restart()
    await expect.poll(() => indicator.getAttribute('data-status'), { timeout: 15_000 }).toBe('connected')
    await expect.poll(() => indicator.getAttribute('data-unsynced')).toBe('false')
    await outlineNote(family.page, 'existing-strengths', text).waitFor({ timeout: 15_000 })
  })

  it('says so when a link does not work, instead of trying for ever', async () => {
    const stranger = await openRecordedPage(browser, { viewport: DESKTOP })
    await stranger.page.goto(`${server.url}/m/${mapId}#not-a-real-token`)
    await stranger.page.getByTestId('name-input').fill('Someone')
    await stranger.page.getByTestId('join-button').click()
    const ended = stranger.page.getByTestId('session-ended')
    await ended.waitFor()
    expect(await ended.innerText()).toContain('This link does not work')
    expect(stranger.page.url()).not.toContain('not-a-real-token')
  })
})
