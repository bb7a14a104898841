import type { MachineInfo } from '../report/environment.ts'

/** What one gesture's frames came to. */
export interface GestureFigures {
  frames: number
  wheels: number
  /** Share of frame-to-frame times over 20 ms (0–1). */
  slowShare: number
  overFifty: number
  longestMs: number
  p95Ms: number
  medianMs: number
  /** Konva layer drawing per frame: p95 and longest (ms). */
  drawP95Ms: number
  drawMaxMs: number
}

export interface RatioResults {
  ratio: number
  /** Each timed load's first complete frame, ms from navigation start. */
  firstCompleteMs: number[]
  firstCompleteMedianMs: number
  /** Notes rendered in the first complete frame. */
  drawnAtLoad: number
  pan: GestureFigures
  zoom: GestureFigures
  sharpAtRest: boolean
}

export interface BoardResults {
  date: string
  machine: MachineInfo
  chromium: string
  loadAverage: { start: number; end: number }
  notes: number
  viewport: { width: number; height: number }
  gestureMs: number
  seconds: number
  ratios: RatioResults[]
}

/** The goals of issue 17 at 2,000 notes, ratios 1 and 2. */
export const BOARD_GOALS = {
  slowShare: 0.05,
  longestMs: 50,
  firstCompleteMs: { 1: 800, 2: 1200 } as Record<number, number>,
}

const percent = (share: number): string => `${(100 * share).toFixed(1)}%`
const ms = (value: number): string => `${Math.round(value)} ms`
const met = (ok: boolean): string => (ok ? 'yes' : '**no**')

function gestureRows(results: BoardResults): string[][] {
  return results.ratios.flatMap((ratio) =>
    (['pan', 'zoom'] as const).map((gesture) => {
      const figures = ratio[gesture]
      return [
        String(ratio.ratio),
        gesture === 'pan' ? 'pan (wheel)' : 'zoom (ctrl+wheel)',
        String(figures.frames),
        percent(figures.slowShare),
        String(figures.overFifty),
        ms(figures.longestMs),
        `${figures.p95Ms.toFixed(1)} ms`,
        `${figures.medianMs.toFixed(1)} ms`,
        `${figures.drawP95Ms.toFixed(1)} / ${figures.drawMaxMs.toFixed(1)} ms`,
      ]
    }),
  )
}

function goalRows(results: BoardResults): string[][] {
  return results.ratios.flatMap((ratio) => {
    const worstShare = Math.max(ratio.pan.slowShare, ratio.zoom.slowShare)
    const longest = Math.max(ratio.pan.longestMs, ratio.zoom.longestMs)
    const firstGoal = BOARD_GOALS.firstCompleteMs[ratio.ratio] ?? 0
    return [
      [
        `ratio ${ratio.ratio}: frames over 20 ms, pan and zoom`,
        `≤ ${percent(BOARD_GOALS.slowShare)}`,
        percent(worstShare),
        met(worstShare <= BOARD_GOALS.slowShare),
      ],
      [
        `ratio ${ratio.ratio}: longest frame`,
        `≤ ${BOARD_GOALS.longestMs} ms`,
        ms(longest),
        met(longest <= BOARD_GOALS.longestMs),
      ],
      [
        `ratio ${ratio.ratio}: first complete frame (median)`,
        `≤ ${firstGoal} ms`,
        ms(ratio.firstCompleteMedianMs),
        met(ratio.firstCompleteMedianMs <= firstGoal),
      ],
      [
        `ratio ${ratio.ratio}: sharp text at rest`,
        'every layer at the device ratio',
        ratio.sharpAtRest ? 'yes' : 'no',
        met(ratio.sharpAtRest),
      ],
    ]
  })
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n')
}

const GESTURE_HEADER = [
  'ratio',
  'gesture',
  'frames',
  '> 20 ms',
  '> 50 ms',
  'longest',
  'p95',
  'median',
  'drawing p95 / max',
]
const GOAL_HEADER = ['goal', 'target', 'measured', 'met']

export function printBoard(results: BoardResults): void {
  console.log(`\nBoard, ${results.notes} notes, ${results.viewport.width}×${results.viewport.height}`)
  console.log(table(GESTURE_HEADER, gestureRows(results)))
  for (const ratio of results.ratios) {
    console.log(
      `ratio ${ratio.ratio}: first complete frame ${ratio.firstCompleteMs.map(ms).join(', ')} ` +
        `(${ratio.drawnAtLoad} notes drawn); sharp at rest: ${ratio.sharpAtRest ? 'yes' : 'no'}`,
    )
  }
  console.log(table(GOAL_HEADER, goalRows(results)))
}

/** The "Board" figures for docs/benchmarks.md (between `<!-- bench:board:start -->` and its end marker). */
export function boardSection(results: BoardResults): string {
  const { machine } = results
  const loads = results.ratios
    .map(
      (ratio) =>
        `ratio ${ratio.ratio}: ${ratio.firstCompleteMs.map(ms).join(', ')} (${ratio.drawnAtLoad} notes rendered)`,
    )
    .join('; ')
  return [
    '## Board',
    '',
    `Measured ${results.date} with \`pnpm bench:board\` (${Math.round(results.seconds)} s). Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, Chromium ${results.chromium} headless with software rendering (\`--disable-gpu\`); 1-minute load average ${results.loadAverage.start.toFixed(2)} at the start, ${results.loadAverage.end.toFixed(2)} at the end (more than about 1 means other work competed with the run).`,
    '',
    `A map of ${results.notes.toLocaleString('en-GB')} notes over the seven sections, opened by a professional at ${results.viewport.width}×${results.viewport.height}. Each gesture runs ${results.gestureMs / 1000} s, a wheel event every 16 ms at the centre of the canvas: the pan goes right, down, left and up (30 px a wheel event); the zoom goes out to 70% of the opening view and in to 160% (5% a wheel event, never as far out as the section summaries). Frame times are requestAnimationFrame deltas collected in the page. The first complete frame is the board's \`mapboard:board-complete\` performance mark: the first draw of the notes layer with the fonts loaded, the view placed and every note meeting the view rendered, counted from navigation start of a reload (a returning participant; median of the loads).`,
    '',
    '### Goals',
    '',
    table(GOAL_HEADER, goalRows(results)),
    '',
    '### Frames',
    '',
    table(GESTURE_HEADER, gestureRows(results)),
    '',
    `First complete frame, each load: ${loads}. Raw figures: [benchmarks/board.json](benchmarks/board.json).`,
  ].join('\n')
}
