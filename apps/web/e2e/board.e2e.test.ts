import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser } from 'playwright-core'
import type { Role } from '@mapboard/protocol'
import {
  CHAIR,
  COLUMN_HEADINGS,
  FAMILY,
  PROFESSIONAL,
  DESKTOP,
  SECTION_HEADINGS,
  addNoteInOutline,
  artifactPath,
  cameraOf,
  canvasNodeCentre,
  canvasTexts,
  chooseProvenance,
  createMapFromLanding,
  dragWithMouse,
  foreignRequests,
  joinByLink,
  launchBrowser,
  noteCentre,
  openRecordedPage,
  outlineNote,
  outlineTexts,
  phoneContextOptions,
  sectionFirstSlot,
  smallTouchTargets,
  timeNotePropagation,
} from './helpers.ts'
import type { RecordedPage } from './helpers.ts'

describe('the board in two browsers', () => {
  let server: TestServer
  let browser: Browser
  let chair: RecordedPage
  let professional: RecordedPage
  let links: Record<Role, string>
  const pages: RecordedPage[] = []
  const harm = 'Police were called to the home twice in March after neighbours heard shouting.'

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    chair = await openRecordedPage(browser, { viewport: DESKTOP })
    professional = await openRecordedPage(browser, { viewport: DESKTOP })
    pages.push(chair, professional)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('creates a map from the landing page and lets a second browser join by the professional link', async () => {
    links = await createMapFromLanding(chair.page, server.url, 'Initial conference — the Smith family', CHAIR)
    for (const role of ['chair', 'professional', 'family', 'viewer'] as const) {
      expect(links[role]).toMatch(new RegExp(`^${server.url}/m/[^/#]+#.+`))
    }
    // The capability token is taken out of the address bar once read.
    expect(chair.page.url()).not.toContain('#')

    await joinByLink(professional.page, links.professional, PROFESSIONAL)
    expect(professional.page.url()).not.toContain('#')
    await expect
      .poll(() => professional.page.getByTestId('map-title').innerText())
      .toBe('Initial conference — the Smith family')
    await expect.poll(() => chair.page.getByTestId('presence-button').innerText()).toContain('2')
  })

  it('shows a note added in one browser in the other', async () => {
    await chair.page.getByTestId('outline-add-past-harm').click()
    await chair.page.getByTestId('outline-note-input').fill(harm)
    await chooseProvenance(chair.page.getByTestId('outline-note-form'))
    // From the click on "Add note" in one browser to the note in the other browser's outline.
    const elapsed = await timeNotePropagation(chair.page, professional.page, 'past-harm', harm, () =>
      chair.page.getByTestId('outline-note-save').click(),
    )
    console.log(`note-propagation-ms: ${Math.round(elapsed)}`)
    await outlineNote(professional.page, 'past-harm', harm).waitFor()

    // It is drawn on the other canvas too, and attributed to its author.
    await expect.poll(() => canvasTexts(professional.page, 'note-text')).toContain(harm)
    await expect
      .poll(() => outlineNote(professional.page, 'past-harm', harm).innerText())
      .toContain('Added by Alex Morgan')
  })

  it('moves a note dragged with the mouse to another section, in both browsers', async () => {
    const noteId = await outlineNote(chair.page, 'past-harm', harm).getAttribute('data-note-id')
    expect(noteId).toBeTruthy()
    const from = await noteCentre(chair.page, noteId ?? '')
    const to = await sectionFirstSlot(chair.page, 'existing-safety')
    await dragWithMouse(chair.page, from, to)

    await outlineNote(chair.page, 'existing-safety', harm).waitFor()
    await outlineNote(professional.page, 'existing-safety', harm).waitFor()
    expect(await outlineTexts(professional.page, 'past-harm')).toEqual([])
    expect(await outlineTexts(chair.page, 'past-harm')).toEqual([])
    // And the other canvas draws it inside the new section.
    await expect
      .poll(async () => {
        const note = await noteCentre(professional.page, noteId ?? '')
        const slot = await sectionFirstSlot(professional.page, 'existing-safety')
        return Math.hypot(note.x - slot.x, note.y - slot.y)
      })
      .toBeLessThan(5)
  })

  it('labels the columns and sections on the board in the exact words of product.md', async () => {
    for (const { page } of [chair, professional]) {
      expect(await canvasTexts(page, 'column-label')).toEqual(COLUMN_HEADINGS)
      expect(await canvasTexts(page, 'section-label')).toEqual(SECTION_HEADINGS)
      expect(await page.getByTestId('outline-column-heading').allInnerTexts()).toEqual(COLUMN_HEADINGS)
      expect(await page.getByTestId('outline-section-heading').allInnerTexts()).toEqual(SECTION_HEADINGS)
    }
  })

  it('says the page is in British English, so screen readers and spell checkers use en-GB', async () => {
    expect(await chair.page.getAttribute('html', 'lang')).toBe('en-GB')
  })

  it('saves screenshots of the board on a desktop and on a phone', async () => {
    await addNoteInOutline(
      chair.page,
      'future-danger',
      'We are worried the children could be hurt if the fighting at home carries on.',
    )
    await addNoteInOutline(
      professional.page,
      'existing-strengths',
      'Gran collects the children from school every day and they are always on time.',
    )
    await addNoteInOutline(
      professional.page,
      'safety-goals',
      'The children feel safe at home and know who to call if they are worried.',
    )
    await addNoteInOutline(
      chair.page,
      'next-steps',
      'Review meeting with the family and school in four weeks.',
    )
    await outlineNote(
      professional.page,
      'next-steps',
      'Review meeting with the family and school in four weeks.',
    ).waitFor()
    await chair.page.screenshot({ path: artifactPath('board-desktop-1440x900.png') })

    const phone = await openRecordedPage(browser, phoneContextOptions())
    pages.push(phone)
    await joinByLink(phone.page, links.family, FAMILY)
    await expect.poll(() => canvasTexts(phone.page, 'section-label')).toEqual(SECTION_HEADINGS)
    await phone.page.screenshot({ path: artifactPath('board-phone-390x844.png') })

    // Nothing sticks out sideways, and every control is big enough for a finger.
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    const small = await phone.page.evaluate(() =>
      [...document.querySelectorAll('button')]
        .map((button) => ({
          name: button.getAttribute('aria-label') ?? button.innerText,
          box: button.getBoundingClientRect(),
        }))
        .filter(({ box }) => box.width > 0 && (box.height < 44 || box.width < 44))
        .map(({ name, box }) => `${name} ${box.width}×${box.height}`),
    )
    expect(small).toEqual([])

    // The whole map is one tap away (sections summarised there), and from there one tap goes back to reading.
    await phone.page.getByRole('button', { name: 'Fit map to screen' }).click()
    await expect.poll(async () => (await canvasTexts(phone.page, 'section-summary-count')).length).toBe(7)
    await phone.page.screenshot({ path: artifactPath('board-phone-fitted-390x844.png') })
    expect(await smallTouchTargets(phone.page)).toEqual([])
    const pastHarm = await canvasNodeCentre(phone.page, '#section-past-harm')
    if (pastHarm === null) throw new Error('Past harm is not drawn')
    await phone.page.touchscreen.tap(pastHarm.x, pastHarm.y)
    await expect.poll(async () => (await cameraOf(phone.page)).scale).toBeGreaterThanOrEqual(1)

    await phone.page.getByTestId('outline-tab').click()
    await outlineNote(phone.page, 'existing-safety', harm).waitFor()
    await phone.page.screenshot({ path: artifactPath('board-phone-outline-390x844.png') })
  })

  it('made no request to any other origin', async () => {
    for (const { requests, errors } of pages) {
      expect(requests.length).toBeGreaterThan(0)
      expect(foreignRequests(requests, server.url)).toEqual([])
      expect(errors.filter((error) => error.startsWith('pageerror'))).toEqual([])
    }
  })
})
