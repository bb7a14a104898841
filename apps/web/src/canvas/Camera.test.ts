import { describe, expect, it } from 'vitest'
import { Camera, MAX_SCALE, MIN_SCALE, contains, expand, intersects } from './Camera.ts'

describe('Camera', () => {
  it('keeps the board point under the cursor still while zooming', () => {
    const camera = new Camera()
    camera.set({ x: 40, y: -20, scale: 0.8 })
    const before = camera.get()
    const boardX = (300 - before.x) / before.scale
    const boardY = (200 - before.y) / before.scale
    camera.zoomAt(300, 200, 1.5)
    const after = camera.get()
    expect(after.scale).toBeCloseTo(1.2)
    expect(boardX * after.scale + after.x).toBeCloseTo(300)
    expect(boardY * after.scale + after.y).toBeCloseTo(200)
  })

  it('clamps the zoom', () => {
    const camera = new Camera()
    camera.zoomAt(0, 0, 1000)
    expect(camera.get().scale).toBe(MAX_SCALE)
    camera.zoomAt(0, 0, 0.000001)
    expect(camera.get().scale).toBe(MIN_SCALE)
  })

  it('fits a board inside the viewport, centred horizontally', () => {
    const camera = new Camera()
    camera.fit({ x: 0, y: 0, width: 1284, height: 900 }, 390, 700, 8)
    const { x, y, scale } = camera.get()
    expect(scale).toBeCloseTo((390 - 16) / 1284)
    expect(x).toBeCloseTo((390 - 1284 * scale) / 2)
    expect(y).toBeGreaterThanOrEqual(8)
    expect(y + 900 * scale).toBeLessThanOrEqual(700)
  })

  it('reports the visible part of the board', () => {
    const camera = new Camera()
    camera.set({ x: -100, y: -50, scale: 2 })
    expect(camera.visibleRect(800, 600)).toEqual({ x: 50, y: 25, width: 400, height: 300 })
  })

  it('notifies listeners only when the view changes', () => {
    const camera = new Camera()
    const seen: number[] = []
    camera.subscribe((view) => seen.push(view.scale))
    camera.set({ x: 0, y: 0, scale: 1 })
    camera.set({ x: 0, y: 0, scale: 2 })
    expect(seen).toEqual([2])
  })
})

describe('rectangles', () => {
  const a = { x: 0, y: 0, width: 10, height: 10 }
  it('intersects, contains and expands', () => {
    expect(intersects(a, { x: 9, y: 9, width: 5, height: 5 })).toBe(true)
    expect(intersects(a, { x: 10, y: 0, width: 5, height: 5 })).toBe(false)
    expect(contains(a, { x: 1, y: 1, width: 2, height: 2 })).toBe(true)
    expect(contains(a, { x: 9, y: 9, width: 2, height: 2 })).toBe(false)
    expect(expand(a, 0.5)).toEqual({ x: -5, y: -5, width: 20, height: 20 })
  })
})
