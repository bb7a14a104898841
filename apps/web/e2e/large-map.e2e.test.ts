import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectClient, joinAs, mapIdFromLink } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import { ZONE_IDS, addNote } from '@mapboard/map-model'
import type { Browser, Page } from 'playwright-core'
import {
  CHAIR,
  DESKTOP,
  PROFESSIONAL,
  cameraOf,
  joinByLink,
  launchBrowser,
  openRecordedPage,
} from './helpers.ts'

const NOTES = 1_000

describe('a large map', () => {
  let server: TestServer
  let browser: Browser
  let seeder: TestClient
  let page: Page

  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
    const map = await server.createMap('Large map')
    // The server keeps a note only if it carries its author's own name, id and agency.
    const joined = await joinAs(server, map.links.chair, CHAIR)
    const { participant } = joined
    seeder = connectClient(server, mapIdFromLink(map.links.chair), joined)
    await seeder.synced
    seeder.doc.transact(() => {
      for (let i = 0; i < NOTES; i++) {
        const zone = ZONE_IDS[i % ZONE_IDS.length] ?? 'past-harm'
        addNote(seeder.doc, {
          zone,
          text: `Note ${i}: a line of text long enough to wrap onto a second line.`,
          author: participant.name,
          authorId: participant.id,
          agency: participant.agency,
        })
      }
    })
    page = (await openRecordedPage(browser, { viewport: DESKTOP })).page
    await countReactCommits(page)
    await joinByLink(page, map.links.professional, PROFESSIONAL)
    await page
      .getByTestId('outline-note')
      .nth(NOTES - 1)
      .waitFor({ state: 'attached' })
  })

  afterAll(async () => {
    seeder?.destroy()
    await browser?.close()
    await server?.close()
  })

  const drawnNotes = (): Promise<number> =>
    page.evaluate(() => {
      type KonvaWindow = Window & { Konva?: { stages: Array<{ find(selector: string): unknown[] }> } }
      return (window as KonvaWindow).Konva?.stages[0]?.find('.note').length ?? 0
    })

  it('draws only the notes near the viewport, and pans without a React render per frame', async () => {
    // The whole map fits at a tiny zoom; zoom in to a readable one.
    for (let i = 0; i < 20 && (await cameraOf(page)).scale < 0.9; i++) {
      await page.getByRole('button', { name: 'Zoom in', exact: true }).click()
    }
    expect((await cameraOf(page)).scale).toBeGreaterThan(0.9)
    const drawn = await drawnNotes()
    expect(drawn).toBeGreaterThan(0)
    expect(drawn).toBeLessThan(NOTES / 4)

    // Pan by dragging the background for a second and time the frames the browser produces meanwhile.
    const box = await page.getByTestId('board-canvas').boundingBox()
    if (box === null) throw new Error('no canvas')
    await page.evaluate(() => {
      const frames: number[] = []
      ;(window as Window & { __frames?: number[] }).__frames = frames
      const tick = (time: number): void => {
        frames.push(time)
        if (frames.length < 600) requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    })
    const start = await cameraOf(page)
    const commitsBefore = await reactCommits(page)
    // The hook is live: loading the board took React commits.
    expect(commitsBefore).toBeGreaterThan(0)
    // The column gaps are empty board: press there so the drag pans instead of moving a note. A plain drag on
    // empty board draws a selection box (decision 0026); holding Space pans, as in tldraw and Miro.
    await page.getByTestId('board-canvas').focus()
    await page.keyboard.down('Space')
    await page.mouse.move(box.x + box.width / 2, box.y + 20)
    await page.mouse.down()
    for (let step = 1; step <= 60; step++)
      await page.mouse.move(box.x + box.width / 2 - step * 8, box.y + 20 + step * 2)
    await page.mouse.up()
    await page.keyboard.up('Space')
    await expect.poll(async () => (await cameraOf(page)).x).toBeLessThan(start.x - 200)
    const commits = (await reactCommits(page)) - commitsBefore
    const frames = await page.evaluate(() => (window as Window & { __frames?: number[] }).__frames ?? [])
    const gaps = frames
      .slice(1)
      .map((time, i) => time - (frames[i] ?? time))
      .sort((a, b) => a - b)
    const p95 = gaps[Math.floor(gaps.length * 0.95)] ?? 0
    console.log(`pan-frame-p95-ms (${NOTES} notes, ${drawn} drawn): ${p95.toFixed(1)}`)
    console.log(`pan-react-commits (60 pointer moves, ${frames.length} frames): ${commits}`)
    // The camera moves the stage imperatively; React renders only when the view leaves the drawn margin and
    // another set of notes is drawn (each such render is a commit of react-dom and one of react-konva).
    expect(commits).toBeLessThanOrEqual(8)
  })
})

type CommitCountingWindow = Window & { __reactCommits?: number }

/**
 * Counts React commits in the page without touching the app: React (react-dom and react-konva's reconciler
 * alike) reports every commit to the DevTools hook when one is installed, so the test installs a minimal one
 * before the page loads.
 */
async function countReactCommits(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counting = window as CommitCountingWindow & { __REACT_DEVTOOLS_GLOBAL_HOOK__?: unknown }
    let renderers = 0
    counting.__reactCommits = 0
    counting.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true,
      isDisabled: false,
      renderers: new Map(),
      inject: () => ++renderers,
      checkDCE: () => {},
      onScheduleFiberRoot: () => {},
      onCommitFiberRoot: () => {
        counting.__reactCommits = (counting.__reactCommits ?? 0) + 1
      },
      onPostCommitFiberRoot: () => {},
      onCommitFiberUnmount: () => {},
      setStrictMode: () => {},
    }
  })
}

async function reactCommits(page: Page): Promise<number> {
  const commits = await page.evaluate(() => (window as CommitCountingWindow).__reactCommits)
  if (commits === undefined) throw new Error('React commits are not being counted')
  return commits
}
