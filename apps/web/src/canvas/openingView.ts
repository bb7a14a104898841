import type { MapLayout } from '@mapboard/map-model'
import type { View } from './Camera.ts'

/** Below this zoom, notes are drawn as plain cards without text (their text would be unreadable anyway). */
export const SIMPLE_BELOW_SCALE = 0.5
/** A column's tinted background reaches this far (board units) outside its box (ColumnShape). */
const COLUMN_BLEED = 8
/** Screen px between the edge of the canvas and the column shown. */
const EDGE = 8
/** Screen px of the next column left showing at the right, so it is plain there is more to pan to. */
const PEEK = 20

/**
 * Whether the canvas is too narrow to show the map's columns side by side with their notes readable (a phone
 * held upright): fitting the map's width there would draw the notes without text.
 */
export function isNarrow(board: Pick<MapLayout, 'width'>, viewportWidth: number, padding: number): boolean {
  return board.width > 0 && (viewportWidth - 2 * padding) / board.width < SIMPLE_BELOW_SCALE
}

/**
 * The view of one column on a narrow screen: the column fills the width (never above 100%), its top at the top
 * of the canvas, with the edge of the next column showing at the right. The user pans across to the others.
 */
export function columnView(
  board: Pick<MapLayout, 'columns'>,
  index: number,
  viewportWidth: number,
): View | null {
  const column = board.columns[index]
  if (column === undefined || viewportWidth <= 0) return null
  const next = board.columns[index + 1]
  const previous = board.columns[index - 1]
  // From this column's left edge to the next one's (or, for the last column, the same stride as before it).
  const stride =
    next !== undefined
      ? next.x - column.x
      : previous !== undefined
        ? column.x - previous.x
        : column.width + 2 * COLUMN_BLEED
  const scale = Math.min(1, (viewportWidth - EDGE - PEEK) / stride)
  return {
    x: EDGE - (column.x - COLUMN_BLEED) * scale,
    y: EDGE - (column.y - COLUMN_BLEED) * scale,
    scale,
  }
}

/** The column whose middle is nearest board x `boardX`. */
export function nearestColumn(board: Pick<MapLayout, 'columns'>, boardX: number): number {
  let best = 0
  let bestDistance = Infinity
  board.columns.forEach((column, index) => {
    const distance = Math.abs(column.x + column.width / 2 - boardX)
    if (distance < bestDistance) {
      best = index
      bestDistance = distance
    }
  })
  return best
}
