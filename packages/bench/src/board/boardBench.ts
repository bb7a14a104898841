// `pnpm bench:board` (root; builds the web app first): how smooth the board is with a large map. A real server
// (buildApp on port 0, serving the built web app) holds a map of 2,000 notes written by a real y-websocket client;
// headless Chromium (playwright-core, /usr/bin/chromium) opens it at 1440×900, at device pixel ratios 1 and 2, and
//  - reloads it a few times, reading the board's first complete frame (the `mapboard:board-complete` performance
//    mark, apps/web/src/canvas/useBoardCompleteMark.ts: the notes layer drawn, fonts loaded, the view placed and
//    every note meeting it rendered; milliseconds from navigation start);
//  - pans with the wheel, then zooms with ctrl+wheel, for a few seconds each, timing every frame from
//    requestAnimationFrame deltas collected in the page;
//  - checks the text is sharp at rest (every layer's canvas at the device's pixel ratio once the view stops).
// Prints a table; writes docs/benchmarks/board.json and the "Board" section of docs/benchmarks.md.
//
//   --notes N      notes in the map (default 2000)       --seconds S   per gesture (default 4)
//   --loads N      reloads timed per ratio (default 3)   --quick       2 s gestures, 2 loads
//   --no-write     print only                            --json PATH   also write the results JSON to PATH
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { startServer } from '@mapboard/server/testing'
// The browser tests' own helpers: the same Chromium, joined the same way.
import {
  DESKTOP,
  PROFESSIONAL,
  joinByLink,
  launchBrowser,
  waitForBoard,
} from '../../../../apps/web/e2e/helpers.ts'
import { loadAverage, machineInfo } from '../report/environment.ts'
import { inRepositoryStyle, writeSection } from '../report/replaceSection.ts'
import { median } from '../stats/percentiles.ts'
import { createBoardMap } from './boardMap.ts'
import { pan, zoom } from './boardGestures.ts'
import type { FrameTimes } from './boardGestures.ts'
import { boardSection, printBoard } from './boardReport.ts'
import type { BoardResults, GestureFigures, RatioResults } from './boardReport.ts'

const { values } = parseArgs({
  options: {
    notes: { type: 'string' },
    seconds: { type: 'string' },
    loads: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
})
const NOTES = Number(values.notes ?? 2000)
const GESTURE_MS = 1000 * Number(values.seconds ?? (values.quick ? 2 : 4))
const LOADS = Number(values.loads ?? (values.quick ? 2 : 3))
const RATIOS = [1, 2] as const
const VIEWPORT = DESKTOP
/** Longer than the board's wait before it sharpens a moved view. */
const REST_MS = 800
const BOARD_COMPLETE_MARK = 'mapboard:board-complete'
const DOC = fileURLToPath(new URL('../../../../docs/benchmarks.md', import.meta.url))
const JSON_PATH = fileURLToPath(new URL('../../../../docs/benchmarks/board.json', import.meta.url))

/** The first `mapboard:board-complete` mark of the page: its time and detail, or null before it is set. */
const COMPLETE_MARK = `(() => {
  const [mark] = performance.getEntriesByName('${BOARD_COMPLETE_MARK}', 'mark')
  return mark === undefined ? null : { ms: mark.startTime, ...mark.detail }
})()`
/** Whether every layer of the board is drawn at the device's pixel ratio. */
const LAYERS_SHARP = `(() => {
  const layers = window.Konva?.stages[0]?.getLayers() ?? []
  return layers.length > 0 && layers.every((layer) => layer.getCanvas().getPixelRatio() === devicePixelRatio)
})()`

/** The board's first complete frame after a load: ms from navigation start, and the notes it drew. */
async function firstCompleteFrame(page: Page): Promise<{ ms: number; notes: number; drawn: number }> {
  // Polled: waitForFunction would evaluate the string with eval, which the app's Content-Security-Policy forbids.
  const deadline = Date.now() + 60_000
  for (;;) {
    const mark = (await page.evaluate(COMPLETE_MARK)) as { ms: number; notes: number; drawn: number } | null
    if (mark !== null) return mark
    if (Date.now() > deadline) throw new Error('the board set no first-complete mark within 60 s')
    await page.waitForTimeout(50)
  }
}

function figures(times: FrameTimes): GestureFigures {
  const { deltas } = times
  const slow = deltas.filter((delta) => delta > 20).length
  const sorted = [...deltas].sort((a, b) => a - b)
  const draws = [...times.draws].sort((a, b) => a - b)
  return {
    frames: deltas.length,
    wheels: times.wheels,
    slowShare: deltas.length === 0 ? 1 : slow / deltas.length,
    overFifty: deltas.filter((delta) => delta > 50).length,
    longestMs: sorted[sorted.length - 1] ?? 0,
    p95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
    medianMs: median(deltas),
    drawP95Ms: draws[Math.floor(draws.length * 0.95)] ?? 0,
    drawMaxMs: draws[draws.length - 1] ?? 0,
  }
}

/** Every layer drawn at the device's pixel ratio (the board may draw coarser while the view moves). */
async function sharpAtRest(page: Page): Promise<boolean> {
  await page.waitForTimeout(REST_MS)
  return (await page.evaluate(LAYERS_SHARP)) as boolean
}

async function measureRatio(browser: Browser, link: string, ratio: number): Promise<RatioResults> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: ratio })
  try {
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await joinByLink(page, link, PROFESSIONAL)
    // Timed from here: a returning participant opening the map (the page comes back as the same person).
    const loads = []
    for (let i = 0; i < LOADS; i++) {
      await page.reload()
      const load = await firstCompleteFrame(page)
      if (load.notes !== NOTES)
        throw new Error(`the first complete frame held ${load.notes} notes, not ${NOTES}`)
      loads.push(load)
      await waitForBoard(page)
    }
    await page.waitForTimeout(REST_MS)
    const panned = figures(await pan(page, GESTURE_MS))
    const panSharp = await sharpAtRest(page)
    const zoomed = figures(await zoom(page, GESTURE_MS))
    const zoomSharp = await sharpAtRest(page)
    if (errors.length > 0) throw new Error(`the page failed: ${errors.join('; ')}`)
    return {
      ratio,
      firstCompleteMs: loads.map((load) => load.ms),
      firstCompleteMedianMs: median(loads.map((load) => load.ms)),
      drawnAtLoad: loads[0]?.drawn ?? 0,
      pan: panned,
      zoom: zoomed,
      sharpAtRest: panSharp && zoomSharp,
    }
  } finally {
    await context.close()
  }
}

const started = Date.now()
const loadAtStart = loadAverage()
const server = await startServer()
let browser: Browser | undefined
try {
  const map = await createBoardMap(server, NOTES)
  browser = await launchBrowser()
  const ratios: RatioResults[] = []
  for (const ratio of RATIOS) ratios.push(await measureRatio(browser, map.links.professional, ratio))
  const results: BoardResults = {
    date: new Date().toISOString().slice(0, 10),
    machine: machineInfo(),
    chromium: browser.version(),
    loadAverage: { start: loadAtStart, end: loadAverage() },
    notes: NOTES,
    viewport: VIEWPORT,
    gestureMs: GESTURE_MS,
    seconds: (Date.now() - started) / 1000,
    ratios,
  }
  printBoard(results)
  const json = `${JSON.stringify(results, null, 2)}\n`
  if (values.json !== undefined) await writeFile(values.json, json)
  if (!values['no-write']) {
    await writeFile(JSON_PATH, await inRepositoryStyle(JSON_PATH, json))
    await writeSection(DOC, 'board', boardSection(results))
  }
} finally {
  await browser?.close()
  await server.close()
}
