import type { BoardRect } from '../board/BoardRect.ts'
import { MAX_SCALE, MIN_SCALE, clamp } from './Camera.ts'
import type { View } from './Camera.ts'

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
