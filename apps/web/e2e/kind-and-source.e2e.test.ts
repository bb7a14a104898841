// What kind of information, and from whom (decision 0037): a professional cannot add a note until its kind is
// chosen and its source written or "Source not given" ticked; a note without a source says so on the board and in
// the Outline; the chair's checklist counts it, and a note still using jargon, and takes the chair to each; the
// kind filter shows only allegations on this device, and the notes it hides cannot be reached by keyboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectClient, joinAs, mapIdFromLink, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { readMap } from '@mapboard/map-model'
import { axeViolations, describeViolations } from './axe.ts'
import {
  addNoteInOutline,
  artifactPath,
  canvasTexts,
  closeMeeting,
  noteCentre,
  openMeeting,
  openThreeSeats,
  outlineNote,
  outlineTexts,
  sectionFirstSlot,
  selectedNoteIds,
} from './helpers.ts'
import type { ThreeSeats } from './helpers.ts'

const ZONE = 'past-harm'
const ALLEGATION = 'A neighbour says the children were left alone overnight.'
const JARGON = 'The LADO was told about the football coach.'
const OPINION = 'Gran thinks the children are happier since the summer.'

describe('what kind of information, and from whom', () => {
  let seats: ThreeSeats
  /** A client of the test's own, to read what the server stored. */
  let reader: TestClient

  beforeAll(async () => {
    seats = await openThreeSeats('Initial conference — the Khan family')
    const joined = await joinAs(seats.server, seats.map.links.professional, {
      name: 'Reader',
      agency: 'Test',
    })
    reader = connectClient(seats.server, mapIdFromLink(seats.map.links.professional), joined)
    await reader.synced
  })

  afterAll(async () => {
    reader?.destroy()
    await seats?.close()
  })

  it('refuses a note whose kind is not chosen, saying so, and adds it once kind and "Source not given" are', async () => {
    const { page } = seats.professional
    await page.getByTestId(`outline-add-${ZONE}`).click()
    await page.getByTestId('outline-note-input').fill(ALLEGATION)
    const form = page.getByTestId('outline-note-form')
    // Nothing is chosen for the person.
    for (const kind of ['Fact', 'Observation', 'Allegation', 'Opinion']) {
      expect(await form.getByRole('radio', { name: kind, exact: true }).isChecked()).toBe(false)
    }
    expect(await form.getByTestId('source-not-given').isChecked()).toBe(false)

    await page.getByTestId('outline-note-save').click()
    expect(await form.getByTestId('kind-error').innerText()).toBe('Choose what kind of information this is.')
    expect(await form.getByTestId('source-error').innerText()).toBe(
      'Say where this came from, or tick “Source not given”.',
    )
    // The keyboard is taken to the first thing missing, and each option names the problem.
    const fact = form.getByRole('radio', { name: 'Fact', exact: true })
    expect(await fact.evaluate((node) => node === document.activeElement)).toBe(true)
    expect(await fact.getAttribute('aria-invalid')).toBe('true')
    expect(await fact.evaluate((node) => node.getAttribute('aria-describedby'))).toBe(
      await form.getByTestId('kind-error').getAttribute('id'),
    )
    expect(describeViolations(await axeViolations(page))).toEqual([])
    await page.screenshot({ path: artifactPath('kind-and-source/refused-without-a-kind.png') })
    // Nothing reached the server.
    expect(readMap(reader.doc).notes).toEqual([])

    // A kind alone is still not enough.
    await form.getByRole('radio', { name: 'Allegation', exact: true }).check()
    await page.getByTestId('outline-note-save').click()
    expect(await form.getByTestId('kind-error').count()).toBe(0)
    expect(await form.getByTestId('source-error').count()).toBe(1)
    await form.getByTestId('source-not-given').check()
    expect(await form.getByTestId('source-error').count()).toBe(0)
    await page.getByTestId('outline-note-save').click()
    await form.waitFor({ state: 'detached' })

    const row = outlineNote(page, ZONE, ALLEGATION)
    expect(await row.getByTestId('outline-note-kind').textContent()).toBe('Allegation')
    expect(await row.getByTestId('outline-note-from').innerText()).toBe('Source not given')
    await waitFor(() => readMap(reader.doc).notes.length === 1)
    expect(readMap(reader.doc).notes.map(({ kind, source }) => ({ kind, source }))).toEqual([
      { kind: 'allegation', source: '' },
    ])
    // On the board too, for everyone, the parent's phone as well.
    await expect.poll(() => canvasTexts(page, 'note-source')).toEqual(['Source not given'])
    await seats.parent.page.getByTestId('outline-tab').click()
    await expect
      .poll(() =>
        outlineNote(seats.parent.page, ZONE, ALLEGATION).getByTestId('outline-note-from').innerText(),
      )
      .toBe('Source not given')
    await seats.parent.page.screenshot({ path: artifactPath('kind-and-source/parent-source-not-given.png') })
  })

  it('the note editor on the board keeps the note open until its source is given', async () => {
    const { page } = seats.professional
    await page.getByTestId('add-note-button').click()
    await page.getByTestId('add-note-dialog').locator(`[data-zone="${ZONE}"]`).click()
    const editor = page.getByTestId('note-editor')
    await page.getByTestId('note-editor-text').fill(JARGON)
    await editor.getByRole('radio', { name: 'Fact', exact: true }).check()
    await page.getByTestId('note-editor-done').click()
    expect(await editor.getByTestId('source-error').innerText()).toBe(
      'Say where this came from, or tick “Source not given”.',
    )
    expect(
      await editor.getByTestId('note-editor-source').evaluate((node) => node === document.activeElement),
    ).toBe(true)
    // A click elsewhere on the board does not drop it, nor add it half-made.
    const empty = await sectionFirstSlot(page, 'next-steps')
    await page.mouse.click(empty.x, empty.y)
    expect(await editor.isVisible()).toBe(true)
    await page.screenshot({ path: artifactPath('kind-and-source/editor-asks-for-the-source.png') })
    await page.getByTestId('note-editor-source').fill('council records')
    await page.getByTestId('note-editor-done').click()
    await editor.waitFor({ state: 'detached' })
    await outlineNote(page, ZONE, JARGON).waitFor()
    expect(await outlineNote(page, ZONE, JARGON).getByTestId('outline-note-from').innerText()).toBe(
      'Source: council records',
    )
    await addNoteInOutline(page, 'existing-strengths', OPINION, { kind: 'Opinion', source: 'Gran' })
    await waitFor(() => readMap(reader.doc).notes.length === 3)
  })

  it('the chair’s checklist counts the item with no source and the one using jargon, and goes to each', async () => {
    const { page } = seats.chair
    await openMeeting(page, 'checklist')
    const checklist = page.getByTestId('chair-checklist')
    const noSource = checklist.getByTestId('checklist-source-not-given')
    const jargon = checklist.getByTestId('checklist-jargon')
    await expect.poll(() => noSource.getByTestId('checklist-count').innerText()).toBe('1 item')
    expect(await jargon.getByTestId('checklist-count').innerText()).toBe('1 item')
    expect(await jargon.getByTestId('checklist-summary').innerText()).toBe('Terms: LADO')

    await jargon.getByTestId('checklist-toggle').click()
    expect(await jargon.getByTestId('checklist-toggle').getAttribute('aria-expanded')).toBe('true')
    const item = jargon.getByTestId('checklist-item')
    expect(await item.allInnerTexts()).toEqual([`${JARGON}\nPast harm · LADO`])
    await noSource.getByTestId('checklist-toggle').click()
    await page.screenshot({ path: artifactPath('kind-and-source/chair-checklist.png') })

    // Going to the item: selected on the board, focused in the Outline.
    const jargonId = (await outlineNote(page, ZONE, JARGON).getAttribute('data-note-id')) ?? ''
    await item.click()
    await expect.poll(() => selectedNoteIds(page)).toEqual([jargonId])
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-note-id')))
      .toBe(jargonId)

    const allegationId = (await outlineNote(page, ZONE, ALLEGATION).getAttribute('data-note-id')) ?? ''
    await noSource.getByTestId('checklist-item').click()
    await expect.poll(() => selectedNoteIds(page)).toEqual([allegationId])
    await closeMeeting(page)
  })

  it('the filter shows only allegations, on this device only, and what it hides cannot be reached', async () => {
    const { page } = seats.chair
    const allegationId = (await outlineNote(page, ZONE, ALLEGATION).getAttribute('data-note-id')) ?? ''
    const jargonId = (await outlineNote(page, ZONE, JARGON).getAttribute('data-note-id')) ?? ''
    // Before: Ctrl+A from the allegation takes both notes of its section.
    const centre = await noteCentre(page, allegationId)
    await page.mouse.click(centre.x, centre.y)
    await page.keyboard.press('Control+a')
    await expect
      .poll(async () => (await selectedNoteIds(page)).sort())
      .toEqual([allegationId, jargonId].sort())

    await page.getByTestId('kind-filter').selectOption('allegation')
    await expect.poll(() => canvasTexts(page, 'note-text')).toEqual([ALLEGATION])
    expect(await outlineTexts(page, ZONE)).toEqual([ALLEGATION])
    expect(await outlineTexts(page, 'existing-strengths')).toEqual([])
    expect(await page.getByTestId('outline-filter').innerText()).toBe(
      'Showing allegations only: 2 notes hidden.',
    )
    // The hidden note left the selection, and the keyboard cannot take it back.
    expect(await selectedNoteIds(page)).toEqual([allegationId])
    const again = await noteCentre(page, allegationId)
    await page.mouse.click(again.x, again.y)
    await page.keyboard.press('Control+a')
    for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp']) await page.keyboard.press(key)
    expect(await selectedNoteIds(page)).toEqual([allegationId])
    expect(await outlineNote(page, ZONE, JARGON).count()).toBe(0)
    expect(describeViolations(await axeViolations(page))).toEqual([])
    await page.screenshot({ path: artifactPath('kind-and-source/chair-allegations-only.png') })

    // A view setting, not the map: the professional and the parent still see everything.
    expect(await canvasTexts(seats.professional.page, 'note-text')).toHaveLength(3)
    expect(await outlineTexts(seats.parent.page, ZONE)).toEqual([ALLEGATION, JARGON])
    expect([...reader.doc.share.keys()].some((name) => /filter/i.test(name))).toBe(false)

    await page.getByTestId('kind-filter').selectOption('all')
    await expect.poll(async () => (await canvasTexts(page, 'note-text')).length).toBe(3)
    expect(await page.getByTestId('outline-filter').count()).toBe(0)
  })

  it('is each person’s own: the professional shows only opinions while the chair sees all', async () => {
    const { page } = seats.professional
    await page.getByTestId('kind-filter').selectOption('opinion')
    await expect.poll(() => canvasTexts(page, 'note-text')).toEqual([OPINION])
    expect(await outlineTexts(page, ZONE)).toEqual([])
    expect(await canvasTexts(seats.chair.page, 'note-text')).toHaveLength(3)
    await page.getByTestId('kind-filter').selectOption('all')
  })
})
