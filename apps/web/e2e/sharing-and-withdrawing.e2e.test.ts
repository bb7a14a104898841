// "Share with the family" and withdrawing (decision 0034): the chair shares a professional's restricted note and
// the parent's phone shows the copy as an ordinary shared note; the chair withdraws a shared note with a reason
// and the parent's phone shows it withdrawn, with the reason. Nothing else restricted reaches the parent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CHAIR,
  artifactPath,
  canvasTexts,
  chooseProvenance,
  noteCentre,
  outlineNote,
  outlineTexts,
  openThreeSeats,
} from './helpers.ts'
import type { RecordedPage, ThreeSeats } from './helpers.ts'

const ZONE = 'past-harm'
const TO_SHARE = 'Police can now say Dad was arrested on 2 May'
const KEPT = 'Informant’s name is held by the police — restricted marker 4d1e'
const REASON = 'The arrest was of someone else with the same name'

describe('sharing a note with the family, and withdrawing one', () => {
  let seats: ThreeSeats
  let chair: RecordedPage
  let professional: RecordedPage
  let parent: RecordedPage

  beforeAll(async () => {
    seats = await openThreeSeats('Review conference — the Smith family')
    ;({ chair, professional, parent } = seats)
    await parent.page.getByTestId('outline-tab').click()
  })

  afterAll(async () => {
    await seats?.close()
  })

  it('the professional’s restricted notes reach the chair; only the chair is offered "Share with the family"', async () => {
    const page = professional.page
    for (const text of [TO_SHARE, KEPT]) {
      await page.getByTestId(`outline-add-${ZONE}`).click()
      await page.getByTestId('outline-note-input').fill(text)
      await page.getByTestId('professionals-only-toggle').check()
      await chooseProvenance(page.getByTestId('outline-note-form'))
      await page.getByTestId('outline-note-save').click()
      await page.getByTestId('outline-note-form').waitFor({ state: 'detached' })
    }
    await outlineNote(chair.page, ZONE, KEPT).waitFor()
    expect(await outlineNote(chair.page, ZONE, TO_SHARE).getByTestId('outline-note-share').count()).toBe(1)
    expect(await page.getByTestId('outline-note-share').count()).toBe(0)
    expect(await outlineTexts(parent.page, ZONE)).toEqual([])
  })

  it('the chair shares one: the parent sees the copy, and nothing else; the original says it was shared', async () => {
    const row = outlineNote(chair.page, ZONE, TO_SHARE).and(
      chair.page.locator('[data-audience="professionals"]'),
    )
    await row.getByTestId('outline-note-share').click()
    await expect
      .poll(() => row.getByTestId('outline-note-shared').innerText())
      .toMatch(new RegExp(`^Shared on \\d{1,2} \\w{3} \\d{4} by ${CHAIR.name}$`))
    expect(await row.getByTestId('outline-note-share').count()).toBe(0)

    // The parent's phone: the copy, as an ordinary shared note of the chair's; not the other restricted note.
    await expect.poll(() => outlineTexts(parent.page, ZONE)).toEqual([TO_SHARE])
    const copy = outlineNote(parent.page, ZONE, TO_SHARE)
    expect(await copy.getAttribute('data-audience')).toBeNull()
    expect(await copy.getAttribute('data-note-id')).not.toMatch(/^p-/)
    expect(await copy.getByTestId('outline-note-restricted').count()).toBe(0)
    expect(await copy.getByTestId('outline-note-shared').count()).toBe(0)
    expect(await copy.locator('.outline-note-author').innerText()).toContain(CHAIR.name)
    expect(await parent.page.content()).not.toContain('restricted marker')

    // The chair sees both: the original, marked shared, and the copy.
    await expect
      .poll(async () => (await outlineTexts(chair.page, ZONE)).filter((text) => text === TO_SHARE))
      .toHaveLength(2)
    await chair.page.screenshot({ path: artifactPath('sharing/chair-after-sharing.png') })
    await parent.page.screenshot({ path: artifactPath('sharing/parent-phone-shared-copy.png') })
  })

  it('the chair withdraws the copy on the canvas, with a reason; the parent sees it withdrawn with the reason', async () => {
    const page = chair.page
    const copyId = await outlineNote(parent.page, ZONE, TO_SHARE).getAttribute('data-note-id')
    expect(copyId).not.toBeNull()
    const centre = await noteCentre(page, copyId ?? '')
    await page.mouse.dblclick(centre.x, centre.y)
    await page.getByTestId('note-editor').waitFor()
    // The copy is a shared note: it can be withdrawn, not shared again.
    expect(await page.getByTestId('share-with-family').count()).toBe(0)
    await page.getByTestId('withdraw-note').click()
    const dialog = page.getByTestId('withdraw-dialog')
    await dialog.waitFor()
    // An explanation is required.
    expect(await dialog.getByTestId('withdraw-confirm').isDisabled()).toBe(true)
    await dialog.getByTestId('withdraw-reason').fill(REASON)
    await dialog.getByTestId('withdraw-confirm').click()
    await dialog.waitFor({ state: 'detached' })
    await expect
      .poll(() => page.getByTestId('note-editor-withdrawn').innerText())
      .toMatch(new RegExp(`^Withdrawn by ${CHAIR.name} on \\d{1,2} \\w{3} \\d{4}: ${REASON}$`))
    expect(await page.getByTestId('withdraw-note').count()).toBe(0)
    await page.keyboard.press('Escape')
    await page.getByTestId('note-editor').waitFor({ state: 'detached' })

    // The parent's phone: the note stays, struck through and saying who withdrew it, when and why.
    const row = outlineNote(parent.page, ZONE, TO_SHARE)
    await expect.poll(() => row.getAttribute('data-withdrawn')).toBe('true')
    expect(await row.getByTestId('outline-note-withdrawn').innerText()).toContain(
      `Withdrawn by ${CHAIR.name}`,
    )
    expect(await row.getByTestId('outline-note-withdrawn').innerText()).toContain(REASON)
    expect(await row.locator('del').innerText()).toBe(TO_SHARE)
    await parent.page.screenshot({ path: artifactPath('sharing/parent-phone-withdrawn.png') })
    await parent.page.getByRole('tab', { name: 'Board' }).click()
    await expect
      .poll(() => canvasTexts(parent.page, 'note-withdrawn'))
      .toEqual([expect.stringContaining(`Withdrawn by ${CHAIR.name} on `)])
    await parent.page.screenshot({ path: artifactPath('sharing/parent-phone-withdrawn-board.png') })
    await page.screenshot({ path: artifactPath('sharing/chair-after-withdrawing.png') })
  })

  it('nothing restricted reached the parent’s page, and no page failed', async () => {
    expect(await parent.page.content()).not.toContain('restricted marker')
    expect(parent.requests.filter((url) => url.includes('/professionals'))).toEqual([])
    expect(parent.errors).toEqual([])
    expect(chair.errors).toEqual([])
  })
})
