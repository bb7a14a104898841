// axe-core on every page and panel, at desktop and phone size, as the chair (who sees the most) and as a parent
// and an observer: not one violation of any impact. Each failure lists the rule, the element and what to fix.
import { writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectClient, joinAs, mapIdFromLink, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import {
  addDangerStatement,
  addNextStep,
  addNote,
  setApologies,
  setFamilyView,
  setSafetyGoal,
} from '@mapboard/map-model'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import type { CreateMapResponse, JoinResponse } from '@mapboard/protocol'
import { axeViolations, describeViolations } from './axe.ts'
import {
  CHAIR,
  DESKTOP,
  FAMILY,
  VIEWER,
  addNoteInOutline,
  artifactPath,
  chooseProvenance,
  closeMeeting,
  joinByLink,
  launchBrowser,
  openMeeting,
  openRecordedPage,
  phoneContextOptions,
  waitForBoard,
} from './helpers.ts'

/** The meeting panel's tabs, in order; a test below fails when the panel's own list (MeetingPanel.tsx) differs. */
const MEETING_TABS = [
  'checklist',
  'timing',
  'dangers',
  'scaling',
  'next-steps',
  'decision',
  'roster',
  'record',
  'activity',
] as const

const DEVICES: ReadonlyArray<{ name: string; options: BrowserContextOptions }> = [
  { name: 'desktop-1440x900', options: { viewport: DESKTOP } },
  { name: 'phone-390x844', options: phoneContextOptions() },
]

/** How many rules and elements failed in each scene, kept as an artefact beside the screenshots. */
const found: Record<string, { rules: number; elements: number }> = {}

async function expectNoViolations(page: Page, scene: string): Promise<void> {
  const violations = await axeViolations(page)
  found[scene] = {
    rules: violations.length,
    elements: violations.reduce((sum, violation) => sum + violation.nodes.length, 0),
  }
  expect.soft(describeViolations(violations), `axe-core on ${scene}`).toEqual([])
}

const recordedBy = ({ participant }: JoinResponse) => ({
  participantId: participant.id,
  name: participant.name,
  agency: participant.agency ?? '',
})

/**
 * Gives the map something in every part the chair sees: a note in each column (one of them professionals-only), a danger statement with its goal
 * and the family's view, an overdue next step and an apology. Written by the chair's and a parent's own clients,
 * so the server judges it as it judges anyone's edits.
 */
async function seedMap(server: TestServer, map: CreateMapResponse): Promise<TestClient[]> {
  const mapId = mapIdFromLink(map.links.chair)
  const chair = await joinAs(server, map.links.chair, CHAIR)
  const parent = await joinAs(server, map.links.family, { name: 'Lee Smith' })
  const chairClient = connectClient(server, mapId, chair)
  const parentClient = connectClient(server, mapId, parent)
  await Promise.all([chairClient.synced, parentClient.synced])
  const doc = chairClient.doc
  const author = {
    author: chair.participant.name,
    authorId: chair.participant.id,
    agency: chair.participant.agency,
  }
  addNote(doc, {
    zone: 'past-harm',
    // "MASH" is flagged jargon: the outline shows it as a word a reader can tap (decision 0036).
    text: 'Police were called to the house twice in March; the MASH was told.',
    kind: 'fact',
    source: 'police log',
    ...author,
  })
  addNote(doc, {
    zone: 'existing-strengths',
    text: 'Jo takes the children to school every day.',
    kind: 'observation',
    ...author,
  })
  addNote(doc, { zone: 'next-steps', text: 'Agree who the children can call at night.', ...author })
  const dangerId = addDangerStatement(
    doc,
    { who: 'The school', worry: 'the children hear fighting at night', outcome: 'they could be hurt' },
    recordedBy(chair),
  )
  setSafetyGoal(
    doc,
    dangerId,
    { parents: 'Jo and Lee argue calmly', child: 'the children sleep well', professionals: 'no call-outs' },
    recordedBy(chair),
  )
  addNextStep(
    doc,
    {
      what: 'Send the school attendance report',
      who: 'Ms Green',
      agency: 'Riverside Primary School',
      due: '2020-01-31',
    },
    recordedBy(chair),
  )
  setApologies(doc, [{ name: 'Dr Khan', role: 'professional', agency: 'Riverside Surgery' }])
  await waitFor(() => parentClient.doc.getMap('dangers').size === 1)
  setFamilyView(parentClient.doc, dangerId, 'We want help, not a plan.', recordedBy(parent))
  // A professionals-only note, so the chair's board shows its mark and border (decision 0032).
  const restrictedClient = connectClient(server, `${mapId}/professionals`, chair)
  await restrictedClient.synced
  addNote(restrictedClient.doc, {
    zone: 'past-harm',
    text: 'The police hold information that is not yet disclosable.',
    kind: 'fact',
    audience: 'professionals',
    ...author,
  })
  return [chairClient, parentClient, restrictedClient]
}

describe.each(DEVICES)('axe-core finds nothing to fix on a $name', ({ name, options }) => {
  let server: TestServer
  let browser: Browser
  let map: CreateMapResponse
  let seeders: TestClient[] = []
  let chair: Page
  let family: Page
  let viewer: Page
  const scene = (what: string): string => `${what} (${name})`

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    map = await server.createMap('Review conference — the Smith family')
    seeders = await seedMap(server, map)
    chair = (await openRecordedPage(browser, options)).page
    family = (await openRecordedPage(browser, options)).page
    viewer = (await openRecordedPage(browser, options)).page
  })

  afterAll(async () => {
    writeFileSync(artifactPath('axe-violations.json'), `${JSON.stringify(found, null, 2)}\n`)
    for (const seeder of seeders) seeder.destroy()
    await browser?.close()
    await server?.close()
  })

  it('the landing page', async () => {
    await chair.goto(`${server.url}/`)
    await chair.getByTestId('create-map-button').waitFor()
    await expectNoViolations(chair, scene('the landing page'))
  })

  it('the pages for a link cut short and for an address that is not there', async () => {
    await chair.goto(map.links.chair.split('#')[0] ?? '')
    await chair.getByTestId('missing-token').waitFor()
    await expectNoViolations(chair, scene('the page for a link cut short'))
    await chair.goto(`${server.url}/m/no-such-map/or-page`)
    await chair.getByTestId('not-found').waitFor()
    await expectNoViolations(chair, scene('the not-found page'))
  })

  it('the join page, asking a professional and a parent for their names', async () => {
    await chair.goto(map.links.chair)
    await chair.getByTestId('agency-input').waitFor()
    await expectNoViolations(chair, scene('the join page for the chair'))
    await family.goto(map.links.family)
    await family.getByTestId('name-input').waitFor()
    await expectNoViolations(family, scene('the join page for a parent'))
  })

  it('the board as the chair', async () => {
    await chair.getByTestId('name-input').fill(CHAIR.name)
    await chair.getByTestId('agency-input').fill(CHAIR.agency ?? '')
    await chair.getByTestId('join-button').click()
    await waitForBoard(chair)
    await expectNoViolations(chair, scene('the board as the chair'))

    await chair.getByTestId('invite-button').click()
    const invite = chair.getByTestId('invite-panel')
    await invite.getByTestId('invite-item').nth(3).waitFor()
    await expectNoViolations(chair, scene('the invite panel'))
    await invite.getByRole('button', { name: 'Close' }).click()
    await invite.waitFor({ state: 'detached' })

    await chair.getByTestId('add-note-button').click()
    await chair.getByTestId('add-note-dialog').waitFor()
    await expectNoViolations(chair, scene('the add-a-note dialog'))
    await chair.getByTestId('add-note-dialog').locator('[data-zone="complicating-factors"]').click()
    await chair.getByTestId('note-editor').waitFor()
    await chair.getByTestId('note-editor-text').fill('Lee works nights and sleeps in the day.')
    await expectNoViolations(chair, scene('the note editor on the board'))
    // "Add note" before the kind and source are chosen: refused, saying what is missing (decision 0037).
    await chair.getByTestId('note-editor-done').click()
    await chair.getByTestId('note-editor').getByTestId('kind-error').waitFor()
    await expectNoViolations(chair, scene('the note editor saying what is missing'))
    await chooseProvenance(chair.getByTestId('note-editor'))
    await chair.getByTestId('note-editor-done').click()
    await chair.getByTestId('note-editor').waitFor({ state: 'detached' })
  })

  it('the outline as the chair, reading and adding', async () => {
    if (name.startsWith('phone')) await chair.getByTestId('outline-tab').click()
    await chair.getByTestId('outline-section-past-harm').waitFor()
    await expectNoViolations(chair, scene('the outline as the chair'))
    await chair.getByTestId('outline-add-existing-safety').click()
    await chair.getByTestId('outline-note-input').fill('Gran lives next door.')
    await expectNoViolations(chair, scene('the outline with its note form open'))
    await chair.getByTestId('outline-note-save').click()
    await chair.getByTestId('outline-note-form').getByTestId('source-error').waitFor()
    await expectNoViolations(chair, scene('the outline’s note form saying what is missing'))
    await chair.getByRole('button', { name: 'Cancel' }).click()
    await chair.getByTestId('outline-note-form').waitFor({ state: 'detached' })
  })

  it('checks every tab the meeting panel has', async () => {
    await openMeeting(chair)
    const tabs = await chair
      .getByTestId('meeting-panel')
      .getByRole('tab')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid')))
    expect(tabs).toEqual(MEETING_TABS.map((tab) => `meeting-tab-${tab}`))
  })

  it.each(MEETING_TABS)('the meeting panel’s %s tab as the chair', async (tab) => {
    await openMeeting(chair, tab)
    await chair.locator(`[data-testid="meeting-tab-${tab}"][aria-selected="true"]`).waitFor()
    await expectNoViolations(chair, scene(`the meeting panel, ${tab}`))
  })

  it('the chair’s checklist with its items listed, and the board showing allegations only', async () => {
    await openMeeting(chair, 'checklist')
    const checklist = chair.getByTestId('chair-checklist')
    for (const part of ['checklist-source-not-given', 'checklist-jargon']) {
      await checklist.getByTestId(part).getByTestId('checklist-toggle').click()
    }
    await checklist.getByTestId('checklist-item').first().waitFor()
    await expectNoViolations(chair, scene('the chair’s checklist with its items listed'))
    await closeMeeting(chair)
    await chair.getByTestId('kind-filter').selectOption('allegation')
    await expectNoViolations(chair, scene('the board showing allegations only'))
    await chair.getByTestId('kind-filter').selectOption('all')
  })

  it('the meeting panel’s forms as the chair: a danger statement, its goal, a next step, a record made', async () => {
    await openMeeting(chair, 'dangers')
    await chair.getByTestId('danger-new').click()
    const builder = chair.getByTestId('danger-builder')
    await builder.getByLabel('Who is worried?').fill('The health visitor')
    await expectNoViolations(chair, scene('the danger statement builder'))
    await builder.getByRole('button', { name: 'Cancel' }).click()
    await builder.waitFor({ state: 'detached' })
    await chair.getByTestId('goal-edit').click()
    await chair.getByTestId('goal-builder').waitFor()
    await expectNoViolations(chair, scene('the safety goal builder'))
    await chair.getByTestId('goal-builder').getByRole('button', { name: 'Cancel' }).click()

    await openMeeting(chair, 'next-steps')
    await chair.getByTestId('next-step-new').click()
    await chair.getByTestId('next-step-what').fill('Book a family group conference')
    await expectNoViolations(chair, scene('the next step form'))
    await chair.getByTestId('next-step-form').getByRole('button', { name: 'Cancel' }).click()
    await chair.getByTestId('next-step-form').waitFor({ state: 'detached' })

    await openMeeting(chair, 'record')
    const downloading = chair.waitForEvent('download')
    await chair.getByTestId('record-download-pdf').click()
    await downloading
    await chair.getByTestId('export-item').waitFor()
    await expectNoViolations(chair, scene('the record tab with a record made'))
    // The professionals' record too: its box, and both kinds in the list.
    const restricted = chair.waitForEvent('download')
    await chair.getByTestId('record-professionals-download-pdf').click()
    await restricted
    await chair.locator('[data-testid="export-item"][data-audience="professionals"]').waitFor()
    await expectNoViolations(chair, scene('the record tab with both records made'))
  })

  it('the activity tab, narrowed to one person, with the trail checked', async () => {
    await openMeeting(chair, 'activity')
    await chair.getByTestId('activity-entry').first().waitFor()
    await chair.getByTestId('activity-filter-person').selectOption({ index: 1 })
    await chair.getByTestId('activity-filter-clear').waitFor()
    await chair.getByTestId('activity-verify').click()
    await chair.getByTestId('activity-verdict').waitFor()
    await expectNoViolations(chair, scene('the activity tab, filtered and checked'))
    await chair.getByTestId('activity-filter-clear').click()
  })

  it('scaling with a round open, as the chair who scales too', async () => {
    await openMeeting(chair, 'scaling')
    await chair.getByTestId('scaling-chair-scales').check()
    await chair.getByTestId('scaling-open').click()
    await chair.getByTestId('scale-form').waitFor()
    await expectNoViolations(chair, scene('scaling with a round open'))
  })

  it('the board as a parent, prompted to give their number, and the numbers', async () => {
    await joinByLink(family, map.links.family, FAMILY)
    await family.getByTestId('scaling-prompt').waitFor()
    await expectNoViolations(family, scene('the board as a parent, with the scaling prompt'))
    if (!name.startsWith('phone')) {
      // A pointer over the parent's board shows on the chair's, with the parent's name (not on phones).
      const box = await family.getByTestId('board-canvas').boundingBox()
      if (box === null) throw new Error('no board on the parent’s page')
      await family.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 })
      await chair.getByTestId('remote-cursor').waitFor()
      await expectNoViolations(chair, scene('the chair’s board with the parent’s pointer on it'))
    }
    await family.getByTestId('scaling-prompt-give').click()
    await family.getByTestId('scale-form').waitFor()
    await expectNoViolations(family, scene('the scaling numbers as a parent'))
    await family.getByTestId('scale-point-6').check()
    await family.getByTestId('scale-reason').fill('We have stopped arguing in front of the children.')
    await family.getByTestId('scale-submit').click()
    await family.getByTestId('my-scale').waitFor()
    await expectNoViolations(family, scene('the scaling tab as a parent who has scaled'))
    await openMeeting(family, 'dangers')
    await family.getByTestId('family-view-edit').click()
    await family.getByTestId('family-view-input').waitFor()
    await expectNoViolations(family, scene('the family’s view form as a parent'))
    await closeMeeting(family)
  })

  it('the board as an observer', async () => {
    await joinByLink(viewer, map.links.viewer, VIEWER)
    await expectNoViolations(viewer, scene('the board as an observer'))
  })

  it('the board as a parent with every section locked, and offline with a note not saved yet', async () => {
    await closeMeeting(chair)
    await chair.getByTestId('lock-all-button').click()
    await expect.poll(() => family.getByTestId('lock-all-button').count()).toBe(0)
    await family.getByTestId('add-note-button').click()
    await expect.poll(() => family.locator('.pick-button:disabled').count()).toBe(7)
    await expectNoViolations(family, scene('the add-a-note dialog as a parent, every section locked'))
    await family.keyboard.press('Escape')
    await family.getByTestId('add-note-dialog').waitFor({ state: 'detached' })
    await expectNoViolations(family, scene('the board as a parent, every section locked'))
    await chair.getByTestId('lock-all-button').click()
    await expect.poll(() => family.locator('[data-testid="add-note-button"]').count()).toBe(1)

    await family.context().setOffline(true)
    await family.locator('[data-testid="connection-indicator"][data-status="offline"]').waitFor()
    if (name.startsWith('phone')) await family.getByTestId('outline-tab').click()
    await addNoteInOutline(family, 'existing-strengths', 'Gran collects the children on Fridays.')
    await family.getByTestId('unsaved-count').waitFor()
    await expectNoViolations(family, scene('the board as a parent, offline with a note not saved yet'))
    await family.context().setOffline(false)
    await family.locator('[data-testid="connection-indicator"][data-unsaved-count="0"]').waitFor()
  })

  it('scaling with the round revealed', async () => {
    await openMeeting(chair, 'scaling')
    await chair.getByTestId('scaling-reveal').click()
    await chair.getByTestId('scaling-round-revealed').waitFor()
    await expectNoViolations(chair, scene('scaling with the round revealed'))
  })

  it('the decision tab with a draft, then recorded', async () => {
    await openMeeting(chair, 'decision')
    await chair.getByTestId('decision-edit').click()
    await chair.getByTestId('decision-outcome-cp-plan').check()
    await chair.getByTestId('decision-category').selectOption('neglect')
    await chair
      .getByTestId('decision-reasons-input')
      .fill('The children hear frightening arguments at night.')
    await chair.getByTestId('decision-dissent-add').click()
    await chair.getByTestId('decision-dissent-name').fill('Jo Smith')
    await expectNoViolations(chair, scene('the decision tab with a draft'))
    await chair.getByTestId('decision-dissent-agency').fill('Parent')
    await chair.getByTestId('decision-dissent-view').fill('Would rather have a Child in Need Plan')
    await chair.getByTestId('decision-save').click()
    await chair.getByTestId('decision-outcome').waitFor()
    await expectNoViolations(chair, scene('the decision tab, recorded'))
  })

  it('the end of a session, when the chair withdraws the observer’s link', async () => {
    await closeMeeting(chair)
    await chair.getByTestId('invite-button').click()
    const item = chair.getByTestId('invite-panel').locator('[data-testid="invite-item"][data-role="viewer"]')
    await item.getByTestId('invite-withdraw').click()
    await item.getByTestId('invite-withdraw-confirm').waitFor()
    await expectNoViolations(chair, scene('the invite panel asking before it withdraws a link'))
    await item.getByTestId('invite-withdraw-confirm').click()
    await viewer.getByTestId('session-ended').waitFor()
    await expectNoViolations(viewer, scene('the page saying the session has ended'))
  })

  it('the map closed by the chair, on the chair’s and a parent’s boards', async () => {
    const invite = chair.getByTestId('invite-panel')
    if ((await invite.count()) > 0) {
      await invite.getByRole('button', { name: 'Close' }).click()
      await invite.waitFor({ state: 'detached' })
    }
    await openMeeting(chair, 'record')
    const downloading = chair.waitForEvent('download')
    await chair.getByTestId('record-export-and-close').click()
    await downloading
    await chair.getByTestId('record-reopen').waitFor()
    await expectNoViolations(chair, scene('the record tab of a closed map'))
    await closeMeeting(chair)
    await chair.getByTestId('map-closed-notice').waitFor()
    await expectNoViolations(chair, scene('the chair’s board of a closed map'))
    await family.getByTestId('map-closed-notice').waitFor()
    await expectNoViolations(family, scene('a parent’s board of a closed map'))
  })
})
