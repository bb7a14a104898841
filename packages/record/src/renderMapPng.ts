// The whole map as a PNG at print quality: twice the board's size on a white background, so every note's text
// reads on paper. Pure: a snapshot in, bytes out.
import { createCanvas } from '@napi-rs/canvas'
import { judgementScale, layout } from '@mapboard/map-model'
import type { MapLayout } from '@mapboard/map-model'
import { canvasSurface } from './canvasSurface.ts'
import { encodeRgbaPng } from './encodePng.ts'
import { drawMap } from './drawMap.ts'
import { PAPER, RESTRICTED } from './mapPalette.ts'
import { PROFESSIONALS_BANNER } from './RecordSnapshot.ts'
import type { RecordSnapshot } from './RecordSnapshot.ts'

/** Print quality: 2 pixels per board unit (a 180-unit note is 360 pixels wide). */
export const PNG_PIXEL_RATIO = 2
/** Skia's limit on a side, with room to spare. */
const MAX_SIDE = 30_000
/**
 * At most this many pixels (4 bytes each in memory while drawing): a map of thousands of notes is drawn at a
 * lower ratio rather than taking gigabytes of memory. The written record in the PDF has every word regardless.
 */
const MAX_PIXELS = 60_000_000

/** The ratio a board of this size is drawn at: PNG_PIXEL_RATIO unless that would be too big. */
export function pngPixelRatio(board: Pick<MapLayout, 'width' | 'height'>): number {
  const bySide = MAX_SIDE / Math.max(board.width, board.height)
  const byArea = Math.sqrt(MAX_PIXELS / (board.width * board.height))
  return Math.min(PNG_PIXEL_RATIO, bySide, byArea)
}

export interface RenderedPng {
  bytes: Uint8Array
  width: number
  height: number
  pixelRatio: number
}

/** Board units above the map for the professionals' banner (the shared picture has none). */
const BANNER_HEIGHT = 48

export async function renderMapPng(snapshot: RecordSnapshot): Promise<RenderedPng> {
  const board = layout(snapshot.map)
  const banner = snapshot.restricted === null ? 0 : BANNER_HEIGHT
  const pixelRatio = pngPixelRatio({ width: board.width, height: board.height + banner })
  const width = Math.round(board.width * pixelRatio)
  const height = Math.round((board.height + banner) * pixelRatio)
  const canvas = createCanvas(width, height)
  const context = canvas.getContext('2d')
  context.fillStyle = PAPER
  context.fillRect(0, 0, width, height)
  context.scale(pixelRatio, pixelRatio)
  const surface = canvasSurface(context)
  if (snapshot.restricted !== null) {
    surface.roundRect(0, 0, board.width, BANNER_HEIGHT, 0, { fill: RESTRICTED.banner })
    const size = 22
    const x = Math.max(8, (board.width - surface.measure(PROFESSIONALS_BANNER, 'bold', size)) / 2)
    surface.text(PROFESSIONALS_BANNER, x, 32, { size, weight: 'bold', colour: RESTRICTED.text })
    context.translate(0, BANNER_HEIGHT)
  }
  drawMap(
    surface,
    board,
    snapshot.map.notes,
    judgementScale(snapshot.conference.rounds),
    new Set(snapshot.restricted?.noteIds ?? []),
  )
  const bytes = await encodeRgbaPng(width, height, canvas.data())
  return {
    bytes,
    width,
    height,
    pixelRatio,
  }
}
