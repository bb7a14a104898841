// Plain words (decision 0036): a professional types a note with "s47" and "LADO", sees both flagged under the
// field, uses the plain wording for one, and the note is stored with it; a parent on a phone taps the word still
// flagged in the note and reads what it means. axe stays at zero with the hints and the explanation showing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectClient, joinAs, mapIdFromLink, waitFor } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import { readMap } from '@mapboard/map-model'
import type { Browser } from 'playwright-core'
import type { CreateMapResponse } from '@mapboard/protocol'
import { axeViolations, describeViolations } from './axe.ts'
import {
  CHAIR,
  DESKTOP,
  FAMILY,
  PROFESSIONAL,
  artifactPath,
  chooseProvenance,
  joinByLink,
  launchBrowser,
  noteCentre,
  openRecordedPage,
  outlineNote,
  phoneContextOptions,
  waitForBoard,
} from './helpers.ts'
import type { RecordedPage } from './helpers.ts'

const ZONE = 'past-harm'
const TYPED = 'Referred for a s47 after the LADO heard about the football coach.'
const SAVED = 'Referred for a child protection enquiry after the LADO heard about the football coach.'
const LADO_PLAIN = 'the council officer who looks into concerns about adults who work with children'

describe('plain words: jargon flagged as people type, explained where it is read', () => {
  let server: TestServer
  let browser: Browser
  let map: CreateMapResponse
  let professional: RecordedPage
  let parent: RecordedPage

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    map = await server.createMap('Initial conference — the Smith family')
    professional = await openRecordedPage(browser, { viewport: DESKTOP })
    parent = await openRecordedPage(browser, phoneContextOptions())
    await joinByLink(professional.page, map.links.professional, PROFESSIONAL)
    await joinByLink(parent.page, map.links.family, FAMILY)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('flags "s47" and "LADO" as the professional types, each with a plainer wording', async () => {
    const { page } = professional
    await page.getByTestId(`outline-add-${ZONE}`).click()
    await page.getByTestId('outline-note-input').fill(TYPED)
    const hints = page.getByTestId('jargon-hint')
    await expect
      .poll(() => hints.evaluateAll((items) => items.map((item) => item.getAttribute('data-term'))))
      .toEqual(['s47', 'LADO'])
    expect(await hints.nth(1).innerText()).toContain(`“LADO” — plainer: “${LADO_PLAIN}”`)
    // Announced by count, politely, for someone who cannot see the list appear.
    expect(await page.getByTestId('jargon-hints').getByRole('status').innerText()).toBe(
      '2 words could be put more plainly',
    )
    expect(describeViolations(await axeViolations(page))).toEqual([])
    await page.screenshot({ path: artifactPath('plain-words/professional-flagged.png') })
  })

  it('uses the plain wording with one click, moves on to the next hint, and saves the note with it', async () => {
    const { page } = professional
    await page.getByRole('button', { name: 'Use plain words for “s47”' }).click()
    expect(await page.getByTestId('outline-note-input').inputValue()).toBe(SAVED)
    await expect
      .poll(() => page.getByTestId('jargon-hint').evaluateAll((items) => items.map((i) => i.dataset.term)))
      .toEqual(['LADO'])
    // The button pressed is gone; the focus went to the next one, not to the page.
    expect(
      await page.evaluate(
        () => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName,
      ),
    ).toBe(`Use plain words for “LADO”: ${LADO_PLAIN}`)

    await chooseProvenance(page.getByTestId('outline-note-form'), { kind: 'Fact', source: 'council records' })
    await page.getByTestId('outline-note-save').click()
    await page.getByTestId('outline-note-form').waitFor({ state: 'detached' })
    await outlineNote(page, ZONE, SAVED).waitFor()

    // What the server stored, read by a client of its own: the plain wording, not the abbreviation.
    const reader = connectClient(
      server,
      mapIdFromLink(map.links.chair),
      await joinAs(server, map.links.chair, CHAIR),
    )
    await reader.synced
    await waitFor(() => readMap(reader.doc).notes.length === 1)
    expect(readMap(reader.doc).notes.map((note) => note.text)).toEqual([SAVED])
    reader.destroy()
  })

  it('lets a parent on a phone tap the word still flagged and read what it means', async () => {
    const { page } = parent
    await page.getByTestId('outline-tab').click()
    const note = outlineNote(page, ZONE, SAVED)
    await note.waitFor()
    const words = note.getByTestId('jargon-word')
    expect(await words.allInnerTexts()).toEqual(['LADO'])
    // The note reads as written: the flagged word is part of its text.
    expect(await note.getByTestId('outline-note-text').innerText()).toBe(SAVED)

    await words.first().tap()
    const meaning = note.getByTestId('jargon-meaning')
    await meaning.waitFor()
    expect(await words.first().getAttribute('aria-expanded')).toBe('true')
    const shown = await meaning.innerText()
    expect(shown).toContain(`“LADO” in plain words: ${LADO_PLAIN}.`)
    expect(shown).toContain('Local Authority Designated Officer')
    await meaning.scrollIntoViewIfNeeded()
    await page.screenshot({ path: artifactPath('plain-words/parent-phone-explanation.png') })
    expect(describeViolations(await axeViolations(page))).toEqual([])

    await meaning.getByRole('button', { name: 'Close' }).tap()
    await meaning.waitFor({ state: 'detached' })
    expect(await words.first().getAttribute('aria-expanded')).toBe('false')
  })

  it('opens and closes the explanation from the keyboard, focus returning to the word', async () => {
    const { page } = professional
    const note = outlineNote(page, ZONE, SAVED)
    const word = note.getByRole('button', { name: 'LADO' })
    await word.focus()
    await page.keyboard.press('Enter')
    const meaning = note.getByTestId('jargon-meaning')
    await meaning.waitFor()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await meaning.waitFor({ state: 'detached' })
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('LADO')
  })

  it('flags jargon in the note editor on the canvas too, and sends the plain wording as an edit', async () => {
    const { page } = professional
    await waitForBoard(page)
    const id = (await outlineNote(page, ZONE, SAVED).getAttribute('data-note-id')) ?? ''
    const centre = await noteCentre(page, id)
    await page.mouse.dblclick(centre.x, centre.y)
    const editor = page.getByTestId('note-editor-text')
    await expect.poll(() => editor.inputValue()).toBe(SAVED)
    await editor.press('Control+End')
    await page.keyboard.type(' Seen by the HV.')
    const panel = page.getByTestId('note-editor')
    await panel.getByRole('button', { name: 'Use plain words for “HV”' }).click()
    const edited = `${SAVED} Seen by the health visitor.`
    expect(await editor.inputValue()).toBe(edited)
    await page.screenshot({ path: artifactPath('plain-words/professional-canvas-editor.png') })
    await page.getByTestId('note-editor-done').click()
    await panel.waitFor({ state: 'detached' })
    await outlineNote(parent.page, ZONE, edited).waitFor()
  })
})
