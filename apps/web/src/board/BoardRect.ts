/**
 * A rectangle in board units, the coordinates of map-model's layout: a note's box, the part of the board a
 * screen shows (the chair's published view is one).
 */
export interface BoardRect {
  x: number
  y: number
  width: number
  height: number
}
