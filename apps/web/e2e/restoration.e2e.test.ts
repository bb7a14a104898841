// Decision 0021: a map restored without stored changes it could not read — the chair, and only the chair, is told.
import { afterAll, beforeAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addNote } from '@mapboard/map-model'
import type { CreateMapResponse } from '@mapboard/protocol'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser } from 'playwright-core'
import {
  CHAIR,
  artifactPath,
  DESKTOP,
  FAMILY,
  joinByLink,
  launchBrowser,
  openRecordedPage,
  outlineTexts,
} from './helpers.ts'

let server: TestServer
let browser: Browser
let map: CreateMapResponse

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  map = await server.createMap('Review conference — the Smith family')
  // Straight into the store, before anyone has loaded the map: a note, then bytes that are no Yjs update.
  const stored = await server.app.store.load(map.id)
  const doc = new Y.Doc()
  if (stored.snapshot !== null) Y.applyUpdate(doc, stored.snapshot)
  const before = Y.encodeStateVector(doc)
  addNote(doc, {
    zone: 'past-harm',
    text: 'Bruise seen in June',
    authorId: 'p-x',
    author: 'Dr Lee',
    agency: 'GP',
  })
  await server.app.store.appendUpdates(map.id, [
    Y.encodeStateAsUpdate(doc, before),
    new Uint8Array([200, 1, 2, 3, 4, 5, 6, 7]),
  ])
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

it('the chair sees which version the map was restored to, and can dismiss it; the family sees nothing', async () => {
  const chair = await openRecordedPage(browser, { viewport: DESKTOP })
  await joinByLink(chair.page, map.links.chair, CHAIR)
  const notice = chair.page.getByTestId('restoration-notice')
  await notice.waitFor()
  expect(await notice.getAttribute('role')).toBe('alert')
  const text = await notice.innerText()
  expect(text).toContain('This map was restored')
  expect(text).toContain('to version 2')
  expect(text).toContain('1 change that could not be read was set aside')
  expect(await outlineTexts(chair.page, 'past-harm')).toEqual(['Bruise seen in June'])
  await chair.page.screenshot({ path: artifactPath('restoration-notice.png') })

  const family = await openRecordedPage(browser, { viewport: DESKTOP })
  await joinByLink(family.page, map.links.family, FAMILY)
  expect(await outlineTexts(family.page, 'past-harm')).toEqual(['Bruise seen in June'])
  expect(await family.page.getByTestId('restoration-notice').count()).toBe(0)
  expect(family.requests.some((url) => url.includes('/restorations'))).toBe(false)

  await notice.getByRole('button', { name: 'Dismiss' }).click()
  await notice.waitFor({ state: 'detached' })
  // Dismissed in this browser: not shown again after a reload.
  await chair.page.reload()
  await chair.page.locator('[data-testid="connection-indicator"][data-status="connected"]').waitFor()
  await new Promise((resolve) => setTimeout(resolve, 500))
  expect(await chair.page.getByTestId('restoration-notice').count()).toBe(0)
  expect([...chair.errors, ...family.errors]).toEqual([])
})
