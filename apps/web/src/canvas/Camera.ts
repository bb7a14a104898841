import type { BoardRect } from '../board/BoardRect.ts'

export interface View {
  /** Screen position of the board origin, in CSS px. */
  x: number
  y: number
  /** CSS px per board unit. */
  scale: number
}

export const MIN_SCALE = 0.1
export const MAX_SCALE = 3

/**
 * The view onto the board. It lives outside React: the canvas applies it to the Konva stage imperatively on
 * every change, so panning and zooming never re-render components (see architecture.md, "Canvas").
 */
export class Camera {
  private view: View = { x: 0, y: 0, scale: 1 }
  private readonly listeners = new Set<(view: View) => void>()

  get(): View {
    return this.view
  }

  set(view: View): void {
    const scale = clamp(view.scale, MIN_SCALE, MAX_SCALE)
    if (view.x === this.view.x && view.y === this.view.y && scale === this.view.scale) return
    this.view = { x: view.x, y: view.y, scale }
    this.listeners.forEach((listener) => listener(this.view))
  }

  panBy(dx: number, dy: number): void {
    this.set({ ...this.view, x: this.view.x + dx, y: this.view.y + dy })
  }

  /** Zoom by `factor`, keeping the board point under screen point (px, py) where it is. */
  zoomAt(px: number, py: number, factor: number): void {
    const { x, y, scale } = this.view
    const next = clamp(scale * factor, MIN_SCALE, MAX_SCALE)
    const boardX = (px - x) / scale
    const boardY = (py - y) / scale
    this.set({ x: px - boardX * next, y: py - boardY * next, scale: next })
  }

  /** Show all of `bounds` inside a viewport of the given size, centred, with `padding` px around it. */
  fit(bounds: BoardRect, viewportWidth: number, viewportHeight: number, padding = 16, maxScale = 1): void {
    if (bounds.width <= 0 || bounds.height <= 0 || viewportWidth <= 0 || viewportHeight <= 0) return
    const scale = clamp(
      Math.min(
        (viewportWidth - 2 * padding) / bounds.width,
        (viewportHeight - 2 * padding) / bounds.height,
        maxScale,
      ),
      MIN_SCALE,
      MAX_SCALE,
    )
    this.set({
      x: (viewportWidth - bounds.width * scale) / 2 - bounds.x * scale,
      // Near the top rather than centred: on a tall phone screen a centred board floats in empty space.
      y:
        Math.max(padding, Math.min((viewportHeight - bounds.height * scale) / 2, viewportHeight * 0.06)) -
        bounds.y * scale,
      scale,
    })
  }

  /** Centre board point (bx, by) in the viewport at the given scale. */
  centreOn(bx: number, by: number, scale: number, viewportWidth: number, viewportHeight: number): void {
    const next = clamp(scale, MIN_SCALE, MAX_SCALE)
    this.set({ x: viewportWidth / 2 - bx * next, y: viewportHeight / 2 - by * next, scale: next })
  }

  /** The part of the board visible in a viewport of the given size, in board units. */
  visibleRect(viewportWidth: number, viewportHeight: number): BoardRect {
    const { x, y, scale } = this.view
    return { x: -x / scale, y: -y / scale, width: viewportWidth / scale, height: viewportHeight / scale }
  }

  subscribe(listener: (view: View) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}

export function intersects(a: BoardRect, b: BoardRect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

export function contains(outer: BoardRect, inner: BoardRect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  )
}

export function expand(rect: BoardRect, fraction: number): BoardRect {
  const dx = rect.width * fraction
  const dy = rect.height * fraction
  return { x: rect.x - dx, y: rect.y - dy, width: rect.width + 2 * dx, height: rect.height + 2 * dy }
}
