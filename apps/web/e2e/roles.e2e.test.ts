import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser, Page } from 'playwright-core'
import type { CreateMapResponse } from '@mapboard/protocol'
import {
  CHAIR,
  DESKTOP,
  FAMILY,
  PROFESSIONAL,
  VIEWER,
  addNoteInOutline,
  artifactPath,
  canvasCount,
  canvasNodeCentre,
  canvasTexts,
  controlsOffScreen,
  dragWithMouse,
  joinByLink,
  launchBrowser,
  noteCentre,
  noteDraggable,
  openRecordedPage,
  outlineNote,
  outlineTexts,
  phoneContextOptions,
  relaySync,
  sectionFirstSlot,
  smallTouchTargets,
} from './helpers.ts'
import type { RecordedPage, SyncRelay } from './helpers.ts'

const PAST_HARM = 'past-harm'

/** The id of the note with this text in a section of the page's outline. */
async function noteIdOf(page: Page, zone: string, text: string): Promise<string> {
  const id = await outlineNote(page, zone, text).getAttribute('data-note-id')
  if (!id) throw new Error(`no note "${text}" in ${zone}`)
  return id
}

/** Locks or unlocks a section from the outline's toggle (the chair's), and waits until it shows. */
async function setLockInOutline(page: Page, zone: string, locked: boolean): Promise<void> {
  const toggle = page.getByTestId(`outline-lock-${zone}`)
  if ((await toggle.getAttribute('aria-pressed')) !== String(locked)) await toggle.click()
  await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe(String(locked))
}

const sectionLocked = (page: Page, zone: string) =>
  page.getByTestId(`outline-section-${zone}`).getAttribute('data-locked')

describe('roles and locks, each person in their own browser', () => {
  let server: TestServer
  let browser: Browser
  let map: CreateMapResponse
  let chair: RecordedPage
  let professional: RecordedPage
  let relay: SyncRelay
  let family: RecordedPage

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    map = await server.createMap('Review conference — the Smith family')
    chair = await openRecordedPage(browser, { viewport: DESKTOP })
    professional = await openRecordedPage(browser, { viewport: DESKTOP })
    family = await openRecordedPage(browser, { viewport: DESKTOP })
    relay = await relaySync(professional.page)
    await joinByLink(chair.page, map.links.chair, CHAIR)
    await joinByLink(professional.page, map.links.professional, PROFESSIONAL)
    await joinByLink(family.page, map.links.family, FAMILY)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('shows who is here as the server knows them: name, role and agency', async () => {
    await expect.poll(() => chair.page.getByTestId('presence-button').innerText()).toContain('3')
    await chair.page.getByTestId('presence-button').click()
    const roster = chair.page.getByTestId('roster-panel')
    await expect
      .poll(() => roster.getByTestId('roster-present').allInnerTexts())
      .toEqual([
        expect.stringContaining('Alex Morgan (you)'),
        expect.stringContaining('Jo Smith'),
        expect.stringContaining('Sam Patel'),
      ])
    expect(await roster.locator('[data-role="professional"]').innerText()).toContain(
      'Professional · Riverside Primary School',
    )
    expect(await roster.locator('[data-role="family"]').innerText()).toContain('Family')
    await chair.page.getByRole('button', { name: 'Close the meeting panel' }).click()
  })

  it('the chair locks "Past harm" on the canvas; the professional is offered no way to add there', async () => {
    const toggle = await canvasNodeCentre(chair.page, `#section-${PAST_HARM} .lock-toggle`)
    if (toggle === null) throw new Error('no lock toggle on the chair’s canvas')
    await chair.page.mouse.click(toggle.x, toggle.y)
    await expect.poll(() => sectionLocked(chair.page, PAST_HARM)).toBe('true')
    expect(await chair.page.getByTestId(`outline-lock-${PAST_HARM}`).getAttribute('aria-pressed')).toBe(
      'true',
    )

    // The professional's board shows it locked, on the canvas and in the outline.
    const page = professional.page
    await expect.poll(() => sectionLocked(page, PAST_HARM)).toBe('true')
    expect(await page.getByTestId(`outline-locked-${PAST_HARM}`).innerText()).toContain('Locked')
    expect(await canvasTexts(page, 'section-lock-label')).toEqual(['Locked'])
    expect(await canvasCount(page, '.section-lock', `#section-${PAST_HARM}`)).toBe(1)

    // No add control there (other sections keep theirs), and no lock toggle for a professional.
    expect(await page.getByTestId(`outline-add-${PAST_HARM}`).count()).toBe(0)
    expect(await page.getByTestId('outline-add-future-danger').count()).toBe(1)
    expect(await canvasCount(page, '.add-note', `#section-${PAST_HARM}`)).toBe(0)
    expect(await canvasCount(page, '.add-note', '#section-future-danger')).toBe(1)
    expect(await canvasCount(page, '.lock-toggle')).toBe(0)
    expect(await page.locator('[data-testid^="outline-lock-"]').count()).toBe(0)
    expect(await page.getByTestId('lock-all-button').count()).toBe(0)
    await page.getByTestId('add-note-button').click()
    const dialog = page.getByTestId('add-note-dialog')
    expect(await dialog.locator(`[data-zone="${PAST_HARM}"]`).isDisabled()).toBe(true)
    expect(await dialog.locator('[data-zone="future-danger"]').isEnabled()).toBe(true)
    await dialog.getByRole('button', { name: 'Close' }).click()

    // Double-clicking the locked section on the canvas opens no editor.
    const slot = await sectionFirstSlot(page, PAST_HARM)
    await page.mouse.dblclick(slot.x, slot.y)
    await page.waitForTimeout(300)
    expect(await page.getByTestId('note-editor').count()).toBe(0)
  })

  it('an add forced through while the lock is on its way is reverted by the server, with a calm explanation', async () => {
    const page = professional.page
    await setLockInOutline(chair.page, PAST_HARM, false)
    await expect.poll(() => page.getByTestId(`outline-add-${PAST_HARM}`).count()).toBe(1)

    // The chair locks again while the professional's phone has not heard yet (its socket is held back).
    relay.hold()
    await setLockInOutline(chair.page, PAST_HARM, true)
    await expect.poll(() => relay.heldCount).toBeGreaterThan(0)
    expect(await sectionLocked(page, PAST_HARM)).toBe('false')

    // The professional adds a note there by keyboard: Enter on "+ Add", type, Enter on "Add note".
    const text = 'Dad shouted at the children in the car park after contact.'
    await page.getByTestId(`outline-add-${PAST_HARM}`).focus()
    await page.keyboard.press('Enter')
    await page.getByTestId('outline-note-input').waitFor()
    await page.keyboard.type(text)
    const form = page.getByTestId('outline-note-form')
    await form.getByRole('radio', { name: 'Observation', exact: true }).focus()
    await page.keyboard.press('Space')
    await form.getByTestId('source-not-given').focus()
    await page.keyboard.press('Space')
    await page.getByTestId('outline-note-save').focus()
    await page.keyboard.press('Enter')
    await outlineNote(page, PAST_HARM, text).waitFor()
    const undo = page.getByRole('button', { name: 'Undo my last change' })
    expect(await undo.isEnabled()).toBe(true)

    relay.release()
    const toast = page.getByTestId('toast')
    await toast.waitFor()
    expect(await toast.innerText()).toContain('Past harm is locked by the chair.')
    // The refused add is no longer offered to undo (nor to redo, which would only be refused again).
    await expect.poll(() => undo.isDisabled()).toBe(true)
    expect(await page.getByRole('button', { name: 'Redo my last change' }).isDisabled()).toBe(true)
    await page.screenshot({ path: artifactPath('refused-edit-toast-desktop-1440x900.png') })
    await expect.poll(() => outlineNote(page, PAST_HARM, text).count()).toBe(0)
    await expect.poll(() => sectionLocked(page, PAST_HARM)).toBe('true')
    expect(await canvasTexts(page, 'note-text')).not.toContain(text)
    // It never reached anyone else.
    expect(await outlineNote(chair.page, PAST_HARM, text).count()).toBe(0)
    expect(await outlineNote(family.page, PAST_HARM, text).count()).toBe(0)
  })

  it('the chair can still add to the locked section', async () => {
    const text = 'Police were called to the home twice in March after neighbours heard shouting.'
    expect(await canvasCount(chair.page, '.add-note', `#section-${PAST_HARM}`)).toBe(1)
    await addNoteInOutline(chair.page, PAST_HARM, text)
    await outlineNote(professional.page, PAST_HARM, text).waitFor()
    await outlineNote(family.page, PAST_HARM, text).waitFor()
    // Kept, not reverted, and the chair keeps every control on it.
    await chair.page.waitForTimeout(500)
    expect(await outlineTexts(chair.page, PAST_HARM)).toEqual([text])
    const id = await noteIdOf(chair.page, PAST_HARM, text)
    expect(await noteDraggable(chair.page, id)).toBe(true)
    expect(await noteDraggable(professional.page, id)).toBe(false)
    expect(
      await outlineNote(professional.page, PAST_HARM, text).getByTestId('outline-note-edit').count(),
    ).toBe(0)
  })

  it('a professional cannot drag their own note into a locked section, nor out of one', async () => {
    const text = 'Sam has been in school every day this term.'
    await addNoteInOutline(professional.page, 'existing-strengths', text)
    const id = await noteIdOf(professional.page, 'existing-strengths', text)
    expect(await noteDraggable(professional.page, id)).toBe(true)
    await dragWithMouse(
      professional.page,
      await noteCentre(professional.page, id),
      await sectionFirstSlot(professional.page, PAST_HARM),
    )
    await professional.page.waitForTimeout(500)
    expect(await outlineNote(professional.page, 'existing-strengths', text).count()).toBe(1)
    expect(await outlineNote(chair.page, PAST_HARM, text).count()).toBe(0)

    // Once its own section is locked, the note stays put for them too.
    await setLockInOutline(chair.page, 'existing-strengths', true)
    await expect.poll(() => noteDraggable(professional.page, id)).toBe(false)
    await expect
      .poll(() =>
        outlineNote(professional.page, 'existing-strengths', text).getByTestId('outline-note-edit').count(),
      )
      .toBe(0)
    await setLockInOutline(chair.page, 'existing-strengths', false)
    await expect.poll(() => noteDraggable(professional.page, id)).toBe(true)
  })

  it("a family member cannot edit the professional's note, only their own", async () => {
    const theirs = 'Sam has been in school every day this term.'
    const page = family.page
    await outlineNote(page, 'existing-strengths', theirs).waitFor()
    const id = await noteIdOf(page, 'existing-strengths', theirs)
    expect(
      await outlineNote(page, 'existing-strengths', theirs).getByTestId('outline-note-edit').count(),
    ).toBe(0)
    expect(await outlineNote(page, 'existing-strengths', theirs).innerText()).toContain(
      'Added by Sam Patel (Riverside Primary School)',
    )
    expect(await noteDraggable(page, id)).toBe(false)
    // A double-click (which edits a note one may change) selects it but opens no editor.
    const centre = await noteCentre(page, id)
    await page.mouse.dblclick(centre.x, centre.y)
    await page.waitForTimeout(300)
    expect(await page.getByTestId('note-editor').count()).toBe(0)

    // Their own note is theirs to change.
    const mine = 'Mum takes the children to the park every Saturday.'
    await addNoteInOutline(page, 'existing-strengths', mine)
    const row = outlineNote(page, 'existing-strengths', mine)
    expect(await row.getAttribute('data-mine')).toBe('true')
    expect(await row.getByTestId('outline-note-edit').count()).toBe(1)
    expect(await noteDraggable(page, await noteIdOf(page, 'existing-strengths', mine))).toBe(true)
    // …and not the professional's to change.
    await outlineNote(professional.page, 'existing-strengths', mine).waitFor()
    expect(
      await outlineNote(professional.page, 'existing-strengths', mine)
        .getByTestId('outline-note-edit')
        .count(),
    ).toBe(0)
  })

  it("a viewer's board offers no editing anywhere", async () => {
    const viewer = await openRecordedPage(browser, { viewport: DESKTOP })
    await joinByLink(viewer.page, map.links.viewer, VIEWER)
    const page = viewer.page
    await outlineNote(
      page,
      PAST_HARM,
      'Police were called to the home twice in March after neighbours heard shouting.',
    ).waitFor()

    expect(await page.getByTestId('view-only-badge').innerText()).toContain('View only')
    expect(await page.getByTestId('add-note-button').count()).toBe(0)
    expect(await page.locator('[data-testid^="outline-add-"]').count()).toBe(0)
    expect(await page.locator('[data-testid^="outline-lock-"]').count()).toBe(0)
    expect(await page.getByTestId('outline-note-edit').count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Undo my last change' }).count()).toBe(0)
    expect(await canvasCount(page, '.add-note')).toBe(0)
    expect(await canvasCount(page, '.lock-toggle')).toBe(0)
    const ids = await page
      .getByTestId('outline-note')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-note-id') ?? ''))
    expect(ids.length).toBeGreaterThan(0)
    for (const id of ids) expect(await noteDraggable(page, id)).toBe(false)

    const slot = await sectionFirstSlot(page, 'future-danger')
    await page.mouse.dblclick(slot.x, slot.y)
    const first = ids[0] ?? ''
    const centre = await noteCentre(page, first)
    await page.mouse.dblclick(centre.x, centre.y)
    await page.waitForTimeout(300)
    expect(await page.getByTestId('note-editor').count()).toBe(0)
    expect(await page.getByTestId('outline-note-form').count()).toBe(0)
  })

  it('saves screenshots of the locked board on a desktop and on a phone', async () => {
    await addNoteInOutline(
      professional.page,
      'future-danger',
      'We are worried the children could be hurt if the fighting at home carries on.',
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
    await setLockInOutline(chair.page, 'future-danger', true)
    await outlineNote(
      family.page,
      'next-steps',
      'Review meeting with the family and school in four weeks.',
    ).waitFor()
    await expect.poll(() => sectionLocked(family.page, 'future-danger')).toBe('true')
    await chair.page.getByRole('button', { name: 'Fit map to screen' }).click()
    await chair.page.getByTestId(`outline-section-${PAST_HARM}`).scrollIntoViewIfNeeded()
    await chair.page.screenshot({ path: artifactPath('locked-board-chair-desktop-1440x900.png') })
    await professional.page.getByRole('button', { name: 'Fit map to screen' }).click()
    await professional.page.screenshot({
      path: artifactPath('locked-board-professional-desktop-1440x900.png'),
    })

    const phone = await openRecordedPage(browser, phoneContextOptions())
    await joinByLink(phone.page, map.links.family, { name: 'Chris Smith' })
    await expect.poll(() => canvasTexts(phone.page, 'section-lock-label')).toEqual(['Locked', 'Locked'])
    await phone.page.screenshot({ path: artifactPath('locked-board-phone-390x844.png') })
    await phone.page.getByTestId('outline-tab').click()
    await phone.page.getByTestId(`outline-section-${PAST_HARM}`).scrollIntoViewIfNeeded()
    await phone.page.screenshot({ path: artifactPath('locked-board-phone-outline-390x844.png') })
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    expect(await smallTouchTargets(phone.page)).toEqual([])
    expect(await controlsOffScreen(phone.page)).toEqual([])

    // The chair's toolbar on a phone fits too, "Lock all" included.
    const chairPhone = await openRecordedPage(browser, phoneContextOptions())
    await joinByLink(chairPhone.page, map.links.chair, { name: 'Pat Jones', agency: 'Riverside Council' })
    await chairPhone.page.getByTestId('lock-all-button').waitFor()
    await chairPhone.page.screenshot({ path: artifactPath('locked-board-chair-phone-390x844.png') })
    expect(await chairPhone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    )
    expect(await smallTouchTargets(chairPhone.page)).toEqual([])
    expect(await controlsOffScreen(chairPhone.page)).toEqual([])
  })

  it('"Lock all" locks every section at once, and "Unlock all" opens them again', async () => {
    await chair.page.getByTestId('lock-all-button').click()
    await expect.poll(() => chair.page.getByTestId('lock-all-button').innerText()).toContain('Unlock all')
    await expect.poll(() => canvasTexts(professional.page, 'section-lock-label')).toHaveLength(7)
    expect(await professional.page.locator('[data-testid^="outline-add-"]').count()).toBe(0)
    await chair.page.getByTestId('lock-all-button').click()
    await expect.poll(() => canvasTexts(professional.page, 'section-lock-label')).toEqual([])
    expect(await professional.page.locator('[data-testid^="outline-add-"]').count()).toBe(7)
  })
})
