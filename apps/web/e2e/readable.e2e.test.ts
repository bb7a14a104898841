import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectClient, joinAs, mapIdFromLink, waitFor } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import { ZONE_IDS, addNote } from '@mapboard/map-model'
import type { Browser, Page } from 'playwright-core'
import {
  CHAIR,
  DESKTOP,
  FAMILY,
  PROFESSIONAL,
  SECTION_HEADINGS,
  artifactPath,
  cameraOf,
  joinByLink,
  launchBrowser,
  openRecordedPage,
  phoneContextOptions,
} from './helpers.ts'
import type { RecordedPage } from './helpers.ts'

const NOTES = 40
/** Every tenth note (0, 10, 20, 30: in four sections) is long enough that it is fitted at the smallest size the board draws note text at. */
const LONG =
  'The school nurse saw bruises on both upper arms in March and again in May; mum said they came from ' +
  'rough play with an older cousin, and the nurse wrote this down at the time in the school log.'

/** Note i goes to section i mod 7, so each section holds five or six. */
function noteText(i: number): string {
  return i % 10 === 0
    ? `Note ${i}: ${LONG}`
    : `Note ${i}: a line of text long enough to wrap onto a second line.`
}

const zoneOf = (text: string): string => ZONE_IDS[Number(/^Note (\d+):/.exec(text)?.[1]) % 7] ?? ''

interface DrawnText {
  text: string
  /** The font size as drawn on screen, CSS px: Konva font size × the stage's scale. */
  px: number
  /** Wholly inside the canvas. */
  onScreen: boolean
}

/** Every Konva text node with the given name on the board's stage, with its size on screen. */
async function drawnTexts(page: Page, name: string): Promise<DrawnText[]> {
  return page.evaluate((selector) => {
    interface TextNode {
      text(): string
      fontSize(): number
      getClientRect(): { x: number; y: number; width: number; height: number }
    }
    interface Stage {
      scaleX(): number
      width(): number
      height(): number
      find(selector: string): TextNode[]
    }
    const stage = (window as Window & { Konva?: { stages: Stage[] } }).Konva?.stages[0]
    if (!stage) return []
    return stage.find(selector).map((node) => {
      const rect = node.getClientRect()
      return {
        text: node.text(),
        px: node.fontSize() * stage.scaleX(),
        onScreen:
          rect.x >= 0 &&
          rect.y >= 0 &&
          rect.x + rect.width <= stage.width() &&
          rect.y + rect.height <= stage.height(),
      }
    })
  }, `.${name}`)
}

describe('readable from the first screen', () => {
  let server: TestServer
  let browser: Browser
  let link: { professional: string; family: string }
  const pages: RecordedPage[] = []

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    const map = await server.createMap('Readable map')
    link = map.links
    const joined = await joinAs(server, map.links.chair, CHAIR)
    const seeder = connectClient(server, mapIdFromLink(map.links.chair), joined)
    await seeder.synced
    seeder.doc.transact(() => {
      for (let i = 0; i < NOTES; i++) {
        addNote(seeder.doc, {
          zone: ZONE_IDS[i % ZONE_IDS.length] ?? 'past-harm',
          text: noteText(i),
          author: joined.participant.name,
          authorId: joined.participant.id,
          agency: joined.participant.agency,
        })
      }
    })
    // Stored before the browsers open: the server answers their sync from what it has stored.
    const stored = connectClient(server, mapIdFromLink(map.links.chair), joined)
    await stored.synced
    await waitFor(() => stored.doc.getMap('notes').size === NOTES)
    stored.destroy()
    seeder.destroy()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  async function open(options: Parameters<typeof openRecordedPage>[1], who = PROFESSIONAL): Promise<Page> {
    const recorded = await openRecordedPage(browser, options)
    pages.push(recorded)
    await joinByLink(recorded.page, who === FAMILY ? link.family : link.professional, who)
    await recorded.page
      .getByTestId('outline-note')
      .nth(NOTES - 1)
      .waitFor({ state: 'attached' })
    return recorded.page
  }

  for (const viewport of [DESKTOP, { width: 1280, height: 720 }]) {
    it(`on a ${viewport.width}×${viewport.height} desktop opens with every note's text and author line at 12 CSS px or more, at the start of the map`, async () => {
      const page = await open({ viewport })
      await expect.poll(async () => (await drawnTexts(page, 'note-text')).length).toBeGreaterThan(0)
      const texts = await drawnTexts(page, 'note-text')
      const authors = await drawnTexts(page, 'note-author')
      const smallest = Math.min(...texts.map((text) => text.px))
      const smallestAuthor = Math.min(...authors.map((author) => author.px))
      console.log(
        `opening ${viewport.width}x${viewport.height}, ${NOTES} notes: zoom ${(await cameraOf(page)).scale}, ` +
          `note text ${smallest}–${Math.max(...texts.map((text) => text.px))} px, author ${smallestAuthor} px`,
      )
      expect(smallest).toBeGreaterThanOrEqual(12)
      expect(smallestAuthor).toBeGreaterThanOrEqual(12)
      // The long notes are drawn at the smallest size there is, so the smallest on screen is measured, not guessed.
      expect(texts.some((text) => text.text.includes('school nurse'))).toBe(true)

      // The start of the map: Past harm's label and its first note are on the screen, whole.
      const labels = await drawnTexts(page, 'section-label')
      expect(labels.find((label) => label.text === 'Past harm')?.onScreen).toBe(true)
      expect(Math.min(...labels.map((label) => label.px))).toBeGreaterThanOrEqual(12)
      expect(texts.find((text) => text.text.startsWith('Note 0:'))?.onScreen).toBe(true)
      // No summaries at the opening zoom.
      expect(await drawnTexts(page, 'section-summary-count')).toEqual([])
      await page.screenshot({ path: artifactPath(`readable-open-${viewport.width}x${viewport.height}.png`) })
    })
  }

  it('on a 390×844 phone opens on one section, readable, and steps through the sections with named buttons', async () => {
    const page = await open(phoneContextOptions(), FAMILY)
    const shown = async (): Promise<{ zones: string[]; smallest: number }> => {
      const texts = (await drawnTexts(page, 'note-text')).filter((text) => text.onScreen)
      return {
        zones: [...new Set(texts.map((text) => zoneOf(text.text)))],
        smallest: Math.min(...texts.map((text) => text.px)),
      }
    }
    await expect.poll(async () => (await shown()).zones).toEqual(['past-harm'])
    const opening = await shown()
    console.log(
      `opening 390x844, ${NOTES} notes: zoom ${(await cameraOf(page)).scale}, smallest note text ${opening.smallest} px`,
    )
    expect(opening.smallest).toBeGreaterThanOrEqual(12)
    await page.screenshot({ path: artifactPath('readable-open-phone-390x844.png') })

    // The buttons name the sections either side, are big enough for a finger, and say where we are.
    const next = page.getByRole('button', { name: 'Next section: Future danger' })
    const previous = page.getByRole('button', { name: 'Previous section' })
    expect(await previous.isDisabled()).toBe(true)
    for (const button of [next, previous]) {
      const box = await button.boundingBox()
      expect(box?.width).toBeGreaterThanOrEqual(44)
      expect(box?.height).toBeGreaterThanOrEqual(44)
    }
    const status = page.getByRole('status').filter({ hasText: 'of 7' })
    expect(await status.textContent()).toBe('Past harm, section 1 of 7')

    // One tap: the next section, readable, and said.
    await next.click()
    await expect.poll(async () => (await shown()).zones).toEqual(['future-danger'])
    expect((await shown()).smallest).toBeGreaterThanOrEqual(12)
    await expect.poll(() => status.textContent()).toBe('Future danger, section 2 of 7')
    await page.screenshot({ path: artifactPath('readable-phone-next-390x844.png') })

    // From the keyboard too: the buttons are in the tab order and Enter steps on.
    await page.getByRole('button', { name: 'Next section: Complicating factors' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(async () => (await shown()).zones).toEqual(['complicating-factors'])
    await page.getByRole('button', { name: 'Previous section: Future danger' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(async () => (await shown()).zones).toEqual(['future-danger'])

    // The outline is still one tap away.
    await page.getByRole('tab', { name: 'Outline' }).click()
    await page.getByTestId('outline-section-past-harm').waitFor()
  })

  it('zoomed out with 40 notes, the sections show how many notes they hold and their first words', async () => {
    const page = await open({ viewport: DESKTOP })
    await page.getByRole('button', { name: 'Fit map to screen' }).click()
    await expect.poll(async () => (await drawnTexts(page, 'section-summary-count')).length).toBe(7)
    const { scale } = await cameraOf(page)
    console.log(`fitted 1440x900, ${NOTES} notes: zoom ${scale}`)
    expect(scale).toBeLessThan(0.67)

    // Too small for note text: none is drawn; each section's label, count and first words are, readably.
    expect(await drawnTexts(page, 'note-text')).toEqual([])
    const counts = await drawnTexts(page, 'section-summary-count')
    expect(counts.map((count) => count.text)).toEqual([
      '6 notes',
      '6 notes',
      '6 notes',
      '6 notes',
      '6 notes',
      '5 notes',
      '5 notes',
    ])
    const labels = await drawnTexts(page, 'section-summary-label')
    expect(labels.map((label) => label.text)).toEqual(SECTION_HEADINGS)
    const lines = await drawnTexts(page, 'section-summary-line')
    // Past harm's first notes are 0, 7, 14…: their first words, cut with an ellipsis.
    expect(lines.slice(0, 2).map((line) => line.text)).toEqual([
      'Note 0: The school nurse saw…',
      'Note 7: a line of text…',
    ])
    for (const text of [...counts, ...labels, ...lines]) {
      expect(text.px).toBeGreaterThanOrEqual(12)
      expect(text.onScreen).toBe(true)
    }
    await page.screenshot({ path: artifactPath('readable-fitted-summaries-1440x900.png') })

    // A click on a summarised section reads it: its notes again, at 12 CSS px or more.
    const box = await page.getByTestId('board-canvas').boundingBox()
    const section = await page.evaluate(() => {
      type Node = { getClientRect(): { x: number; y: number; width: number; height: number } }
      const stage = (
        window as Window & { Konva?: { stages: Array<{ findOne(s: string): Node | undefined }> } }
      ).Konva?.stages[0]
      const rect = stage?.findOne('#section-existing-strengths')?.getClientRect()
      return rect ? { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 } : null
    })
    if (box === null || section === null) throw new Error('no canvas or no section')
    await page.mouse.click(box.x + section.x, box.y + section.y)
    await expect.poll(async () => (await drawnTexts(page, 'note-text')).length).toBeGreaterThan(0)
    const texts = (await drawnTexts(page, 'note-text')).filter((text) => text.onScreen)
    expect(texts.length).toBeGreaterThan(0)
    expect(texts.every((text) => text.px >= 12)).toBe(true)
    expect(texts.map((text) => zoneOf(text.text))).toContain('existing-strengths')
  })

  it('threw no error on any page', () => {
    for (const { errors } of pages)
      expect(errors.filter((error) => error.startsWith('pageerror'))).toEqual([])
  })
})
