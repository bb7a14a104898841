import { describe, expect, it } from 'vitest'
import { fitView } from './cameraGeometry.ts'

describe('fitView (a follower showing the chair’s rectangle)', () => {
  it('shows all of the rectangle, centred across and near the top, when the shapes differ', () => {
    const camera = fitView({ x: 100, y: 50, width: 1000, height: 500 }, 500, 800)
    expect(camera?.scale).toBe(0.5)
    // Board x 100 → screen 0, board x 1100 → screen 500; the middle of the rectangle at the middle of the screen.
    expect(camera?.x).toBe(-50)
    // 6% of the height above it rather than centred in empty space.
    expect(camera?.y).toBe(800 * 0.06 - 50 * 0.5)
  })

  it('matches the chair’s view exactly on a screen of the same size', () => {
    expect(fitView({ x: -20, y: -10, width: 1440, height: 780 }, 1440, 780)).toEqual({
      x: 20,
      y: 10,
      scale: 1,
    })
  })

  it('gives nothing for an empty rectangle or viewport', () => {
    expect(fitView({ x: 0, y: 0, width: 0, height: 10 }, 100, 100)).toBeNull()
    expect(fitView({ x: 0, y: 0, width: 10, height: 10 }, 0, 100)).toBeNull()
  })
})
