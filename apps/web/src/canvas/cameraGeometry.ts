import type { BoardRect } from '../board/BoardRect.ts'
import { MAX_SCALE, MIN_SCALE, clamp, contains, expand } from './Camera.ts'
import type { View } from './Camera.ts'

// The camera's pure maths: each function takes a view and a viewport and gives the next view, or a rectangle in
// board units. The hooks (useCameraStage, useBoardGestures) apply what these give to the one Camera.

/**
 * Notes are rendered within the viewport grown by this fraction on every side; the set is recomputed only when
 * the viewport leaves it. Larger means fewer React renders while panning, smaller means less to draw per frame.
 */
export const CULL_MARGIN = 0.3

/** Screen px around the map when it is fitted: less on a small screen. */
export function fitPadding(viewportWidth: number): number {
  return viewportWidth < 600 ? 8 : 16
}

/** The camera that shows all of `rect` in a viewport of the given size, centred across, near the top. */
export function fitView(rect: BoardRect, viewportWidth: number, viewportHeight: number): View | null {
  if (rect.width <= 0 || rect.height <= 0 || viewportWidth <= 0 || viewportHeight <= 0) return null
  const scale = clamp(
    Math.min(viewportWidth / rect.width, viewportHeight / rect.height),
    MIN_SCALE,
    MAX_SCALE,
  )
  return {
    scale,
    x: viewportWidth / 2 - (rect.x + rect.width / 2) * scale,
    // Near the top rather than centred, as Camera.fit: on a tall phone a centred board floats in empty space.
    y:
      Math.max(0, Math.min((viewportHeight - rect.height * scale) / 2, viewportHeight * 0.06)) -
      rect.y * scale,
  }
}

/**
 * The view that brings a board rectangle (a note being edited) into view at a readable zoom, leaving room below
 * it for the editor's panel; null when it is readable and roomy on screen already, so the view stays put.
 */
export function focusView(
  rect: BoardRect,
  view: View,
  viewportWidth: number,
  viewportHeight: number,
): View | null {
  const scale = Math.min(Math.max(view.scale, 1), (viewportWidth - 32) / rect.width)
  const onScreen = {
    x: rect.x * view.scale + view.x,
    y: rect.y * view.scale + view.y,
    width: rect.width * view.scale,
    height: rect.height * view.scale,
  }
  const roomy = contains({ x: 8, y: 8, width: viewportWidth - 16, height: viewportHeight - 220 }, onScreen)
  if (scale === view.scale && roomy) return null
  return {
    scale,
    x: viewportWidth / 2 - (rect.x + rect.width / 2) * scale,
    y: Math.max(16, viewportHeight * 0.28 - (rect.height * scale) / 2) - rect.y * scale,
  }
}

/** Two fingers on the screen: the point between them (px from the canvas's corner) and how far apart they are. */
export interface Pinch {
  centre: { x: number; y: number }
  distance: number
}

type Point = Pick<Touch, 'clientX' | 'clientY'>

/** The pinch of two touches, measured from the canvas's top left corner at (`left`, `top`) in the page. */
export function pinchOf(a: Point, b: Point, left: number, top: number): Pinch {
  return {
    centre: { x: (a.clientX + b.clientX) / 2 - left, y: (a.clientY + b.clientY) / 2 - top },
    distance: Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY),
  }
}

/**
 * The view after the fingers moved from `before` to `now`: zoomed by how much they spread, and the board point
 * that was between them is between them still (so a pinch also pans); null for a pinch without a spread.
 */
export function pinchView(view: View, before: Pinch, now: Pinch): View | null {
  if (before.distance === 0) return null
  const scale = view.scale * (now.distance / before.distance)
  const boardX = (before.centre.x - view.x) / view.scale
  const boardY = (before.centre.y - view.y) / view.scale
  return { scale, x: now.centre.x - boardX * scale, y: now.centre.y - boardY * scale }
}

export type WheelMove = { zoomBy: number } | { panBy: { x: number; y: number } }

/**
 * What one wheel event does: with Ctrl or ⌘ (a trackpad pinch arrives that way too) it zooms at the pointer,
 * with Shift a vertical wheel pans across, otherwise it pans by the deltas. Deltas in lines or pages are made
 * screen px first.
 */
export function wheelMove(
  wheel: Pick<WheelEvent, 'deltaX' | 'deltaY' | 'deltaMode' | 'ctrlKey' | 'metaKey' | 'shiftKey'>,
  viewportHeight: number,
): WheelMove {
  const { deltaX, deltaY, deltaMode, ctrlKey, metaKey, shiftKey } = wheel
  const unit = deltaMode === 1 ? 16 : deltaMode === 2 ? viewportHeight : 1
  if (ctrlKey || metaKey) return { zoomBy: Math.exp(-deltaY * unit * 0.0025) }
  if (shiftKey && deltaX === 0) return { panBy: { x: -deltaY * unit, y: 0 } }
  return { panBy: { x: -deltaX * unit, y: -deltaY * unit } }
}

/**
 * The board rectangle to render notes in: kept while the visible part stays inside it (and the view has not
 * zoomed far out), otherwise the visible part grown by CULL_MARGIN. Kept, it is the same object, so the
 * notes' list is not recomputed.
 */
export function cullRect(current: BoardRect | null, visible: BoardRect): BoardRect {
  return current !== null && contains(current, visible) && current.width < visible.width * 4
    ? current
    : expand(visible, CULL_MARGIN)
}

/**
 * The view that brings a board rectangle (a note reached with the keyboard) on screen at the zoom the person
 * chose; null when it is on screen already, so the view stays put.
 */
export function revealView(
  rect: BoardRect,
  view: View,
  viewportWidth: number,
  viewportHeight: number,
): View | null {
  const onScreen = {
    x: rect.x * view.scale + view.x,
    y: rect.y * view.scale + view.y,
    width: rect.width * view.scale,
    height: rect.height * view.scale,
  }
  if (contains({ x: 8, y: 8, width: viewportWidth - 16, height: viewportHeight - 16 }, onScreen)) return null
  return {
    scale: view.scale,
    x: viewportWidth / 2 - (rect.x + rect.width / 2) * view.scale,
    y: viewportHeight / 2 - (rect.y + rect.height / 2) * view.scale,
  }
}
