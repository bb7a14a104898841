import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { CreateMapResponse } from '@mapboard/protocol'
import type { Browser, Page } from 'playwright-core'
import {
  CHAIR,
  DESKTOP,
  FAMILY,
  PROFESSIONAL,
  VIEWER,
  addNoteInOutline,
  artifactPath,
  canvasCount,
  joinByLink,
  launchBrowser,
  openRecordedPage,
  outlineNote,
  waitForBoard,
} from './helpers.ts'
import type { RecordedPage } from './helpers.ts'

const ZONE = 'existing-strengths'

/** The names of the IndexedDB databases this page's origin holds. */
function databases(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? ''))
}

function rememberedJoin(page: Page, mapId: string): Promise<string | null> {
  return page.evaluate((id) => window.localStorage.getItem(`mapboard:joined:${id}`), mapId)
}

function indicatorStatus(page: Page, status: string, timeout = 10_000): Promise<void> {
  return page.locator(`[data-testid="connection-indicator"][data-status="${status}"]`).waitFor({ timeout })
}

/** Whether leaving the page now would make the browser ask first (the board's beforeunload handler). */
function wouldWarnOnLeaving(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(event)
    return event.defaultPrevented
  })
}

/** The link id inside an invite link's token (its first part is base64url JSON claims). */
function linkIdOf(link: string): string {
  const token = decodeURIComponent(new URL(link).hash.slice(1))
  const claims = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as {
    linkId: string
  }
  return claims.linkId
}

/** The service worker controls the page once it has installed the shell: only then can it serve it offline. */
async function shellCached(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 15_000,
  })
}

describe('local-first: the map kept on the device', () => {
  let server: TestServer
  let browser: Browser
  let map: CreateMapResponse
  let chair: RecordedPage
  let family: RecordedPage

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    map = await server.createMap('Review conference')
    chair = await openRecordedPage(browser, { viewport: DESKTOP })
    family = await openRecordedPage(browser, { viewport: DESKTOP })
    await joinByLink(chair.page, map.links.chair, CHAIR)
    await joinByLink(family.page, map.links.family, FAMILY)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('keeps notes added offline through a reload and a closed tab, then sends them when the link returns', async () => {
    let page = family.page
    await shellCached(page)
    expect(await databases(page)).toContain(`mapboard:${map.id}`)

    const [worker] = family.context.serviceWorkers()
    const reach = () =>
      fetch('/healthz', { cache: 'no-store' }).then(
        () => 'reached',
        () => 'failed',
      )
    expect(await worker?.evaluate(reach)).toBe('reached')

    await family.context.setOffline(true)
    await indicatorStatus(page, 'offline', 5_000)
    // The worker is offline too, so whatever it serves from here on comes from its cache, not the server.
    expect(await worker?.evaluate(reach)).toBe('failed')
    const texts = ['Jo reads with the children every evening.', 'Grandma visits on Sundays.']
    for (const text of texts) await addNoteInOutline(page, ZONE, text)
    const indicator = (on: Page) => on.getByTestId('connection-indicator')
    await expect.poll(() => indicator(page).getAttribute('data-unsaved-count')).toBe('2')
    // Kept on the device: leaving would lose nothing, so the browser does not ask.
    await expect.poll(() => wouldWarnOnLeaving(page)).toBe(false)
    await page.screenshot({ path: artifactPath('local-first/1-offline-not-saved.png') })

    // Reloaded while offline: the shell comes from the service worker, the map and its unsent notes from the device.
    const reloaded = await page.reload()
    expect(reloaded?.fromServiceWorker()).toBe(true)
    await page.locator('[data-testid="board-canvas"][data-ready="true"]').waitFor()
    await indicatorStatus(page, 'offline')
    for (const text of texts) {
      const row = outlineNote(page, ZONE, text)
      await row.waitFor()
      expect(await row.getAttribute('data-unsaved')).toBe('true')
      expect(await row.innerText()).toContain('Not saved yet')
    }
    expect(await page.getByTestId('unsaved-count').innerText()).toBe('2 changes not saved yet')
    expect(await canvasCount(page, '.note-unsaved')).toBe(2)
    await page.screenshot({ path: artifactPath('local-first/2-reloaded-offline.png') })

    // The tab closed, and the map opened again from its address (the token is long gone from it), still offline.
    await page.close()
    page = await family.context.newPage()
    const reopened = await page.goto(`${server.url}/m/${map.id}`)
    expect(reopened?.fromServiceWorker()).toBe(true)
    await page.locator('[data-testid="board-canvas"][data-ready="true"]').waitFor()
    await indicatorStatus(page, 'offline')
    for (const text of texts) await outlineNote(page, ZONE, text).waitFor()
    expect(await indicator(page).getAttribute('data-unsaved-count')).toBe('2')
    expect(await page.getByTestId('name-prompt').count()).toBe(0)
    await page.screenshot({ path: artifactPath('local-first/3-reopened-offline.png') })
    // Nobody else has them yet.
    for (const text of texts) expect(await outlineNote(chair.page, ZONE, text).count()).toBe(0)

    // Back online: sent as the same participant (the server accepts their client ids and their authorship).
    await family.context.setOffline(false)
    await indicatorStatus(page, 'connected', 15_000)
    await expect.poll(() => indicator(page).getAttribute('data-unsaved-count'), { timeout: 10_000 }).toBe('0')
    for (const text of texts) {
      await outlineNote(chair.page, ZONE, text).waitFor({ timeout: 10_000 })
      expect(await outlineNote(page, ZONE, text).getAttribute('data-unsaved')).toBeNull()
    }
    expect(await page.getByTestId('toast').count()).toBe(0)
    await page.screenshot({ path: artifactPath('local-first/4-back-online-saved.png') })
    await chair.page.screenshot({ path: artifactPath('local-first/5-other-browser-has-them.png') })
    family.page = page
  })

  it('"Remove this map from this device" deletes its database, the remembered join and the rest', async () => {
    const professional = await openRecordedPage(browser, { viewport: DESKTOP })
    const page = professional.page
    await joinByLink(page, map.links.professional, PROFESSIONAL)
    await addNoteInOutline(page, ZONE, 'Sam sees the children every school day.')
    await expect.poll(() => databases(page)).toContain(`mapboard:${map.id}`)
    expect(await rememberedJoin(page, map.id)).not.toBeNull()

    await page.getByTestId('remove-from-device-button').click()
    const dialog = page.getByTestId('remove-from-device-dialog')
    await dialog.waitFor()
    await page.screenshot({ path: artifactPath('local-first/6-remove-from-device.png') })
    await dialog.getByRole('button', { name: 'Remove this map from this device' }).click()
    await page.waitForURL(`${server.url}/`)
    await page.getByTestId('create-map-button').waitFor()

    expect(await databases(page)).not.toContain(`mapboard:${map.id}`)
    expect(await rememberedJoin(page, map.id)).toBeNull()
    const left = await page.evaluate((id) => {
      const keys = (storage: Storage) =>
        Array.from({ length: storage.length }, (_, i) => storage.key(i) ?? '').filter((key) =>
          key.includes(id),
        )
      return [...keys(window.localStorage), ...keys(window.sessionStorage)]
    }, map.id)
    expect(left).toEqual([])
    // Opening the map's address again asks for the link: this device no longer knows who joined.
    await page.goto(`${server.url}/m/${map.id}`)
    await page.getByTestId('missing-token').waitFor()
    // The map itself is untouched for everyone else.
    await outlineNote(chair.page, ZONE, 'Sam sees the children every school day.').waitFor()
    await professional.context.close()
  })

  it('wipes the map from the device when its link is withdrawn', async () => {
    const observer = await openRecordedPage(browser, { viewport: DESKTOP })
    const page = observer.page
    await joinByLink(page, map.links.viewer, VIEWER)
    await expect.poll(() => databases(page)).toContain(`mapboard:${map.id}`)
    expect(await rememberedJoin(page, map.id)).not.toBeNull()

    const chairToken = decodeURIComponent(new URL(map.links.chair).hash.slice(1))
    const revoked = await fetch(`${server.url}/api/maps/${map.id}/links/${linkIdOf(map.links.viewer)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${chairToken}` },
    })
    expect(revoked.status).toBe(204)
    await page.locator('[data-testid="session-ended"][data-code="4403"]').waitFor()
    await expect.poll(() => databases(page)).not.toContain(`mapboard:${map.id}`)
    expect(await rememberedJoin(page, map.id)).toBeNull()

    // Reloaded, this tab still says the link was withdrawn, though it keeps no token; a new tab knows nothing.
    await page.reload()
    await page.locator('[data-testid="session-ended"][data-code="4403"]').waitFor()
    expect(
      await page.evaluate((id) => window.sessionStorage.getItem(`mapboard:token:${id}`), map.id),
    ).toBeNull()
    expect(await page.getByTestId('board-canvas').count()).toBe(0)
    const fresh = await observer.context.newPage()
    await fresh.goto(`${server.url}/m/${map.id}`)
    await fresh.getByTestId('missing-token').waitFor()
    await observer.context.close()
  })

  it('opens the board from the device before the socket syncs', async () => {
    // The family's tab again, online: the board is drawn from the device copy even while the server is held back.
    const page = await family.context.newPage()
    await page.routeWebSocket(/\/sync\//, () => {
      // never connected: the socket stays in limbo, as on a captive network
    })
    await page.goto(`${server.url}/m/${map.id}`)
    await page.locator('[data-testid="board-canvas"][data-ready="true"]').waitFor()
    await outlineNote(page, ZONE, 'Jo reads with the children every evening.').waitFor()
    expect(await page.getByTestId('connection-indicator').getAttribute('data-status')).not.toBe('connected')
    await page.close()
    await waitForBoard(family.page)
  })

  it('keeps a 40-note map in a few tens of kilobytes', async () => {
    const measured = await server.createMap('Forty notes')
    const owner = await openRecordedPage(browser, { viewport: DESKTOP })
    const page = owner.page
    await joinByLink(page, measured.links.chair, CHAIR)
    const zones = ['past-harm', 'future-danger', 'existing-strengths', 'existing-safety', 'next-steps']
    for (let i = 0; i < 40; i++) {
      const zone = zones[i % zones.length] ?? 'past-harm'
      await addNoteInOutline(
        page,
        zone,
        `Note ${i + 1}: the school says the children arrive on time and fed.`,
      )
    }
    await expect
      .poll(() => page.getByTestId('connection-indicator').getAttribute('data-unsaved-count'), {
        timeout: 15_000,
      })
      .toBe('0')
    const kept = (id: string) =>
      page.evaluate(async (mapId) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(`mapboard:${mapId}`)
          open.onsuccess = () => resolve(open.result)
          open.onerror = () => reject(open.error)
        })
        const all = (store: string) =>
          new Promise<unknown[]>((resolve) => {
            const request = db.transaction(store, 'readonly').objectStore(store).getAll()
            request.onsuccess = () => resolve(request.result)
          })
        const updates = (await all('updates')) as Uint8Array[]
        const custom = await all('custom')
        db.close()
        const join = window.localStorage.getItem(`mapboard:joined:${mapId}`) ?? ''
        return {
          document: updates.reduce((sum, update) => sum + update.byteLength, 0),
          entries: updates.length,
          records: custom.reduce<number>((sum, value) => sum + String(value).length, 0),
          join: join.length,
        }
      }, id)
    const first = await kept(measured.id)
    await page.reload()
    await waitForBoard(page)
    const reopened = await kept(measured.id)
    const shell = await page.evaluate(async () => {
      let bytes = 0
      for (const name of await caches.keys()) {
        const cache = await caches.open(name)
        for (const request of await cache.keys()) {
          bytes += (await (await cache.match(request))?.arrayBuffer())?.byteLength ?? 0
        }
      }
      return bytes
    })
    console.log(
      `device-bytes-40-notes document ${first.document} B in ${first.entries} entries, ` +
        `after a reopen ${reopened.document} B in ${reopened.entries}; unsaved records ${first.records} B; ` +
        `join ${first.join} B; app shell ${shell} B`,
    )
    expect(first.records).toBe(0)
    expect(first.document).toBeLessThan(64_000)
    expect(reopened.document).toBeLessThan(2 * first.document + 1_000)
    await owner.context.close()
  })
})
