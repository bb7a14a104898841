// Shared helpers for the browser tests: a real Chromium (playwright-core) against the real server (test-kit).
import { mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core'
import jsQR from 'jsqr'
import type { CreateMapResponse, Role } from '@mapboard/protocol'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'

export const ARTIFACTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../test-artifacts')

export const DESKTOP = { width: 1440, height: 900 } as const
export const PHONE = { width: 390, height: 844 } as const

/** The exact words of product.md, "The map". Written out here, not imported, so the test checks the app. */
export const COLUMN_HEADINGS = ['What are we worried about?', "What's working well?", 'What needs to happen?']
export const SECTION_HEADINGS = [
  'Past harm',
  'Future danger',
  'Complicating factors',
  'Existing strengths',
  'Existing safety',
  'Safety goals',
  'Next steps',
]

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export interface RecordedPage {
  context: BrowserContext
  page: Page
  /** Every URL the page asked for: documents, scripts, styles, fonts, fetches and websockets. */
  requests: string[]
  /** Uncaught errors and console errors, for a clear failure message. */
  errors: string[]
}

/** A fresh browser context (its own storage, like a separate device) that records every request it makes. */
export async function openRecordedPage(
  browser: Browser,
  options: BrowserContextOptions,
): Promise<RecordedPage> {
  const context = await browser.newContext(options)
  const page = await context.newPage()
  const requests: string[] = []
  const errors: string[] = []
  context.on('request', (request) => requests.push(request.url()))
  page.on('websocket', (socket) => requests.push(socket.url()))
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`)
  })
  return { context, page, requests, errors }
}

export function phoneContextOptions(): BrowserContextOptions {
  return { viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
}

/** Requests that went anywhere but `origin` (http(s) and ws(s) alike; data:/blob: are not requests elsewhere). */
export function foreignRequests(requests: readonly string[], origin: string): string[] {
  const own = new URL(origin)
  return requests.filter((raw) => {
    const url = new URL(raw)
    if (url.protocol === 'data:' || url.protocol === 'blob:') return false
    return url.hostname !== own.hostname || url.port !== own.port
  })
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true })
  return join(ARTIFACTS_DIR, name)
}

/** Waits until the canvas has drawn the map and the connection is live. */
export async function waitForBoard(page: Page): Promise<void> {
  await page.locator('[data-testid="board-canvas"][data-ready="true"]').waitFor()
  await page.locator('[data-testid="connection-indicator"][data-status="connected"]').waitFor()
}

/** Who joins: a name, and an agency for professionals (the chair may give one too). */
export interface Joiner {
  name: string
  agency?: string
}

/** A moment as the schedule's fields take it: London's date and clock time. */
export function londonFields(ms: number): { date: string; time: string } {
  const date = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(ms)
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(ms)
  return { date, time }
}

/** Fills the schedule's date and time fields (the landing page's or the chair's Timing tab's) with `startsAt`. */
export async function fillSchedule(page: Page, startsAt: number): Promise<void> {
  const fields = londonFields(startsAt)
  await page.getByTestId('schedule-date').fill(fields.date)
  await page.getByTestId('schedule-time').fill(fields.time)
}

/** When the conference is, as the landing page asks for it. */
export interface LandingSchedule {
  startsAt: number
  type: 'initial' | 'review'
}

/**
 * On the landing page: create a map (with its schedule, when given), join as chair, read the invite links from
 * the Invite panel.
 */
export async function createMapFromLanding(
  page: Page,
  origin: string,
  title: string,
  chair: Joiner,
  schedule?: LandingSchedule,
): Promise<Record<Role, string>> {
  await page.goto(`${origin}/`)
  await page.getByTestId('map-title-input').fill(title)
  if (schedule !== undefined) {
    await fillSchedule(page, schedule.startsAt)
    await page.getByTestId(`schedule-type-${schedule.type}`).check()
  }
  await page.getByTestId('create-map-button').click()
  await joinWithName(page, chair)
  const panel = page.getByTestId('invite-panel')
  await panel.waitFor()
  await panel.getByTestId('invite-item').nth(3).waitFor()
  const links = {} as Record<Role, string>
  for (const role of ['chair', 'professional', 'family', 'viewer'] as const) {
    links[role] = await panel.getByTestId(`invite-link-${role}`).first().inputValue()
  }
  await panel.getByRole('button', { name: 'Close' }).click()
  await panel.waitFor({ state: 'detached' })
  await waitForBoard(page)
  return links
}

/** Fills the join form (name, and agency when given) and joins. */
export async function joinWithName(page: Page, who: Joiner): Promise<void> {
  await page.getByTestId('name-input').fill(who.name)
  if (who.agency !== undefined) await page.getByTestId('agency-input').fill(who.agency)
  await page.getByTestId('join-button').click()
}

export async function joinByLink(page: Page, link: string, who: Joiner): Promise<void> {
  await page.goto(link)
  await joinWithName(page, who)
  await waitForBoard(page)
}

/** Notes added through the canvas or the outline, and `joinAs`, use these people. */
export const CHAIR: Joiner = { name: 'Alex Morgan', agency: 'Riverside Council' }
export const PROFESSIONAL: Joiner = { name: 'Sam Patel', agency: 'Riverside Primary School' }
export const FAMILY: Joiner = { name: 'Jo Smith' }
export const VIEWER: Joiner = { name: 'Kim Lee' }

/** What kind of information a new note is and where it came from; no source means "Source not given" is ticked. */
export interface Provenance {
  kind: 'Fact' | 'Observation' | 'Allegation' | 'Opinion'
  source?: string
}

/** Said of a note that only needs to be there: an observation, "Source not given" (what the model assumed before). */
export const UNSOURCED_OBSERVATION: Provenance = { kind: 'Observation' }

/**
 * Makes the choice a new note asks for (decision 0037: no kind or source is chosen for you), in the Outline's form
 * or the note editor on the board, whichever `form` is.
 */
export async function chooseProvenance(
  form: Locator,
  { kind, source }: Provenance = UNSOURCED_OBSERVATION,
): Promise<void> {
  await form.getByRole('radio', { name: kind, exact: true }).check()
  if (source === undefined) await form.getByTestId('source-not-given').check()
  else
    await form.locator('[data-testid="outline-note-source"], [data-testid="note-editor-source"]').fill(source)
}

/** Adds a note through the outline's form (the keyboard path), returning when the form has closed. */
export async function addNoteInOutline(
  page: Page,
  zone: string,
  text: string,
  provenance: Provenance = UNSOURCED_OBSERVATION,
): Promise<void> {
  await page.getByTestId(`outline-add-${zone}`).click()
  await page.getByTestId('outline-note-input').fill(text)
  await chooseProvenance(page.getByTestId('outline-note-form'), provenance)
  await page.getByTestId('outline-note-save').click()
  await page.getByTestId('outline-note-form').waitFor({ state: 'detached' })
}

export function outlineNote(page: Page, zone: string, text: string) {
  return page
    .getByTestId(`outline-section-${zone}`)
    .getByTestId('outline-note')
    .filter({ has: page.getByTestId('outline-note-text').getByText(text, { exact: true }) })
}

export async function outlineTexts(page: Page, zone: string): Promise<string[]> {
  return page.getByTestId(`outline-section-${zone}`).getByTestId('outline-note-text').allInnerTexts()
}

// --- the Konva scene ---------------------------------------------------------------------------------------
// Konva registers itself as `window.Konva`; its stage is the real scene the user sees, so tests read it.

interface KonvaNodeLike {
  text(): string
  getClientRect(): { x: number; y: number; width: number; height: number }
  findOne(selector: string): KonvaNodeLike | undefined
}
interface KonvaStageLike {
  container(): HTMLElement
  scaleX(): number
  find(selector: string): KonvaNodeLike[]
  findOne(selector: string): KonvaNodeLike | undefined
}
type KonvaWindow = Window & { Konva?: { stages: KonvaStageLike[] } }

/** The text of every node with the given Konva name on the board's stage, in drawing order. */
export async function canvasTexts(page: Page, name: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const stage = (window as KonvaWindow).Konva?.stages[0]
    return stage ? stage.find(selector).map((node) => node.text()) : []
  }, `.${name}`)
}

export interface Point {
  x: number
  y: number
}

/** Page coordinates of the centre of a drawn note. */
export async function noteCentre(page: Page, noteId: string): Promise<Point> {
  const point = await page.evaluate((id) => {
    const stage = (window as KonvaWindow).Konva?.stages[0]
    const node = stage?.findOne(`#note-${id}`)
    if (!stage || !node) return null
    const box = stage.container().getBoundingClientRect()
    const rect = node.getClientRect()
    return { x: box.left + rect.x + rect.width / 2, y: box.top + rect.y + rect.height / 2 }
  }, noteId)
  if (point === null) throw new Error(`note ${noteId} is not drawn on the canvas`)
  return point
}

/** Page coordinates of the "+" (add a note) button in a section's header on the canvas. */
export async function addButtonCentre(page: Page, zone: string): Promise<Point> {
  const point = await page.evaluate((id) => {
    const stage = (window as KonvaWindow).Konva?.stages[0]
    const node = stage?.findOne(`#section-${id}`)?.findOne('.add-note')
    if (!stage || !node) return null
    const box = stage.container().getBoundingClientRect()
    const rect = node.getClientRect()
    return { x: box.left + rect.x + rect.width / 2, y: box.top + rect.y + rect.height / 2 }
  }, zone)
  if (point === null) throw new Error(`no add button drawn for ${zone}`)
  return point
}

/** Page coordinates of the first note slot of a section (just below its header). */
export async function sectionFirstSlot(page: Page, zone: string): Promise<Point> {
  const point = await page.evaluate((id) => {
    const stage = (window as KonvaWindow).Konva?.stages[0]
    const node = stage?.findOne(`#section-${id}`)
    if (!stage || !node) return null
    const box = stage.container().getBoundingClientRect()
    const rect = node.getClientRect()
    const scale = stage.scaleX()
    // Section header 36, gap 12, note 180 × 120 (map-model layout defaults): aim at the middle of slot 0.
    return { x: box.left + rect.x + (12 + 90) * scale, y: box.top + rect.y + (36 + 60) * scale }
  }, zone)
  if (point === null) throw new Error(`section ${zone} is not drawn on the canvas`)
  return point
}

/** A real mouse drag: press, move in steps (so drag events fire along the way), release. */
export async function dragWithMouse(page: Page, from: Point, to: Point): Promise<void> {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(from.x + 6, from.y + 6, { steps: 3 })
  await page.mouse.move(to.x, to.y, { steps: 15 })
  await page.mouse.up()
}

/** The canvas view as the page last applied it: `[x, y, scale]` from the canvas's `data-camera`. */
export async function cameraOf(page: Page): Promise<{ x: number; y: number; scale: number }> {
  const raw = await page.getByTestId('board-canvas').getAttribute('data-camera')
  const [x, y, scale] = (raw ?? '').split(',').map(Number)
  if (x === undefined || y === undefined || scale === undefined || Number.isNaN(scale)) {
    throw new Error(`no camera on the canvas: ${raw}`)
  }
  return { x, y, scale }
}

/** Touch input through the DevTools protocol, which (unlike page.touchscreen) can put two fingers down. */
export async function touch(page: Page) {
  const cdp = await page.context().newCDPSession(page)
  const send = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: Point[]) =>
    cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: points.map((point, id) => ({
        x: point.x,
        y: point.y,
        id,
        radiusX: 4,
        radiusY: 4,
        force: 1,
      })),
    })
  return {
    /** One finger from `from` to `to`, in steps. */
    async drag(from: Point, to: Point, steps = 12): Promise<void> {
      await send('touchStart', [from])
      for (let i = 1; i <= steps; i++) {
        await send('touchMove', [
          { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps },
        ])
      }
      await send('touchEnd', [])
    },
    /** Two fingers moving apart (factor > 1) or together around `centre`. */
    async pinch(centre: Point, startGap: number, factor: number, steps = 10): Promise<void> {
      const fingers = (gap: number): Point[] => [
        { x: centre.x - gap / 2, y: centre.y },
        { x: centre.x + gap / 2, y: centre.y },
      ]
      await send('touchStart', fingers(startGap))
      for (let i = 1; i <= steps; i++)
        await send('touchMove', fingers(startGap * (1 + ((factor - 1) * i) / steps)))
      await send('touchEnd', [])
    },
    detach: () => cdp.detach(),
  }
}

/**
 * How long a note took from the click that adds it in one page to appearing in another page's outline,
 * timed inside the browser (both pages share one clock), so test-runner polling does not inflate it.
 */
export async function timeNotePropagation(
  from: Page,
  to: Page,
  zone: string,
  text: string,
  click: () => Promise<void>,
): Promise<number> {
  type Timed = Window & { __addedAt?: number; __seenAt?: number }
  await to.evaluate(
    ({ zone, text }) => {
      const root = document
        .querySelector(`[data-testid="outline-section-${zone}"]`)
        ?.closest('[data-testid="outline"]')
      if (!root) throw new Error('no outline on the page')
      const seen = (): boolean =>
        [
          ...document.querySelectorAll(
            `[data-testid="outline-section-${zone}"] [data-testid="outline-note-text"]`,
          ),
        ].some((node) => node.textContent === text)
      const observer = new MutationObserver(() => {
        if (!seen()) return
        ;(window as Timed).__seenAt = performance.timeOrigin + performance.now()
        observer.disconnect()
      })
      observer.observe(root, { childList: true, subtree: true, characterData: true })
    },
    { zone, text },
  )
  await from.evaluate(() => {
    const mark = (): void => {
      ;(window as Timed).__addedAt = performance.timeOrigin + performance.now()
    }
    document.addEventListener('click', mark, { capture: true, once: true })
  })
  await click()
  const seenAt = await (await to.waitForFunction(() => (window as Timed).__seenAt)).jsonValue()
  const addedAt = await from.evaluate(() => (window as Timed).__addedAt)
  if (typeof seenAt !== 'number' || typeof addedAt !== 'number') throw new Error('propagation was not timed')
  return seenAt - addedAt
}

// --- the sync socket, held back ------------------------------------------------------------------------------

/** The professionals' document's socket, `/sync/<mapId>/professionals?token=…`, and not the shared one's. */
export const PROFESSIONALS_SOCKET = /\/sync\/[^/?]+\/professionals\?/

export interface SyncRelay {
  /** Stop passing the server's messages to the page (the page's own still go out). */
  hold(): void
  /** Pass on everything held, in order, and carry on passing. */
  release(): void
  /** Messages held since the last release. */
  readonly heldCount: number
}

/**
 * Puts the page's `/sync` socket through the test, so the server's messages to the page can be held back for a
 * while: the page then acts on a stale map, as a slow phone does while the chair's change is on its way. The
 * server is the real one and every byte still goes to it unchanged. Call before the page opens the board.
 * `sockets` picks which (both documents' by default; `PROFESSIONALS_SOCKET` for the professionals' one only).
 */
export async function relaySync(page: Page, sockets: RegExp = /\/sync\//): Promise<SyncRelay> {
  let holding = false
  const held: Array<() => void> = []
  await page.routeWebSocket(sockets, (socket) => {
    const server = socket.connectToServer()
    socket.onMessage((message) => server.send(message))
    server.onMessage((message) => {
      if (holding) held.push(() => socket.send(message))
      else socket.send(message)
    })
  })
  return {
    hold() {
      holding = true
    },
    release() {
      holding = false
      for (const send of held.splice(0)) send()
    },
    get heldCount() {
      return held.length
    },
  }
}

// --- canvas nodes by selector --------------------------------------------------------------------------------

/** Page coordinates of the centre of a Konva node (`#id`, `.name`, or `#id .name`), or null if not drawn. */
export async function canvasNodeCentre(page: Page, selector: string): Promise<Point | null> {
  return page.evaluate((query) => {
    const stage = (window as KonvaWindow).Konva?.stages[0]
    if (!stage) return null
    const parts = query.split(' ')
    let node: KonvaNodeLike | undefined = stage.findOne(parts[0] ?? '')
    for (const part of parts.slice(1)) node = node?.findOne(part)
    if (!node) return null
    const box = stage.container().getBoundingClientRect()
    const rect = node.getClientRect()
    return { x: box.left + rect.x + rect.width / 2, y: box.top + rect.y + rect.height / 2 }
  }, selector)
}

/** How many Konva nodes match `selector` inside the node `within` (e.g. `#section-past-harm`), or on the stage. */
export async function canvasCount(page: Page, selector: string, within?: string): Promise<number> {
  return page.evaluate(
    ({ selector, within }) => {
      const stage = (window as KonvaWindow).Konva?.stages[0]
      if (!stage) return 0
      if (within === undefined) return stage.find(selector).length
      const parent = stage.findOne(within) as (KonvaNodeLike & { find?(s: string): unknown[] }) | undefined
      return parent?.find?.(selector).length ?? 0
    },
    { selector, within },
  )
}

/** The notes drawn with the selection outline, in drawing order (their ids). */
export async function selectedNoteIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type Outline = { getParent(): { id(): string } | null }
    const stage = (window as Window & { Konva?: { stages: Array<{ find(s: string): Outline[] }> } }).Konva
      ?.stages[0]
    return (stage?.find('.note-selection') ?? []).map(
      (node) =>
        node
          .getParent()
          ?.id()
          .replace(/^note-/, '') ?? '',
    )
  })
}

/** Whether the drawn note can be dragged (Konva's own `draggable()`), or null if it is not drawn. */
export async function noteDraggable(page: Page, noteId: string): Promise<boolean | null> {
  return page.evaluate((id) => {
    const node = (window as KonvaWindow).Konva?.stages[0]?.findOne(`#note-${id}`) as
      (KonvaNodeLike & { draggable(): boolean }) | undefined
    return node ? node.draggable() : null
  }, noteId)
}

/**
 * Reads the QR code drawn in the page (an inline SVG) as a camera would: rasterised at a size a phone sees, then
 * decoded. Returns the text it holds, or null if it does not decode.
 */
export async function readQrCode(page: Page, testId = 'invite-qr'): Promise<string | null> {
  const image = await page.evaluate((id) => {
    const svg = document.querySelector(`[data-testid="${id}"]`)
    const path = svg?.querySelector('path')?.getAttribute('d')
    const modules = Number(svg?.getAttribute('viewBox')?.split(' ')[2])
    if (!path || !Number.isFinite(modules) || modules <= 0) return null
    // The SVG's own path, filled onto a canvas pixel by pixel as a screen shows it.
    const size = 400
    const canvas = document.createElement('canvas')
    canvas.width = size
    canvas.height = size
    const context = canvas.getContext('2d')
    if (context === null) return null
    context.fillStyle = '#ffffff'
    context.fillRect(0, 0, size, size)
    context.scale(size / modules, size / modules)
    context.fillStyle = '#000000'
    context.fill(new Path2D(path))
    return { size, data: Array.from(context.getImageData(0, 0, size, size).data) }
  }, testId)
  if (image === null) return null
  return jsQR(Uint8ClampedArray.from(image.data), image.size, image.size)?.data ?? null
}

/** Every button and link on the page smaller than a fingertip (44 × 44 CSS px), by name. */
export async function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, a[href], summary, select')]
      .map((element) => ({
        name: element.getAttribute('aria-label') ?? (element as HTMLElement).innerText,
        box: element.getBoundingClientRect(),
      }))
      .filter(({ box }) => box.width > 0 && (box.height < 44 || box.width < 44))
      .map(({ name, box }) => `${name} ${box.width}×${box.height}`),
  )
}

/**
 * Buttons that are drawn but reach past the left or right edge of the screen (cut off, or only reachable by
 * scrolling), on the whole page or inside the element `within` selects.
 */
export async function controlsOffScreen(page: Page, within = 'body'): Promise<string[]> {
  return page.evaluate(
    (scope) =>
      [...document.querySelectorAll<HTMLButtonElement>(`${scope} button`)]
        .map((element) => ({
          name: element.getAttribute('aria-label') ?? element.innerText,
          box: element.getBoundingClientRect(),
        }))
        .filter(({ box }) => box.width > 0 && (box.left < 0 || box.right > window.innerWidth))
        .map(({ name, box }) => `${name} ${Math.round(box.left)}–${Math.round(box.right)}`),
    within,
  )
}

/** Opens the meeting panel (or the phone's meeting sheet) unless it is open, then the given tab. */
export async function openMeeting(page: Page, tab?: string): Promise<void> {
  const button = page.getByTestId('meeting-button')
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click()
  await page.getByTestId('meeting-panel').waitFor()
  if (tab !== undefined) await page.getByTestId(`meeting-tab-${tab}`).click()
}

/** Closes the meeting panel (or the phone's meeting sheet) if it is open. */
export async function closeMeeting(page: Page): Promise<void> {
  if ((await page.getByTestId('meeting-panel').count()) === 0) return
  await page.getByRole('button', { name: 'Close the meeting panel' }).click()
  await page.getByTestId('meeting-panel').waitFor({ state: 'detached' })
}

/** A conference's three screens: the chair and a professional at desktops, a parent on a phone, each joined by link. */
export interface ThreeSeats {
  server: TestServer
  browser: Browser
  map: CreateMapResponse
  chair: RecordedPage
  professional: RecordedPage
  parent: RecordedPage
  close(): Promise<void>
}

/** A new server and map titled `title`, with the chair, a professional and a parent on it. */
export async function openThreeSeats(title: string): Promise<ThreeSeats> {
  const server = await startServer()
  const browser = await launchBrowser()
  const map = await server.createMap(title)
  const chair = await openRecordedPage(browser, { viewport: DESKTOP })
  const professional = await openRecordedPage(browser, { viewport: DESKTOP })
  const parent = await openRecordedPage(browser, phoneContextOptions())
  await joinByLink(chair.page, map.links.chair, CHAIR)
  await joinByLink(professional.page, map.links.professional, PROFESSIONAL)
  await joinByLink(parent.page, map.links.family, FAMILY)
  return {
    server,
    browser,
    map,
    chair,
    professional,
    parent,
    async close() {
      await browser.close()
      await server.close()
    },
  }
}
