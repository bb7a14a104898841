// A short conference end to end, each person in their own browser: the chair on a desktop, the social worker on
// a desktop, a parent on a phone. Screenshots of every step go to test-artifacts/conference/.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Browser, Page } from 'playwright-core'
import type { Role } from '@mapboard/protocol'
import {
  closeMeeting,
  ARTIFACTS_DIR,
  CHAIR,
  DESKTOP,
  FAMILY,
  addNoteInOutline,
  cameraOf,
  controlsOffScreen,
  createMapFromLanding,
  foreignRequests,
  joinByLink,
  launchBrowser,
  openMeeting,
  openRecordedPage,
  outlineNote,
  phoneContextOptions,
  smallTouchTargets,
} from './helpers.ts'
import type { Joiner, RecordedPage } from './helpers.ts'

const SOCIAL_WORKER: Joiner = { name: 'Sam Patel', agency: 'Riverside Children’s Services' }

/** product.md, word for word: the test checks the app shows exactly this. */
const SCALING_QUESTION =
  'On a scale of 0 to 10, where 10 means everyone knows the child is safe enough for the case to be closed, ' +
  'and 0 means things are so bad for the child that they cannot live at home — where do you rate things today?'

const SHOTS_DIR = join(ARTIFACTS_DIR, 'conference')

const daysFromToday = (days: number): string => {
  const date = new Date(Date.now() + days * 86_400_000)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

describe('a conference end to end: chair, social worker and parent', () => {
  let server: TestServer
  let browser: Browser
  let links: Record<Role, string>
  let chair: RecordedPage
  let social: RecordedPage
  let parent: RecordedPage
  const everyone = (): Array<{ who: string; size: string; page: Page }> => [
    { who: 'chair', size: 'desktop-1440x900', page: chair.page },
    { who: 'social-worker', size: 'desktop-1440x900', page: social.page },
    { who: 'parent', size: 'phone-390x844', page: parent.page },
  ]

  /** One screenshot per person for a step of the meeting. */
  async function shoot(step: string): Promise<void> {
    for (const { who, size, page } of everyone()) {
      await page.screenshot({ path: join(SHOTS_DIR, `${step}-${who}-${size}.png`) })
    }
  }

  const stepText = (page: Page) => page.getByTestId('agenda-current').innerText()

  async function moveAgendaTo(stepId: string, expected: string): Promise<void> {
    await chair.page.getByTestId('agenda-picker').selectOption(stepId)
    for (const { page } of everyone()) await expect.poll(() => stepText(page)).toContain(expected)
  }

  beforeAll(async () => {
    mkdirSync(SHOTS_DIR, { recursive: true })
    server = await startServer()
    browser = await launchBrowser()
    chair = await openRecordedPage(browser, { viewport: DESKTOP })
    social = await openRecordedPage(browser, { viewport: DESKTOP })
    parent = await openRecordedPage(browser, phoneContextOptions())
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('the chair creates the map and invites; the social worker and the parent join by their links', async () => {
    links = await createMapFromLanding(chair.page, server.url, 'Initial conference — the Smith family', CHAIR)
    await joinByLink(social.page, links.professional, SOCIAL_WORKER)
    await joinByLink(parent.page, links.family, FAMILY)
    for (const { page } of everyone()) {
      await expect.poll(() => page.getByTestId('presence-button').innerText()).toContain('3')
      expect(await stepText(page)).toMatch(/^Step 1 of 8 · \S/)
    }
    // Only the chair runs the agenda; the others are offered to follow the chair, the parent's phone already is.
    expect(await chair.page.getByTestId('agenda-next').count()).toBe(1)
    expect(await chair.page.getByTestId('follow-toggle').count()).toBe(0)
    expect(await social.page.getByTestId('agenda-next').count()).toBe(0)
    expect(await social.page.getByTestId('follow-toggle').innerText()).toBe('Follow the chair')
    expect(await parent.page.getByTestId('agenda-next').count()).toBe(0)
    expect(await parent.page.getByTestId('follow-toggle').innerText()).toBe('Following the chair')
    await shoot('01-joined')
  })

  it('they map a few items, each from their own device', async () => {
    const harm = 'Police were called to the home twice in March after neighbours heard shouting.'
    const strength = 'Jo walks the children to school every morning.'
    const mine = 'We go to the park together every Saturday.'
    await addNoteInOutline(social.page, 'past-harm', harm)
    await addNoteInOutline(chair.page, 'existing-strengths', strength)
    await parent.page.getByTestId('outline-tab').click()
    await addNoteInOutline(parent.page, 'existing-strengths', mine)
    for (const { page } of everyone()) {
      await outlineNote(page, 'past-harm', harm).waitFor()
      await outlineNote(page, 'existing-strengths', mine).waitFor()
    }
    await parent.page.getByRole('tab', { name: 'Board' }).click()
    // Adding a note of one's own does not stop following the chair.
    expect(await parent.page.getByTestId('follow-toggle').innerText()).toBe('Following the chair')
    await shoot('02-mapping')
  })

  it('the chair moves the agenda and everyone sees the step change; the parent’s phone follows the chair', async () => {
    await chair.page.getByTestId('agenda-next').click()
    for (const { page } of everyone()) await expect.poll(() => stepText(page)).toMatch(/^Step 2 of 8/)
    await moveAgendaTo('mapping', 'Step 3 of 8')
    await moveAgendaTo('analysis', 'Step 4 of 8')

    // The chair zooms in, towards the middle of their screen: the second column. The parent's phone (following)
    // moves with it — to the section the chair now shows most of, at a readable zoom rather than the chair's
    // whole desktop view squeezed onto a phone — and the social worker's (not following) stays put.
    const parentBefore = await cameraOf(parent.page)
    const socialBefore = await cameraOf(social.page)
    expect(await parent.page.getByTestId('section-current').innerText()).toContain('1 of 7')
    await chair.page.getByRole('button', { name: 'Zoom in' }).click()
    await chair.page.getByRole('button', { name: 'Zoom in' }).click()
    await expect.poll(() => parent.page.getByTestId('section-current').innerText()).toContain('4 of 7')
    const parentAfter = await cameraOf(parent.page)
    expect(parentAfter.x).toBeLessThan(parentBefore.x - 300)
    expect(parentAfter.scale).toBeGreaterThanOrEqual(1)
    expect(await cameraOf(social.page)).toEqual(socialBefore)
    // Zooming by hand leaves follow mode; one tap goes back to following.
    await parent.page.getByRole('button', { name: 'Zoom out' }).click()
    await expect.poll(() => parent.page.getByTestId('follow-toggle').innerText()).toBe('Follow the chair')
    await parent.page.getByTestId('follow-toggle').click()
    expect(await parent.page.getByTestId('follow-toggle').innerText()).toBe('Following the chair')
    await chair.page.getByRole('button', { name: 'Fit map to screen' }).click()
    await shoot('03-agenda-analysis')
  })

  it('the social worker writes a danger statement and its safety goal with the builder', async () => {
    const page = social.page
    await openMeeting(page, 'dangers')
    await page.getByTestId('danger-new').click()
    const builder = page.getByTestId('danger-builder')
    await builder.getByLabel('Who is worried?').fill('The social worker and the school')
    await builder
      .getByLabel('What are they worried about?')
      .fill('the children hear their parents fighting at night')
    await builder
      .getByLabel('What do they think will happen to the child if nothing changes?')
      .fill('the children could be hurt and will keep missing school')
    // The three answers are put together as plain sentences, ready to reword.
    await expect
      .poll(() => builder.getByTestId('danger-builder-text').inputValue())
      .toContain('fighting at night')
    await shootOne(page, '04a-danger-builder-social-worker-desktop-1440x900.png')
    await builder.getByTestId('danger-builder-save').click()
    await builder.waitFor({ state: 'detached' })

    await page.getByTestId('goal-edit').click()
    const goal = page.getByTestId('goal-builder')
    await goal
      .getByLabel('What will the parents be doing differently?')
      .fill('Jo and Lee sort out arguments calmly, away from the children')
    await goal
      .getByLabel('What will the child experience?')
      .fill('the children sleep through the night and feel safe at home')
    await goal
      .getByLabel('What will professionals see?')
      .fill('the children in school every day and no police call-outs')
    await expect
      .poll(() => goal.getByTestId('goal-builder-text').inputValue())
      .toContain('sleep through the night')
    await goal.getByTestId('goal-builder-save').click()
    await goal.waitFor({ state: 'detached' })

    await openMeeting(chair.page, 'dangers')
    await openMeeting(parent.page, 'dangers')
    for (const { page: other } of everyone()) {
      await expect
        .poll(() => other.getByTestId('danger-text').allInnerTexts())
        .toEqual([expect.stringContaining('fighting at night')])
      await expect.poll(() => other.getByTestId('goal-text').innerText()).toContain('sleep through the night')
    }
    // The parent reads it, and is offered no way to change it.
    expect(await parent.page.getByTestId('danger-new').count()).toBe(0)
    expect(await parent.page.getByTestId('goal-edit').count()).toBe(0)
    await shoot('04-danger-statement-and-goal')
  })

  it('the parent records the family’s view beside the danger statement', async () => {
    const view = 'We argue sometimes but the children are asleep. We want help, not a plan.'
    await parent.page.getByTestId('family-view-edit').click()
    await parent.page.getByTestId('family-view-input').fill(view)
    await parent.page.getByTestId('family-view-save').click()
    for (const { page } of everyone()) {
      await expect.poll(() => page.getByTestId('family-view-text').innerText()).toBe(view)
    }
    expect(await social.page.getByTestId('family-view-edit').count()).toBe(0)
    await shoot('05-family-view')
  })

  it('the chair opens a scaling round; all three scale blind, the parent seeing only the count', async () => {
    await moveAgendaTo('scaling', 'Step 5 of 8')
    for (const { page } of everyone()) {
      await openMeeting(page, 'scaling')
      expect(await page.getByTestId('scaling-question').innerText()).toBe(SCALING_QUESTION)
    }
    await chair.page.getByTestId('scaling-chair-scales').check()
    await chair.page.getByTestId('scaling-open').click()
    for (const { page } of everyone()) await page.getByTestId('scale-form').waitFor()
    await expect.poll(() => parent.page.getByTestId('scaling-count').innerText()).toBe('0 of 3 have scaled')

    const answers = [
      {
        page: social.page,
        score: 3,
        reason: 'The fighting has gone on for a year and the children are frightened.',
      },
      { page: parent.page, score: 7, reason: 'We have already stopped arguing in front of the children.' },
      { page: chair.page, score: 4, reason: 'Some safety, but no plan yet for when arguments start.' },
    ]
    for (const [index, answer] of answers.entries()) {
      const { page } = answer
      await page.getByTestId('scale-form').getByTestId(`scale-point-${answer.score}`).check()
      // A reason is required.
      await page.getByTestId('scale-submit').click()
      await page.getByTestId('scale-form').getByRole('alert').waitFor()
      await page.getByTestId('scale-reason').fill(answer.reason)
      if (index === 1) await shootOne(page, '06a-scaling-parent-choosing-phone-390x844.png')
      await page.getByTestId('scale-submit').click()
      await expect.poll(() => page.getByTestId('my-scale-score').innerText()).toBe(String(answer.score))
      await expect
        .poll(() => parent.page.getByTestId('scaling-count').innerText())
        .toBe(`${index + 1} of 3 have scaled`)
    }
    // Before the reveal, the parent's page holds nobody else's number or reason.
    const parentText = await parent.page.locator('body').innerText()
    expect(parentText).not.toContain(answers[0]?.reason)
    expect(parentText).not.toContain(answers[2]?.reason)
    expect(await parent.page.getByTestId('scale-result').count()).toBe(0)
    expect(await parent.page.getByTestId('scale-marker').count()).toBe(0)
    expect(await parent.page.getByTestId('scaling-reveal').count()).toBe(0)
    await shoot('06-scaling-blind')
  })

  it('the chair reveals; everyone sees the same markers, names, agencies and reasons', async () => {
    await chair.page.getByTestId('scaling-reveal').click()
    const seen: string[][] = []
    for (const { page } of everyone()) {
      await expect.poll(() => page.getByTestId('scale-result').count()).toBe(3)
      const markers = await page
        .getByTestId('scale-marker')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-score')))
      expect(markers).toEqual(['3', '4', '7'])
      seen.push(await page.getByTestId('scale-result').allInnerTexts())
    }
    expect(seen[1]).toEqual(seen[0])
    expect(seen[2]).toEqual(seen[0])
    const all = (seen[0] ?? []).join('\n')
    expect(all).toContain('Sam Patel')
    expect(all).toContain('Riverside Children’s Services')
    expect(all).toContain('We have already stopped arguing in front of the children.')
    await parent.page.getByTestId('scale-results').scrollIntoViewIfNeeded()
    await shoot('07-scaling-revealed')
  })

  it('the social worker adds next steps; the overdue one says so in words', async () => {
    await moveAgendaTo('next-steps', 'Step 6 of 8')
    const page = social.page
    await openMeeting(page, 'next-steps')
    const steps = [
      {
        what: 'Refer Jo and Lee to the parenting programme',
        who: 'Sam Patel',
        agency: 'Riverside Children’s Services',
        due: daysFromToday(14),
      },
      {
        what: 'Send the school attendance report',
        who: 'Ms Green',
        agency: 'Riverside Primary School',
        due: daysFromToday(-3),
      },
    ]
    for (const step of steps) {
      await page.getByTestId('next-step-new').click()
      await page.getByTestId('next-step-what').fill(step.what)
      await page.getByTestId('next-step-who').fill(step.who)
      await page.getByTestId('next-step-agency').fill(step.agency)
      await page.getByTestId('next-step-due').fill(step.due)
      await page.getByTestId('next-step-save').click()
      await page.getByTestId('next-step-form').waitFor({ state: 'detached' })
    }
    for (const { page: other } of everyone()) {
      await openMeeting(other, 'next-steps')
      await expect.poll(() => other.getByTestId('next-step').count()).toBe(2)
      const overdue = other.locator('[data-testid="next-step"][data-overdue="true"]')
      expect(await overdue.count()).toBe(1)
      expect(await overdue.innerText()).toContain('Send the school attendance report')
      expect(await overdue.getByTestId('next-step-overdue').innerText()).toContain('Overdue')
    }
    expect(await parent.page.getByTestId('next-step-new').count()).toBe(0)
    await shoot('08-next-steps')
  })

  it('the chair records the decision with reasons, views and dissent; everyone reads it', async () => {
    await moveAgendaTo('decision', 'Step 7 of 8')
    const page = chair.page
    await openMeeting(page, 'decision')
    expect(await social.page.getByTestId('decision-edit').count()).toBe(0)
    await page.getByTestId('decision-edit').click()
    await page.getByTestId('decision-outcome-cp-plan').check()
    await page.getByTestId('decision-category').selectOption('neglect')
    await page
      .getByTestId('decision-reasons-input')
      .fill('The children are exposed to frequent, frightening arguments at night.')
    await page.getByTestId('decision-view-input').first().fill('Agrees with a Child Protection Plan')
    await page.getByTestId('decision-dissent-add').click()
    await page.getByTestId('decision-dissent-name').fill('Jo Smith')
    await page.getByTestId('decision-dissent-agency').fill('Parent')
    await page.getByTestId('decision-dissent-view').fill('Would rather have a Child in Need Plan')
    await shootOne(page, '09a-decision-form-chair-desktop-1440x900.png')
    await page.getByTestId('decision-save').click()
    for (const { page: other } of everyone()) {
      await openMeeting(other, 'decision')
      await expect
        .poll(() => other.getByTestId('decision-outcome').innerText())
        .toBe('Child Protection Plan (Neglect)')
      expect(await other.getByTestId('decision-reasons').innerText()).toContain('frightening arguments')
      expect(await other.getByTestId('decision-agency-view').innerText()).toContain(
        'Riverside Children’s Services',
      )
      expect(await other.getByTestId('decision-dissent').innerText()).toContain('Jo Smith (Parent)')
    }
    await shoot('09-decision')
  })

  it('the roster shows who is here, with role and agency; the phone sheet fits the screen', async () => {
    // One tap on the avatars opens the roster, on a phone too.
    await closeMeeting(parent.page)
    await parent.page.getByTestId('presence-button').tap()
    await expect.poll(() => parent.page.getByTestId('roster-present').count()).toBe(3)
    expect(
      await parent.page.locator('[data-testid="roster-present"][data-role="professional"]').innerText(),
    ).toContain('Riverside Children’s Services')
    await shoot('10-roster')
    expect(await parent.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    expect(await smallTouchTargets(parent.page)).toEqual([])
    expect(await controlsOffScreen(parent.page)).toEqual([])
    await closeMeeting(parent.page)
    expect(await smallTouchTargets(parent.page)).toEqual([])
    expect(await controlsOffScreen(parent.page)).toEqual([])
  })

  it('made no request to any other origin and raised no page errors', () => {
    for (const { requests, errors } of [chair, social, parent]) {
      expect(foreignRequests(requests, server.url)).toEqual([])
      expect(errors.filter((error) => error.startsWith('pageerror'))).toEqual([])
    }
  })
})

async function shootOne(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS_DIR, name) })
}
