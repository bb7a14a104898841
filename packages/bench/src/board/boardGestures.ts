import type { Page } from 'playwright-core'

/** Frame-to-frame times (ms) the page saw while a gesture ran: requestAnimationFrame deltas, collected in the page. */
export interface FrameTimes {
  deltas: number[]
  /**
   * Time spent drawing Konva layers in each frame (ms): the board's own work, less disturbed than the deltas by
   * other processes on a busy machine.
   */
  draws: number[]
  /** How many wheel events were sent. */
  wheels: number
}

/** Wheel events are sent at about this rate (a mouse wheel or a trackpad gives 60–120 a second). */
const WHEEL_INTERVAL_MS = 16

// Page scripts are strings: this package has no DOM types, and the page runs them as they are written.
/** Starts collecting requestAnimationFrame times in the page. */
const START_FRAMES = `(() => {
  const probe = { times: [], draws: [], drawing: 0, running: true }
  window.__boardFrames = probe
  const layer = window.Konva.Layer.prototype
  if (layer.__benchDrawScene === undefined) {
    layer.__benchDrawScene = layer.drawScene
    layer.drawScene = function (...args) {
      const start = performance.now()
      try {
        return layer.__benchDrawScene.apply(this, args)
      } finally {
        if (window.__boardFrames) window.__boardFrames.drawing += performance.now() - start
      }
    }
  }
  const tick = (time) => {
    probe.times.push(time)
    probe.draws.push(probe.drawing)
    probe.drawing = 0
    if (probe.running) requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
})()`
/** Stops collecting and returns the frame times. */
const STOP_FRAMES = `(() => {
  const probe = window.__boardFrames
  if (probe === undefined) return { times: [], draws: [] }
  probe.running = false
  return { times: probe.times, draws: probe.draws }
})()`

async function stopFrames(page: Page): Promise<{ deltas: number[]; draws: number[] }> {
  const { times, draws } = (await page.evaluate(STOP_FRAMES)) as { times: number[]; draws: number[] }
  // The draws before frame i+1 belong to the delta between frames i and i+1.
  return { deltas: times.slice(1).map((time, i) => time - (times[i] ?? time)), draws: draws.slice(1) }
}

/** Sends `wheel(i)` every WHEEL_INTERVAL_MS for `durationMs` with the pointer at the canvas's centre, timing frames. */
async function wheelFor(
  page: Page,
  durationMs: number,
  wheel: (i: number) => { dx: number; dy: number },
): Promise<FrameTimes> {
  const box = await page.getByTestId('board-canvas').boundingBox()
  if (box === null) throw new Error('the board canvas is not on the page')
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.evaluate(START_FRAMES)
  const start = Date.now()
  let wheels = 0
  while (Date.now() - start < durationMs) {
    const { dx, dy } = wheel(wheels)
    await page.mouse.wheel(dx, dy)
    wheels++
    const next = start + wheels * WHEEL_INTERVAL_MS
    const wait = next - Date.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
  }
  return { ...(await stopFrames(page)), wheels }
}

/** Wheel pixels per event while panning: a brisk trackpad swipe, about 1,800 px a second. */
const PAN_STEP = 30
/** Events per leg of the pan: right, down, left, up, about a second each. */
const PAN_LEG = 60

/** Pans with the plain wheel in a square: right, down, left and up, again and again. */
export function pan(page: Page, durationMs: number): Promise<FrameTimes> {
  return wheelFor(page, durationMs, (i) => {
    const leg = Math.floor(i / PAN_LEG) % 4
    const dx = leg === 0 ? PAN_STEP : leg === 2 ? -PAN_STEP : 0
    const dy = leg === 1 ? PAN_STEP : leg === 3 ? -PAN_STEP : 0
    return { dx, dy }
  })
}

/** Wheel delta per ctrl+wheel event: each zooms by exp(∓20 × 0.0025) ≈ 5% (cameraGeometry.wheelMove). */
const ZOOM_STEP = 20
/**
 * One zoom cycle: out 7 steps (to 0.7× the start), in 16 (to 1.6×), out 9 (back to the start), so from the
 * opening view at 100% the board stays between about 70% and 160%: notes drawn, never the section summaries.
 */
const ZOOM_CYCLE = [7, 16, 9] as const

/** Zooms in and out with ctrl+wheel at the centre of the canvas. */
export async function zoom(page: Page, durationMs: number): Promise<FrameTimes> {
  const cycle = ZOOM_CYCLE.reduce((sum, steps) => sum + steps, 0)
  await page.keyboard.down('Control')
  try {
    return await wheelFor(page, durationMs, (i) => {
      const at = i % cycle
      const out = at < ZOOM_CYCLE[0] || at >= ZOOM_CYCLE[0] + ZOOM_CYCLE[1]
      return { dx: 0, dy: out ? ZOOM_STEP : -ZOOM_STEP }
    })
  } finally {
    await page.keyboard.up('Control')
  }
}
