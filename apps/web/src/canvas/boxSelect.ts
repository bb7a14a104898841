import type { NoteBox } from '@mapboard/map-model'
import type { BoardRect } from '../board/BoardRect.ts'
import { intersects } from './Camera.ts'

export interface BoardPoint {
  x: number
  y: number
}

/** The rectangle dragged out between two points, whichever way the drag went. */
export function rectBetween(a: BoardPoint, b: BoardPoint): BoardRect {
  return {
    x: Math.min(a.x, b.x),
    y: Math.min(a.y, b.y),
    width: Math.abs(a.x - b.x),
    height: Math.abs(a.y - b.y),
  }
}

/**
 * The notes a selection box touches, in reading order. Touching is enough (as in tldraw and Miro's default), so a
 * quick box across a row of notes takes them all without having to enclose each one.
 */
export function notesTouching(notes: readonly NoteBox[], box: BoardRect): string[] {
  if (box.width === 0 && box.height === 0) return []
  return notes.filter((note) => intersects(note, box)).map((note) => note.id)
}
