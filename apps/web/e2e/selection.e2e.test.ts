import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser, Page } from 'playwright-core'
import {
  CHAIR,
  DESKTOP,
  PROFESSIONAL,
  addNoteInOutline,
  artifactPath,
  cameraOf,
  dragWithMouse,
  joinByLink,
  launchBrowser,
  noteCentre,
  openRecordedPage,
  outlineNote,
  outlineTexts,
  sectionFirstSlot,
  selectedNoteIds,
  waitForBoard,
} from './helpers.ts'
import type { Point, RecordedPage } from './helpers.ts'

// Issue 12, "Selection like other whiteboards" (decision 0026): a click selects, a double-click or Enter edits,
// Escape lets go, Delete removes, arrows go from note to note, shift-click and a box select several, a dragged
// selection moves together (one undo step), Ctrl+A takes the section, Ctrl+Y and Ctrl+Shift+Z redo.
describe('selecting notes on the board', () => {
  let server: TestServer
  let browser: Browser
  let chair: RecordedPage
  let professional: RecordedPage
  let page: Page
  const ids: Record<string, string> = {}

  const HURT = 'Sam had a bruise on his arm in March.'
  const CALLS = 'Two police call-outs to the home.'
  const MISSED = 'Missed three health visits.'
  const GRAN = 'Gran collects the children every day.'
  /** The professional's own note. */
  const MINE = 'Sam says he likes his new class.'

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    const map = await server.createMap('Selection')
    chair = await openRecordedPage(browser, { viewport: DESKTOP })
    professional = await openRecordedPage(browser, { viewport: DESKTOP })
    page = chair.page
    await joinByLink(page, map.links.chair, CHAIR)
    await joinByLink(professional.page, map.links.professional, PROFESSIONAL)
    for (const [zone, text] of [
      ['past-harm', HURT],
      ['past-harm', CALLS],
      ['past-harm', MISSED],
      ['existing-safety', GRAN],
    ] as const) {
      await addNoteInOutline(page, zone, text)
      ids[text] = (await outlineNote(page, zone, text).getAttribute('data-note-id')) ?? ''
    }
  })

  // Each test starts from the opening view, the start of the map at a readable zoom (editing a note zooms in to
  // it; fitting the whole map would show section summaries, not notes, decision 0027).
  beforeEach(async () => {
    await page.reload()
    await waitForBoard(page)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const id = (text: string): string => ids[text] ?? ''
  const centreOf = (text: string): Promise<Point> => noteCentre(page, id(text))
  const selected = (on: Page = page): Promise<string[]> => selectedNoteIds(on).then((list) => list.sort())
  const only = (...texts: string[]): string[] => texts.map(id).sort()
  const said = (on: Page = page): Promise<string> => on.getByTestId('selection-status').innerText()
  async function click(text: string, on: Page = page, shift = false): Promise<void> {
    const centre = await noteCentre(on, id(text))
    if (shift) await on.keyboard.down('Shift')
    await on.mouse.click(centre.x, centre.y)
    if (shift) await on.keyboard.up('Shift')
  }
  /** The empty top-left margin of the board. */
  async function emptyBoard(): Promise<Point> {
    const box = await page.getByTestId('board-canvas').boundingBox()
    if (box === null) throw new Error('no canvas')
    return { x: box.x + 6, y: box.y + 6 }
  }

  it('selects a note with a click, outlined and said aloud, without opening the editor', async () => {
    await click(HURT)
    await expect.poll(() => selected()).toEqual(only(HURT))
    await expect.poll(() => said()).toBe(`Selected in Past harm: ${HURT}`)
    await page.waitForTimeout(300)
    expect(await page.getByTestId('note-editor').count()).toBe(0)
    await page.screenshot({ path: artifactPath('selection/one-selected-desktop.png') })

    // A click on empty board lets go.
    const empty = await emptyBoard()
    await page.mouse.click(empty.x, empty.y)
    await expect.poll(() => selected()).toEqual([])
    await expect.poll(() => said()).toBe('No notes selected.')
  })

  it('edits with a double-click or Enter; Escape leaves the editor, a second Escape the selection', async () => {
    const centre = await centreOf(CALLS)
    await page.mouse.dblclick(centre.x, centre.y)
    const text = page.getByTestId('note-editor-text')
    await expect.poll(() => text.inputValue()).toBe(CALLS)
    await page.keyboard.press('Escape')
    await page.getByTestId('note-editor').waitFor({ state: 'detached' })
    expect(await selected()).toEqual(only(CALLS))

    await page.keyboard.press('Enter')
    await expect.poll(() => text.inputValue()).toBe(CALLS)
    // Typing keys are text in the editor: Backspace takes a letter, not the note.
    await text.press('Control+End')
    await text.press('Backspace')
    await expect.poll(() => text.inputValue()).toBe(CALLS.slice(0, -1))
    await text.press('Delete')
    await page.keyboard.type('.')
    await page.keyboard.press('Escape')
    await page.getByTestId('note-editor').waitFor({ state: 'detached' })
    await expect.poll(() => outlineTexts(page, 'past-harm')).toEqual([HURT, CALLS, MISSED])
    expect(await selected()).toEqual(only(CALLS))

    await page.keyboard.press('Escape')
    await expect.poll(() => selected()).toEqual([])
  })

  it('goes from note to note with the arrow keys, within a section and across sections, moving no note', async () => {
    // Past harm draws HURT CALLS / MISSED; Existing safety, in the next column, GRAN.
    await click(HURT)
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => selected()).toEqual(only(CALLS))
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => selected()).toEqual(only(HURT))
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => selected()).toEqual(only(MISSED))
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => selected()).toEqual(only(GRAN))
    await expect.poll(() => said()).toBe(`Selected in Existing safety: ${GRAN}`)
    await page.keyboard.press('ArrowUp')
    expect(await selected()).toEqual(only(GRAN))
    expect(await outlineTexts(page, 'past-harm')).toEqual([HURT, CALLS, MISSED])
    expect(await outlineTexts(page, 'existing-safety')).toEqual([GRAN])
  })

  it('adds and takes out notes with shift-click, and selects the notes a dragged box touches', async () => {
    await click(HURT)
    await click(MISSED, page, true)
    await expect.poll(() => selected()).toEqual(only(HURT, MISSED))
    await expect.poll(() => said()).toBe('2 notes selected in Past harm.')
    await click(MISSED, page, true)
    await expect.poll(() => selected()).toEqual(only(HURT))

    // From the section's padding just above and left of HURT to the middle of CALLS: the top row only.
    const { scale } = await cameraOf(page)
    const hurt = await centreOf(HURT)
    const calls = await centreOf(CALLS)
    const before = await cameraOf(page)
    await dragWithMouse(page, { x: hurt.x - 96 * scale, y: hurt.y - 66 * scale }, calls)
    await expect.poll(() => selected()).toEqual(only(HURT, CALLS))
    // The drag drew a box; it did not pan.
    expect(await cameraOf(page)).toEqual(before)
    await page.screenshot({ path: artifactPath('selection/box-selected-desktop.png') })

    // Shift and a box add to it.
    const missed = await centreOf(MISSED)
    await page.keyboard.down('Shift')
    await dragWithMouse(page, { x: missed.x - 96 * scale, y: missed.y + 70 * scale }, missed)
    await page.keyboard.up('Shift')
    await expect.poll(() => selected()).toEqual(only(HURT, CALLS, MISSED))
  })

  it('moves a dragged selection into another section together, one undo step, seen by another browser', async () => {
    await click(HURT)
    await click(CALLS, page, true)
    await dragWithMouse(page, await centreOf(CALLS), await sectionFirstSlot(page, 'existing-safety'))
    for (const on of [page, professional.page]) {
      await expect.poll(() => outlineTexts(on, 'existing-safety')).toEqual([HURT, CALLS, GRAN])
      await expect.poll(() => outlineTexts(on, 'past-harm')).toEqual([MISSED])
    }
    await page.screenshot({ path: artifactPath('selection/moved-together-desktop.png') })

    // One Ctrl+Z takes the whole move back; Ctrl+Y and Ctrl+Shift+Z redo it.
    await page.keyboard.press('Control+z')
    await expect.poll(() => outlineTexts(professional.page, 'past-harm')).toEqual([HURT, CALLS, MISSED])
    expect(await outlineTexts(page, 'existing-safety')).toEqual([GRAN])
    await page.keyboard.press('Control+y')
    await expect.poll(() => outlineTexts(professional.page, 'existing-safety')).toEqual([HURT, CALLS, GRAN])
    await page.keyboard.press('Control+z')
    await expect.poll(() => outlineTexts(page, 'past-harm')).toEqual([HURT, CALLS, MISSED])
    await page.keyboard.press('Control+Shift+Z')
    await expect.poll(() => outlineTexts(professional.page, 'existing-safety')).toEqual([HURT, CALLS, GRAN])
    expect(await outlineTexts(page, 'past-harm')).toEqual([MISSED])
  })

  it('selects the whole section with Ctrl+A', async () => {
    await click(GRAN)
    await page.keyboard.press('Control+a')
    await expect.poll(() => selected()).toEqual(only(HURT, CALLS, GRAN))
    await expect.poll(() => said()).toBe('3 notes selected in Existing safety.')
  })

  it("moves only the notes a professional may move, leaving the chair's where it is, and says why", async () => {
    const pro = professional.page
    await addNoteInOutline(pro, 'existing-safety', MINE)
    ids[MINE] = (await outlineNote(pro, 'existing-safety', MINE).getAttribute('data-note-id')) ?? ''
    await pro.reload()
    await waitForBoard(pro)
    await click(MINE, pro)
    await click(GRAN, pro, true)
    await expect.poll(() => selected(pro)).toEqual(only(MINE, GRAN))
    await dragWithMouse(pro, await noteCentre(pro, id(MINE)), await sectionFirstSlot(pro, 'next-steps'))
    await expect.poll(() => outlineTexts(page, 'next-steps')).toEqual([MINE])
    await expect
      .poll(() => pro.getByTestId('toast').innerText())
      .toContain('1 of the 2 notes stayed where it was. You can only change your own notes.')
    expect(await outlineTexts(page, 'existing-safety')).toEqual([HURT, CALLS, GRAN])
  })

  it('deletes with Delete or Backspace only the notes the person may remove, the rest staying selected', async () => {
    const pro = professional.page
    await pro.reload()
    await waitForBoard(pro)
    await click(GRAN, pro)
    await pro.keyboard.press('Control+a')
    await click(MINE, pro, true)
    await expect.poll(() => selected(pro)).toEqual(only(HURT, CALLS, GRAN, MINE))
    await pro.keyboard.press('Delete')
    await expect.poll(() => outlineTexts(page, 'next-steps')).toEqual([])
    await expect
      .poll(() => pro.getByTestId('toast').innerText())
      .toContain('3 of the 4 notes were not removed and stay selected. You can only remove your own notes.')
    expect(await selected(pro)).toEqual(only(HURT, CALLS, GRAN))
    expect(await outlineTexts(page, 'existing-safety')).toEqual([HURT, CALLS, GRAN])

    // The chair may remove any note: Backspace does it too, for everyone.
    await click(MISSED)
    await page.keyboard.press('Backspace')
    await expect.poll(() => outlineTexts(pro, 'past-harm')).toEqual([])
    await expect.poll(() => selected()).toEqual([])
  })
})
