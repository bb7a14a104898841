import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser, Locator } from 'playwright-core'
import type { CreateMapResponse } from '@mapboard/protocol'
import {
  CHAIR,
  DESKTOP,
  FAMILY,
  artifactPath,
  foreignRequests,
  joinByLink,
  joinWithName,
  launchBrowser,
  openRecordedPage,
  phoneContextOptions,
  readQrCode,
  smallTouchTargets,
} from './helpers.ts'
import type { RecordedPage } from './helpers.ts'

const WITHDRAWN = 'This link has been withdrawn by the chair.'

describe("the chair's invite panel", () => {
  let server: TestServer
  let browser: Browser
  let map: CreateMapResponse
  let chair: RecordedPage
  let panel: Locator
  let newLink = ''

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    map = await server.createMap('Initial conference — the Smith family')
    chair = await openRecordedPage(browser, { viewport: DESKTOP })
    await joinByLink(chair.page, map.links.chair, CHAIR)
    panel = chair.page.getByTestId('invite-panel')
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('lists every link with its role and status; the chair’s own cannot be withdrawn', async () => {
    await chair.page.getByTestId('invite-button').click()
    await panel.waitFor()
    const items = panel.getByTestId('invite-item')
    await expect.poll(() => items.count()).toBe(4)
    for (const role of ['chair', 'professional', 'family', 'viewer'] as const) {
      const item = panel.locator(`[data-testid="invite-item"][data-role="${role}"]`)
      expect(await item.getAttribute('data-status')).toBe('active')
      expect(await item.getByTestId(`invite-link-${role}`).inputValue()).toBe(map.links[role])
      expect(await item.innerText()).toContain('Works until')
    }
    const mine = panel.locator('[data-testid="invite-item"][data-role="chair"]')
    expect(await mine.innerText()).toContain('Your link')
    expect(await mine.getByTestId('invite-withdraw').count()).toBe(0)
    expect(await panel.locator('[data-role="family"]').getByTestId('invite-withdraw').count()).toBe(1)
  })

  it('makes a new link for a role and an expiry, and shows a QR code that scans to it', async () => {
    const form = panel.getByTestId('new-link-form')
    await form.getByTestId('new-link-role').selectOption('family')
    await form.getByTestId('new-link-expiry').selectOption('4')
    const before = Date.now()
    await form.getByTestId('new-link-create').click()

    const fresh = panel.locator('[data-testid="invite-item"][data-fresh="true"]')
    await fresh.waitFor()
    expect(await fresh.getAttribute('data-role')).toBe('family')
    expect(await panel.getByTestId('invite-item').count()).toBe(5)
    newLink = await fresh.getByTestId('invite-link-family').inputValue()
    expect(newLink).toMatch(new RegExp(`^${server.url}/m/${map.id}#.+`))
    expect(newLink).not.toBe(map.links.family)

    // The QR code is open for the new link, drawn in the page, and holds exactly that link.
    const qr = fresh.getByTestId('invite-qr')
    await qr.waitFor()
    expect(await qr.isVisible()).toBe(true)
    expect(await readQrCode(chair.page)).toBe(newLink)
    // About four hours, as chosen.
    const links = (await (
      await fetch(`${server.url}/api/maps/${map.id}/links`, {
        headers: { authorization: `Bearer ${await chairToken()}` },
      })
    ).json()) as Array<{ url: string; expiresAt: number }>
    const made = links.find((link) => link.url === newLink)
    expect(made?.expiresAt).toBeGreaterThanOrEqual(before + 4 * 3600_000 - 60_000)
    expect(made?.expiresAt).toBeLessThanOrEqual(Date.now() + 4 * 3600_000 + 60_000)

    await chair.page.screenshot({ path: artifactPath('invite-panel-desktop-1440x900.png') })
  })

  it('withdrawing a link closes the session of whoever joined with it, and it no longer lets anyone in', async () => {
    const family = await openRecordedPage(browser, { viewport: DESKTOP })
    await joinByLink(family.page, newLink, FAMILY)
    await expect.poll(() => chair.page.getByTestId('presence-button').innerText()).toContain('2')

    const linkId = await panel
      .locator('[data-testid="invite-item"][data-fresh="true"]')
      .getAttribute('data-link-id')
    const item = panel.locator(`[data-testid="invite-item"][data-link-id="${linkId}"]`)
    await item.getByTestId('invite-withdraw').click()
    await item.getByTestId('invite-withdraw-confirm').click()
    await expect.poll(() => item.getAttribute('data-status')).toBe('withdrawn')
    expect(await panel.getByTestId('invite-past').innerText()).toContain('Withdrawn and expired links (1)')

    const ended = family.page.getByTestId('session-ended')
    await ended.waitFor()
    expect(await ended.innerText()).toContain(WITHDRAWN)
    await expect.poll(() => chair.page.getByTestId('presence-button').innerText()).toContain('1')

    // A reload stays withdrawn, and so does anyone new who opens the link.
    await family.page.reload()
    await family.page.getByTestId('session-ended').waitFor()
    expect(await family.page.getByTestId('session-ended').innerText()).toContain(WITHDRAWN)
    const late = await openRecordedPage(browser, { viewport: DESKTOP })
    await late.page.goto(newLink)
    await joinWithName(late.page, { name: 'Someone late' })
    await late.page.getByTestId('session-ended').waitFor()
    expect(await late.page.getByTestId('session-ended').innerText()).toContain(WITHDRAWN)

    // The family's first link still works.
    const other = await openRecordedPage(browser, { viewport: DESKTOP })
    await joinByLink(other.page, map.links.family, { name: 'Chris Smith' })

    for (const page of [chair, family, late, other]) {
      expect(foreignRequests(page.requests, server.url)).toEqual([])
      expect(page.errors.filter((error) => error.startsWith('pageerror'))).toEqual([])
    }
  })

  it('works on a phone', async () => {
    const phone = await openRecordedPage(browser, phoneContextOptions())
    await joinByLink(phone.page, map.links.chair, { name: 'Pat Jones' })
    await phone.page.getByTestId('invite-button').click()
    const sheet = phone.page.getByTestId('invite-panel')
    await sheet.getByTestId('invite-item').nth(3).waitFor()
    const box = await sheet.boundingBox()
    expect(box?.width).toBeGreaterThanOrEqual(389)
    await phone.page.screenshot({ path: artifactPath('invite-panel-phone-390x844.png') })
    const professional = sheet.locator('[data-testid="invite-item"][data-role="professional"]').first()
    await professional.getByTestId('invite-qr-toggle').click()
    await professional.getByTestId('invite-qr').waitFor()
    expect(await readQrCode(phone.page)).toBe(map.links.professional)
    await professional
      .getByTestId('invite-qr')
      .evaluate((qr) => qr.scrollIntoView({ block: 'center', behavior: 'instant' }))
    await phone.page.screenshot({ path: artifactPath('invite-panel-phone-qr-390x844.png') })
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    const inside = await sheet.evaluate((dialog) => dialog.scrollWidth <= dialog.clientWidth)
    expect(inside).toBe(true)
    expect(await smallTouchTargets(phone.page)).toEqual([])
  })

  /** The chair tab's participant token, as the page keeps it for its API calls. */
  async function chairToken(): Promise<string> {
    const raw = await chair.page.evaluate(
      (id) => window.localStorage.getItem(`mapboard:joined:${id}`),
      map.id,
    )
    const token = (JSON.parse(raw ?? '{}') as { joined?: { token?: string } }).joined?.token
    if (!token) throw new Error('the chair tab keeps no participant token')
    return token
  }
})
