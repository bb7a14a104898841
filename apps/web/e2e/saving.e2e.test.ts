import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser, Page } from 'playwright-core'
import {
  CHAIR,
  DESKTOP,
  FAMILY,
  PROFESSIONAL,
  PROFESSIONALS_SOCKET,
  addNoteInOutline,
  artifactPath,
  canvasCount,
  chooseProvenance,
  joinByLink,
  launchBrowser,
  openRecordedPage,
  outlineNote,
  relaySync,
} from './helpers.ts'
import type { RecordedPage } from './helpers.ts'

const ZONE = 'existing-strengths'

/** Polls the indicator until it shows `status`; returns how long that took. */
async function timeUntilStatus(
  page: Page,
  status: string,
  since: number,
  timeoutMs: number,
): Promise<number> {
  await page
    .locator(`[data-testid="connection-indicator"][data-status="${status}"]`)
    .waitFor({ timeout: timeoutMs })
  return Date.now() - since
}

/** Whether leaving the page now would make the browser ask first (the board's beforeunload handler). */
function wouldWarnOnLeaving(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(event)
    return event.defaultPrevented
  })
}

describe('saving, honestly', () => {
  let server: TestServer
  let browser: Browser
  let chair: RecordedPage
  let family: RecordedPage
  let links: { professional: string; family: string }

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    const map = await server.createMap('Review conference')
    links = map.links
    chair = await openRecordedPage(browser, { viewport: DESKTOP })
    family = await openRecordedPage(browser, { viewport: DESKTOP })
    await joinByLink(chair.page, map.links.chair, CHAIR)
    await joinByLink(family.page, map.links.family, FAMILY)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('shows a cut network within 5 s, marks what was added meanwhile "Not saved yet", and saves it on return', async () => {
    const page = family.page
    const indicator = page.getByTestId('connection-indicator')
    expect(await indicator.getAttribute('data-unsaved-count')).toBe('0')

    const cutAt = Date.now()
    await family.context.setOffline(true)
    const noticedMs = await timeUntilStatus(page, 'offline', cutAt, 5_000)
    console.log(`offline-noticed-ms ${noticedMs}`)
    expect(noticedMs).toBeLessThan(5_000)
    expect(await indicator.innerText()).toContain('Offline')
    expect(await indicator.getAttribute('title')).toContain('kept on this device and sent when you reconnect')

    const text = 'Jo walks the children to school every morning.'
    await addNoteInOutline(page, ZONE, text)
    const row = outlineNote(page, ZONE, text)
    await row.waitFor()
    expect(await row.getAttribute('data-unsaved')).toBe('true')
    expect(await row.innerText()).toContain('Not saved yet')
    const noteId = await row.getAttribute('data-note-id')
    expect(noteId).not.toBeNull()
    await expect.poll(() => canvasCount(page, '.note-unsaved', `#note-${noteId}`)).toBe(1)
    expect(await indicator.getAttribute('data-unsaved-count')).toBe('1')
    expect(await page.getByTestId('unsaved-count').innerText()).toBe('1 change not saved yet')
    // Kept on this device (decision 0025): leaving would lose nothing, so the browser does not ask.
    await expect.poll(() => wouldWarnOnLeaving(page)).toBe(false)
    // Others have not got it, and nobody is told it is there.
    expect(await outlineNote(chair.page, ZONE, text).count()).toBe(0)
    await page.screenshot({ path: artifactPath('saving/offline-not-saved.png') })

    const backAt = Date.now()
    await family.context.setOffline(false)
    await timeUntilStatus(page, 'connected', backAt, 15_000)
    await expect.poll(() => indicator.getAttribute('data-unsaved-count'), { timeout: 10_000 }).toBe('0')
    console.log(`saved-after-reconnect-ms ${Date.now() - backAt}`)
    expect(await row.getAttribute('data-unsaved')).toBeNull()
    expect(await page.getByTestId('unsaved-count').count()).toBe(0)
    expect(await canvasCount(page, '.note-unsaved')).toBe(0)
    expect(await wouldWarnOnLeaving(page)).toBe(false)
    await outlineNote(chair.page, ZONE, text).waitFor({ timeout: 10_000 })
    await page.screenshot({ path: artifactPath('saving/back-online-saved.png') })
  })

  it('shows a server gone silent within 5 s, though the socket has not noticed, and recovers', async () => {
    const watcher = await openRecordedPage(browser, { viewport: DESKTOP })
    const relay = await relaySync(watcher.page)
    await joinByLink(watcher.page, links.professional, PROFESSIONAL)
    const indicator = watcher.page.getByTestId('connection-indicator')

    // Connected, the change sent and stored (the chair has it), but no answer has reached this page: not saved
    // as far as this page can know.
    relay.hold()
    const text = 'Sam has seen the children at school every day this term.'
    await addNoteInOutline(watcher.page, ZONE, text)
    await outlineNote(chair.page, ZONE, text).waitFor()
    expect(await indicator.getAttribute('data-status')).toBe('connected')
    expect(await indicator.getAttribute('data-unsaved-count')).toBe('1')
    expect(await outlineNote(watcher.page, ZONE, text).getAttribute('data-unsaved')).toBe('true')
    relay.release()
    await expect.poll(() => indicator.getAttribute('data-unsaved-count')).toBe('0')

    const heldAt = Date.now()
    relay.hold()
    const noticedMs = await timeUntilStatus(watcher.page, 'offline', heldAt, 5_000)
    console.log(`silence-noticed-ms ${noticedMs}`)
    expect(noticedMs).toBeLessThan(5_000)
    await watcher.page.screenshot({ path: artifactPath('saving/silent-server-offline.png') })
    relay.release()
    await timeUntilStatus(watcher.page, 'connected', Date.now(), 15_000)
    await watcher.context.close()
  })

  it('marks a professionals-only note "Not saved yet" like a shared one, until the professionals’ room has stored it', async () => {
    const watcher = await openRecordedPage(browser, { viewport: DESKTOP })
    const relay = await relaySync(watcher.page, PROFESSIONALS_SOCKET)
    await joinByLink(watcher.page, links.professional, PROFESSIONAL)
    const page = watcher.page
    const indicator = page.getByTestId('connection-indicator')
    const addRestricted = async (text: string): Promise<void> => {
      await page.getByTestId(`outline-add-${ZONE}`).click()
      await page.getByTestId('outline-note-input').fill(text)
      await page.getByTestId('professionals-only-toggle').check()
      await chooseProvenance(page.getByTestId('outline-note-form'))
      await page.getByTestId('outline-note-save').click()
      await page.getByTestId('outline-note-form').waitFor({ state: 'detached' })
    }
    await expect.poll(() => relay.heldCount).toBe(0)

    // Sent and stored (the chair has it), but the professionals' room's answer has not reached this page; the
    // shared document's socket is fine all along, and its answers say nothing of this document.
    relay.hold()
    const held = 'Police hold information not yet disclosable (held answer).'
    await addRestricted(held)
    await outlineNote(chair.page, ZONE, held).waitFor()
    const heldRow = outlineNote(page, ZONE, held)
    expect(await heldRow.getAttribute('data-audience')).toBe('professionals')
    expect(await heldRow.getAttribute('data-unsaved')).toBe('true')
    expect(await heldRow.innerText()).toContain('Not saved yet')
    const heldId = await heldRow.getAttribute('data-note-id')
    await expect.poll(() => canvasCount(page, '.note-unsaved', `#note-${heldId}`)).toBe(1)
    expect(await indicator.getAttribute('data-status')).toBe('connected')
    expect(await indicator.getAttribute('data-unsaved-count')).toBe('1')
    relay.release()
    await expect.poll(() => heldRow.getAttribute('data-unsaved')).toBeNull()
    expect(await indicator.getAttribute('data-unsaved-count')).toBe('0')
    expect(await canvasCount(page, '.note-unsaved')).toBe(0)

    // The network gone: both sockets down; the restricted note is marked until it is stored after the return.
    await watcher.context.setOffline(true)
    await timeUntilStatus(page, 'offline', Date.now(), 5_000)
    const offline = 'Closed-session note written offline.'
    await addRestricted(offline)
    const offlineRow = outlineNote(page, ZONE, offline)
    expect(await offlineRow.getAttribute('data-unsaved')).toBe('true')
    expect(await page.getByTestId('unsaved-count').innerText()).toBe('1 change not saved yet')
    await page.screenshot({ path: artifactPath('saving/professionals-note-offline-not-saved.png') })
    await watcher.context.setOffline(false)
    await timeUntilStatus(page, 'connected', Date.now(), 15_000)
    await expect.poll(() => offlineRow.getAttribute('data-unsaved'), { timeout: 10_000 }).toBeNull()
    expect(await indicator.getAttribute('data-unsaved-count')).toBe('0')
    await outlineNote(chair.page, ZONE, offline).waitFor({ timeout: 10_000 })
    // The family's board never had either.
    expect(await outlineNote(family.page, ZONE, held).count()).toBe(0)
    expect(await outlineNote(family.page, ZONE, offline).count()).toBe(0)
    await watcher.context.close()
  })

  it('asks before the page is left with something unsaved that this device could not keep', async () => {
    // A browser that keeps nothing for the page (storage refused, as in some private windows).
    const { context, page } = await openRecordedPage(browser, { viewport: DESKTOP })
    await context.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { value: undefined })
    })
    await joinByLink(page, links.family, FAMILY)
    await context.setOffline(true)
    await timeUntilStatus(page, 'offline', Date.now(), 5_000)
    await addNoteInOutline(page, ZONE, 'Written just before closing the tab.')
    const indicator = page.getByTestId('connection-indicator')
    await expect.poll(() => indicator.getAttribute('data-unsaved-count')).toBe('1')
    expect(await indicator.getAttribute('title')).toContain('this device cannot keep them')
    const dialog = new Promise<string>((resolve) => {
      page.once('dialog', (shown) => {
        resolve(shown.type())
        void shown.dismiss()
      })
    })
    await page.close({ runBeforeUnload: true })
    expect(await dialog).toBe('beforeunload')
    expect(page.isClosed()).toBe(false)
    // Closed for good, without asking again: the dismissed dialog left the page open, as it should be.
    await page.close()
    await context.close()
  })
})
