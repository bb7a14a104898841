// The chair's Activity tab (decision 0044) against a real server: the chair and a professional edit, the chair
// reads who did what, narrows it, downloads it as CSV and checks the trail. The screenshot of the tab is kept in
// docs/screenshots/activity-tab.png.
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser, Page } from 'playwright-core'
import {
  CHAIR,
  DESKTOP,
  PROFESSIONAL,
  addNoteInOutline,
  artifactPath,
  controlsOffScreen,
  createMapFromLanding,
  joinByLink,
  launchBrowser,
  openMeeting,
  openRecordedPage,
} from './helpers.ts'
import type { RecordedPage } from './helpers.ts'

const SCREENSHOT = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../docs/screenshots/activity-tab.png',
)
const CHAIRS_NOTE = 'Police were called to the home twice in March.'
const PROS_NOTE = 'Jo brings the children to school on time every day.'
const PRO_LABEL = `${PROFESSIONAL.name} (${PROFESSIONAL.agency})`

interface ShownEntry {
  seq: number
  action: string
  person: string
  name: string
  label: string
  summary: string
  audience: string
}

async function shownEntries(page: Page): Promise<ShownEntry[]> {
  return page.getByTestId('activity-entry').evaluateAll((items) =>
    items.map((item) => ({
      seq: Number(item.getAttribute('data-seq')),
      action: item.getAttribute('data-action') ?? '',
      person: item.getAttribute('data-person') ?? '',
      name: item.querySelector('[data-testid="activity-entry-name"]')?.textContent ?? '',
      label: item.querySelector('[data-testid="activity-entry-action"]')?.textContent ?? '',
      summary: item.querySelector('[data-testid="activity-entry-summary"]')?.textContent ?? '',
      audience: item.getAttribute('data-audience') ?? '',
    })),
  )
}

/** Asks again (the Refresh button) until `found` holds of the list shown. */
async function refreshUntil(page: Page, found: (entries: ShownEntry[]) => boolean): Promise<ShownEntry[]> {
  await expect
    .poll(async () => {
      const refresh = page.getByTestId('activity-refresh')
      if (await refresh.isEnabled()) await refresh.click()
      return found(await shownEntries(page))
    })
    .toBe(true)
  return shownEntries(page)
}

/** The CSV the "Download" button saves, parsed into rows (no field in this test holds a comma or a line break). */
async function downloadCsv(page: Page, name: string): Promise<{ fileName: string; rows: string[][] }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('activity-download-csv').click(),
  ])
  const path = artifactPath(`activity/${name}.csv`)
  await download.saveAs(path)
  const text = readFileSync(path, 'utf8')
  expect(text.endsWith('\r\n')).toBe(true)
  const rows = text
    .slice(0, -2)
    .split('\r\n')
    .map((line) => line.split(',').map((field) => field.replace(/^"|"$/g, '').replace(/""/g, '"')))
  return { fileName: download.suggestedFilename(), rows }
}

describe('the chair’s Activity tab', () => {
  let server: TestServer
  let browser: Browser
  let chair: RecordedPage
  let pro: RecordedPage

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    chair = await openRecordedPage(browser, { viewport: DESKTOP })
    pro = await openRecordedPage(browser, { viewport: DESKTOP })
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('the chair and a professional add notes and the chair locks a section', async () => {
    const links = await createMapFromLanding(chair.page, server.url, 'Activity — the Riverside family', CHAIR)
    await joinByLink(pro.page, links.professional, PROFESSIONAL)
    await addNoteInOutline(chair.page, 'past-harm', CHAIRS_NOTE)
    await addNoteInOutline(pro.page, 'existing-strengths', PROS_NOTE)
    await chair.page.getByTestId('outline-lock-next-steps').click()
    await expect
      .poll(() => pro.page.getByTestId('outline-section-next-steps').getAttribute('data-locked'))
      .toBe('true')
  })

  it('only the chair has the tab', async () => {
    await openMeeting(pro.page)
    expect(await pro.page.getByTestId('meeting-tab-activity').count()).toBe(0)
    // The chair reaches it by keyboard: the arrow keys move along the tabs, and left from the first is the last.
    await openMeeting(chair.page, 'checklist')
    await chair.page.getByTestId('meeting-tab-checklist').focus()
    await chair.page.keyboard.press('ArrowLeft')
    await chair.page.locator('[data-testid="meeting-tab-activity"][aria-selected="true"]').waitFor()
    expect(await chair.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'meeting-tab-activity',
    )
  })

  it('lists who did what, oldest first, in plain words', async () => {
    const page = chair.page
    await page.getByTestId('activity-panel').waitFor()
    const entries = await refreshUntil(
      page,
      (list) =>
        list.some((entry) => entry.summary.includes(PROS_NOTE)) &&
        list.some((entry) => entry.action === 'section.locked'),
    )
    const seqs = entries.map((entry) => entry.seq)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    const chairsNote = entries.find((entry) => entry.summary.includes(CHAIRS_NOTE))
    expect(chairsNote).toMatchObject({ action: 'note.added', name: CHAIR.name, label: 'Added a note' })
    expect(chairsNote?.summary).toContain('Past harm')
    const prosNote = entries.find((entry) => entry.summary.includes(PROS_NOTE))
    expect(prosNote).toMatchObject({ action: 'note.added', name: PROFESSIONAL.name, label: 'Added a note' })
    expect(prosNote?.summary).toContain('Existing strengths')
    const lock = entries.find((entry) => entry.action === 'section.locked')
    expect(lock).toMatchObject({ name: CHAIR.name, label: 'Locked a section' })
    expect(lock?.summary).toContain('Next steps')
    expect(
      entries.filter((entry) => entry.action === 'participant.joined').map((entry) => entry.name),
    ).toEqual(expect.arrayContaining([CHAIR.name, PROFESSIONAL.name]))
    await page.getByTestId('activity-count').getByText(`${entries.length} entries`).waitFor()
  })

  it('narrows the list by person, action, section and time, and shows everything again', async () => {
    const page = chair.page
    const all = await shownEntries(page)
    await page.getByTestId('activity-filter-person').selectOption({ label: PRO_LABEL })
    const hers = await shownEntries(page)
    expect(hers.length).toBeGreaterThan(0)
    expect(new Set(hers.map((entry) => entry.name))).toEqual(new Set([PROFESSIONAL.name]))
    expect(hers).toEqual(all.filter((entry) => entry.name === PROFESSIONAL.name))

    await page.getByTestId('activity-filter-action').selectOption({ label: 'Added a note' })
    const added = await shownEntries(page)
    expect(added.map((entry) => entry.summary)).toEqual([expect.stringContaining(PROS_NOTE)])
    await page.getByTestId('activity-count').getByText(`1 of ${all.length} entries`).waitFor()

    const { rows, fileName } = await downloadCsv(page, 'filtered')
    expect(fileName).toBe('mapboard-activity-activity-the-riverside-family-filtered.csv')
    const header = rows[0] ?? []
    expect(header).toEqual([
      'seq',
      'at',
      'time',
      'participant_id',
      'name',
      'role',
      'agency',
      'action',
      'target',
      'section',
      'summary',
      'audience',
      'hash',
    ])
    const column = (row: string[] | undefined, name: string): string => row?.[header.indexOf(name)] ?? ''
    expect(rows).toHaveLength(2)
    expect(column(rows[1], 'seq')).toBe(String(added[0]?.seq))
    expect(column(rows[1], 'name')).toBe(PROFESSIONAL.name)
    expect(column(rows[1], 'role')).toBe('professional')
    expect(column(rows[1], 'agency')).toBe(PROFESSIONAL.agency)
    expect(column(rows[1], 'action')).toBe('note.added')
    expect(column(rows[1], 'section')).toBe('existing-strengths')
    expect(column(rows[1], 'summary')).toContain(PROS_NOTE)

    await page.getByTestId('activity-filter-clear').click()
    await page.getByTestId('activity-filter-section').selectOption({ label: 'Next steps' })
    // A lock holds in both documents, so the trail says so twice: once for the shared map, once for the
    // professionals' notes.
    const locks = await shownEntries(page)
    expect(locks.map(({ action, audience }) => `${action} ${audience}`).sort()).toEqual([
      'section.locked professionals',
      'section.locked shared',
    ])

    // From a minute after everything so far: nothing matches, and the page says so.
    const future = new Date(Date.now() + 120_000)
    const pad = (n: number): string => String(n).padStart(2, '0')
    const local = `${future.getFullYear()}-${pad(future.getMonth() + 1)}-${pad(future.getDate())}T${pad(future.getHours())}:${pad(future.getMinutes())}`
    await page.getByTestId('activity-filter-clear').click()
    await page.getByTestId('activity-filter-from').fill(local)
    await page.getByTestId('activity-empty').getByText('No entries match these filters.').waitFor()
    await page.getByTestId('activity-filter-clear').click()
    expect(await shownEntries(page)).toEqual(all)
  })

  it('downloads the whole trail as CSV: one row per entry shown', async () => {
    const page = chair.page
    const entries = await shownEntries(page)
    const { rows, fileName } = await downloadCsv(page, 'all')
    expect(fileName).toBe('mapboard-activity-activity-the-riverside-family.csv')
    // Entries may have been added since the list was loaded (none are edited here, so none should be).
    expect(rows.slice(1).map((row) => Number(row[0]))).toEqual(entries.map((entry) => entry.seq))
    expect(rows.some((row) => row.includes('section.locked') && row.includes(CHAIR.name))).toBe(true)
  })

  it('checks the trail: intact', async () => {
    const page = chair.page
    await page.getByTestId('activity-verify').click()
    const verdict = page.locator('[data-testid="activity-verdict"][data-ok="true"]')
    await verdict.waitFor()
    expect(await verdict.innerText()).toContain('The trail is intact.')
    // Tall enough to show the list under the filters.
    await page.setViewportSize({ width: DESKTOP.width, height: 1300 })
    await page.screenshot({ path: SCREENSHOT })
    await page.setViewportSize(DESKTOP)
  })

  it('fits a small phone, 360 px wide, with nothing cut off at the sides', async () => {
    const page = chair.page
    await page.setViewportSize({ width: 360, height: 740 })
    await page.getByTestId('activity-panel').waitFor()
    expect(await controlsOffScreen(page, '[data-testid="meeting-panel"]')).toEqual([])
    const overflow = await page
      .getByTestId('activity-panel')
      .evaluate((panel) => panel.scrollWidth - panel.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await page.screenshot({ path: artifactPath('activity/phone-360.png'), fullPage: false })
    await page.setViewportSize(DESKTOP)
  })
})
