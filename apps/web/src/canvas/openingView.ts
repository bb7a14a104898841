import type { MapLayout, SectionBox } from '@mapboard/map-model'
import type { BoardRect } from '../board/BoardRect.ts'
import { clamp } from './Camera.ts'
import type { View } from './Camera.ts'
import { fitView } from './cameraGeometry.ts'
import { readableScale } from './readability.ts'

// Where the board opens, and where it goes to read one section: always at a zoom where the notes read
// (readability.ts), showing the start of the map when all of it does not fit readably.

/** A column's tinted background reaches this far (board units) outside its box (ColumnShape). */
const COLUMN_BLEED = 8
/** Screen px between the edge of the canvas and what is shown. */
const EDGE = 8
/** On a narrow screen a section may be drawn up to this much larger than readable, to fill the width. */
const SECTION_ZOOM_LIMIT = 1.25

type Board = Pick<MapLayout, 'width' | 'height' | 'columns' | 'sections'>

/**
 * Whether the canvas is too narrow to show more than one column and a half at a readable zoom (a phone held
 * upright): there the board opens on one section, with buttons to step through the others.
 */
export function isNarrow(board: Pick<MapLayout, 'columns'>, viewportWidth: number): boolean {
  const [first, second] = board.columns
  if (first === undefined) return false
  const stride = second !== undefined ? second.x - first.x : first.width + 2 * COLUMN_BLEED
  return viewportWidth < 1.5 * stride * readableScale()
}

/**
 * The opening view on a screen that is not narrow: null when the whole map fits at a readable zoom (then it is
 * fitted); otherwise the start of the map — the first column's top left corner — at the readable zoom, centred
 * across when the map's width fits.
 */
export function startView(
  board: Board,
  viewportWidth: number,
  viewportHeight: number,
  padding: number,
): View | null {
  const first = board.columns[0]
  if (first === undefined || viewportWidth <= 0 || viewportHeight <= 0) return null
  const scale = readableScale()
  const fits = Math.min(
    (viewportWidth - 2 * padding) / board.width,
    (viewportHeight - 2 * padding) / board.height,
  )
  if (fits >= scale) return null
  const x =
    board.width * scale <= viewportWidth - 2 * padding
      ? (viewportWidth - board.width * scale) / 2
      : EDGE - (first.x - COLUMN_BLEED) * scale
  return { x, y: EDGE - (first.y - COLUMN_BLEED) * scale, scale }
}

/**
 * The view that reads section `index`: at the readable zoom (on a narrow screen, filling its width up to a
 * little more than that), centred across, its top — with its column's heading, for a column's first section —
 * at the top of the canvas. A section a little wider than a phone loses only its own margins at the sides.
 */
export function sectionView(board: Board, index: number, viewportWidth: number): View | null {
  const section = board.sections[index]
  if (section === undefined || viewportWidth <= 0) return null
  const readable = readableScale()
  const scale = isNarrow(board, viewportWidth)
    ? clamp((viewportWidth - 2 * EDGE) / section.width, readable, readable * SECTION_ZOOM_LIMIT)
    : readable
  const column = board.columns.find((candidate) => candidate.id === section.column)
  const firstInColumn = board.sections.find((candidate) => candidate.column === section.column) === section
  const top = firstInColumn && column !== undefined ? column.y - COLUMN_BLEED : section.y - COLUMN_BLEED
  return {
    x: viewportWidth / 2 - (section.x + section.width / 2) * scale,
    y: EDGE - top * scale,
    scale,
  }
}

/**
 * Following the chair: the part of the map the chair shows, fitted to this screen; but on a narrow screen, where
 * that would draw the chair's wide view far too small to read, the section the chair's view shows most of, read
 * as sectionView does. A chair zoomed in closer than that is followed exactly.
 */
export function followView(
  board: Board,
  chair: BoardRect,
  viewportWidth: number,
  viewportHeight: number,
): View | null {
  const fitted = fitView(chair, viewportWidth, viewportHeight)
  if (fitted === null || !isNarrow(board, viewportWidth) || fitted.scale >= readableScale()) return fitted
  return sectionView(board, sectionInView(board.sections, chair), viewportWidth)
}

/** The section a phone opens on: the first that holds notes (the start of what there is to read), else the first. */
export function openingSection(
  sections: readonly Pick<SectionBox, 'zone'>[],
  counts: ReadonlyMap<string, number>,
): number {
  const index = sections.findIndex((section) => (counts.get(section.zone) ?? 0) > 0)
  return Math.max(0, index)
}

/** The section most of the visible part of the board shows (by area); the one nearest it when none shows. */
export function sectionInView(sections: readonly SectionBox[], visible: BoardRect): number {
  let best = 0
  let bestArea = 0
  let bestDistance = Infinity
  const cx = visible.x + visible.width / 2
  const cy = visible.y + visible.height / 2
  sections.forEach((section, index) => {
    const width =
      Math.min(section.x + section.width, visible.x + visible.width) - Math.max(section.x, visible.x)
    const height =
      Math.min(section.y + section.height, visible.y + visible.height) - Math.max(section.y, visible.y)
    const area = width > 0 && height > 0 ? width * height : 0
    const distance = Math.hypot(section.x + section.width / 2 - cx, section.y + section.height / 2 - cy)
    if (area > bestArea || (area === bestArea && bestArea === 0 && distance < bestDistance)) {
      best = index
      bestArea = area
      bestDistance = distance
    }
  })
  return best
}
