import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser, Page } from 'playwright-core'
import type { CreateMapResponse } from '@mapboard/protocol'
import { DESKTOP, joinByLink, launchBrowser, openRecordedPage, outlineNote } from './helpers.ts'
import type { RecordedPage } from './helpers.ts'

/** Every aria-controls on the page, and whether the id it names is in the document. */
function ariaControls(page: Page): Promise<{ control: string; ids: string; found: boolean }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[aria-controls]')].map((element) => {
      const ids = element.getAttribute('aria-controls') ?? ''
      return {
        control: element.getAttribute('data-testid') ?? element.textContent?.trim() ?? element.tagName,
        ids,
        found: ids.split(/\s+/).every((id) => id !== '' && document.getElementById(id) !== null),
      }
    }),
  )
}

/** What has keyboard focus: its test id, and the note row it is in. */
function focused(page: Page): Promise<{ testId: string | null; noteId: string | null; tag: string }> {
  return page.evaluate(() => {
    const active = document.activeElement
    return {
      testId: active?.getAttribute('data-testid') ?? null,
      noteId: active?.closest('[data-note-id]')?.getAttribute('data-note-id') ?? null,
      tag: active?.tagName ?? '',
    }
  })
}

describe('the board for keyboard and screen-reader users', () => {
  let server: TestServer
  let browser: Browser
  let map: CreateMapResponse
  let chair: RecordedPage
  const others: RecordedPage[] = []

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    map = await server.createMap('Review conference — the Wood family')
    chair = await openRecordedPage(browser, { viewport: DESKTOP })
    // Wide capitals, and a relation in brackets as people write it.
    await joinByLink(chair.page, map.links.chair, { name: 'Mo Wood', agency: 'Riverside Council' })
    for (const [link, name] of [
      [map.links.family, 'Wendy Moss (Mum)'],
      [map.links.family, 'Jo Smith (Mum)'],
    ] as const) {
      const other = await openRecordedPage(browser, { viewport: DESKTOP })
      await joinByLink(other.page, link, { name })
      others.push(other)
    }
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('shows two letters of each name in the avatars, none clipped or covered by the next', async () => {
    const page = chair.page
    await expect.poll(() => page.getByTestId('presence-button').innerText()).toContain('3')
    const avatars = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="presence-button"] .avatar')].map((avatar) => {
        const range = document.createRange()
        range.selectNodeContents(avatar)
        const text = range.getBoundingClientRect()
        const next = avatar.nextElementSibling?.getBoundingClientRect()
        return {
          text: avatar.textContent,
          scrollWidth: avatar.scrollWidth,
          clientWidth: avatar.clientWidth,
          textLeft: text.left,
          textRight: text.right,
          boxLeft: avatar.getBoundingClientRect().left + avatar.clientLeft,
          boxRight: avatar.getBoundingClientRect().left + avatar.clientLeft + avatar.clientWidth,
          nextLeft: next?.left ?? Infinity,
        }
      }),
    )
    expect(avatars.map((avatar) => avatar.text).sort()).toEqual(['JS', 'MW', 'WM'])
    for (const avatar of avatars) {
      expect(avatar.scrollWidth, avatar.text ?? '').toBeLessThanOrEqual(avatar.clientWidth)
      expect(avatar.textLeft, avatar.text ?? '').toBeGreaterThanOrEqual(avatar.boxLeft)
      expect(avatar.textRight, avatar.text ?? '').toBeLessThanOrEqual(avatar.boxRight)
      expect(avatar.textRight, `${avatar.text} under the next avatar`).toBeLessThanOrEqual(avatar.nextLeft)
    }
  })

  it('points every aria-controls at an element that is there, with the meeting panel closed and open', async () => {
    const page = chair.page
    expect(await page.getByTestId('meeting-panel').count()).toBe(0)
    const closed = await ariaControls(page)
    expect(closed.length).toBeGreaterThan(0)
    expect(closed.filter((entry) => !entry.found)).toEqual([])

    await page.getByTestId('meeting-button').click()
    await page.getByTestId('meeting-panel').waitFor()
    const open = await ariaControls(page)
    expect(open.filter((entry) => !entry.found)).toEqual([])
    expect(open.map((entry) => entry.ids)).toContain('meeting-panel')

    await page.getByRole('button', { name: 'Close the meeting panel' }).click()
    await page.getByTestId('meeting-panel').waitFor({ state: 'detached' })
    expect((await ariaControls(page)).filter((entry) => !entry.found)).toEqual([])
  })

  it('keeps keyboard focus on the note after Add, Save and Cancel in the outline', async () => {
    const page = chair.page
    const zone = 'existing-strengths'
    const text = 'Mo walks the children to school every morning.'
    await page.getByTestId(`outline-add-${zone}`).focus()
    await page.keyboard.press('Enter')
    await page.getByTestId('outline-note-input').fill(text)
    // Its kind and source, by keyboard too (decision 0037: nothing is chosen for you).
    const form = page.getByTestId('outline-note-form')
    await form.getByRole('radio', { name: 'Observation', exact: true }).focus()
    await page.keyboard.press('Space')
    await form.getByTestId('source-not-given').focus()
    await page.keyboard.press('Space')
    await page.getByTestId('outline-note-save').focus()
    await page.keyboard.press('Enter')
    await page.getByTestId('outline-note-form').waitFor({ state: 'detached' })
    const noteId = await outlineNote(page, zone, text).getAttribute('data-note-id')
    expect(noteId).toBeTruthy()
    await expect.poll(() => focused(page)).toEqual({ testId: 'outline-note-edit', noteId, tag: 'BUTTON' })

    // Edit it by keyboard from there: Enter on the focused Edit, change the text, Save.
    await page.keyboard.press('Enter')
    const reworded = 'Mo walks the children to school every morning and collects them.'
    await page.getByTestId('outline-note-input').fill(reworded)
    await page.getByTestId('outline-note-save').focus()
    await page.keyboard.press('Enter')
    await page.getByTestId('outline-note-form').waitFor({ state: 'detached' })
    await outlineNote(page, zone, reworded).waitFor()
    await expect.poll(() => focused(page)).toEqual({ testId: 'outline-note-edit', noteId, tag: 'BUTTON' })

    // Cancel returns there too.
    await page.keyboard.press('Enter')
    await page.getByTestId('outline-note-form').waitFor()
    await page.getByRole('button', { name: 'Cancel' }).click()
    await page.getByTestId('outline-note-form').waitFor({ state: 'detached' })
    await expect.poll(() => focused(page)).toEqual({ testId: 'outline-note-edit', noteId, tag: 'BUTTON' })

    // Someone else sees it arrive without their focus moving.
    const other = others[0]
    if (other === undefined) throw new Error('no second page')
    await outlineNote(other.page, zone, reworded).waitFor()
    expect((await focused(other.page)).noteId).toBeNull()
  })
})
