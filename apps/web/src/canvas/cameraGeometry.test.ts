import { describe, expect, it } from 'vitest'
import {
  cullRect,
  fitPadding,
  fitView,
  focusView,
  pinchOf,
  pinchView,
  revealView,
  wheelMove,
} from './cameraGeometry.ts'

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

describe('focusView (bringing the note being edited into view)', () => {
  const note = { x: 400, y: 300, width: 200, height: 150 }

  it('leaves a readable view alone when the note is on screen with room below it for the panel', () => {
    expect(focusView(note, { x: 0, y: 0, scale: 1 }, 1200, 900)).toBeNull()
  })

  it('zooms a view too far out to read up to 100%, the note centred across and high on the screen', () => {
    const view = focusView(note, { x: 0, y: 0, scale: 0.4 }, 1200, 900)
    expect(view).toEqual({ scale: 1, x: 600 - 500, y: 900 * 0.28 - 75 - 300 })
  })

  it('never zooms a phone past the width of the note, and keeps it 16 px clear of the top', () => {
    const view = focusView(note, { x: 0, y: 0, scale: 0.5 }, 190, 200)
    expect(view?.scale).toBe((190 - 32) / 200)
    expect(view !== null && view.y + note.y * view.scale).toBe(16)
  })

  it('moves a readable view whose note sits where the panel goes', () => {
    const view = focusView(note, { x: 0, y: -100, scale: 1 }, 1200, 500)
    expect(view).toEqual({ scale: 1, x: 100, y: Math.max(16, 500 * 0.28 - 75) - 300 })
  })
})

describe('pinch', () => {
  it('measures two touches from the canvas corner', () => {
    expect(pinchOf({ clientX: 110, clientY: 60 }, { clientX: 140, clientY: 100 }, 100, 50)).toEqual({
      centre: { x: 25, y: 30 },
      distance: 50,
    })
  })

  it('zooms by the spread and keeps the board point between the fingers under them as they move', () => {
    const view = { x: 40, y: -20, scale: 0.8 }
    const before = { centre: { x: 300, y: 200 }, distance: 100 }
    const now = { centre: { x: 320, y: 260 }, distance: 150 }
    const next = pinchView(view, before, now)
    expect(next?.scale).toBeCloseTo(1.2)
    const boardX = (300 - view.x) / view.scale
    const boardY = (200 - view.y) / view.scale
    expect(next !== null && boardX * next.scale + next.x).toBeCloseTo(320)
    expect(next !== null && boardY * next.scale + next.y).toBeCloseTo(260)
  })

  it('does nothing for fingers that started on the same spot', () => {
    expect(
      pinchView(
        { x: 0, y: 0, scale: 1 },
        { centre: { x: 0, y: 0 }, distance: 0 },
        { centre: { x: 5, y: 5 }, distance: 10 },
      ),
    ).toBeNull()
  })
})

describe('wheelMove', () => {
  const wheel = { deltaX: 0, deltaY: 0, deltaMode: 0, ctrlKey: false, metaKey: false, shiftKey: false }

  it('pans by the deltas, counting lines as 16 px and pages as the viewport height', () => {
    expect(wheelMove({ ...wheel, deltaX: 5, deltaY: 10 }, 700)).toEqual({ panBy: { x: -5, y: -10 } })
    expect(wheelMove({ ...wheel, deltaY: 3, deltaMode: 1 }, 700)).toEqual({ panBy: { x: -0, y: -48 } })
    expect(wheelMove({ ...wheel, deltaY: 1, deltaMode: 2 }, 700)).toEqual({ panBy: { x: -0, y: -700 } })
  })

  it('pans across with Shift and a vertical wheel', () => {
    expect(wheelMove({ ...wheel, deltaY: 10, shiftKey: true }, 700)).toEqual({ panBy: { x: -10, y: 0 } })
  })

  it('zooms with Ctrl or ⌘: in for a wheel pulled back, out for one pushed', () => {
    const zoomIn = wheelMove({ ...wheel, deltaY: -100, ctrlKey: true }, 700)
    expect(zoomIn).toEqual({ zoomBy: Math.exp(0.25) })
    const zoomOut = wheelMove({ ...wheel, deltaY: 100, metaKey: true }, 700)
    expect('zoomBy' in zoomOut && zoomOut.zoomBy).toBeLessThan(1)
  })
})

describe('cullRect and fitPadding', () => {
  const visible = { x: 100, y: 100, width: 1000, height: 500 }

  it('keeps the rectangle (the same object) while the view stays inside it', () => {
    const first = cullRect(null, visible)
    expect(first).toEqual({ x: -200, y: -50, width: 1600, height: 800 })
    expect(cullRect(first, { ...visible, x: 150 })).toBe(first)
  })

  it('grows a new one once the view leaves it, or once it is far larger than the view', () => {
    const first = cullRect(null, visible)
    expect(cullRect(first, { ...visible, x: 900 })).not.toBe(first)
    const small = { x: 0, y: 0, width: 300, height: 150 }
    expect(cullRect(first, small)).toEqual(cullRect(null, small))
  })

  it('pads a fitted map less on a small screen', () => {
    expect(fitPadding(390)).toBe(8)
    expect(fitPadding(1440)).toBe(16)
  })
})

describe('revealView (a note reached with an arrow key)', () => {
  const note = { x: 1000, y: 400, width: 180, height: 120 }

  it('leaves the view alone when the note is on screen', () => {
    expect(revealView(note, { x: -800, y: -300, scale: 1 }, 1200, 800)).toBeNull()
  })

  it('centres a note that is off screen, keeping the zoom the person chose', () => {
    const view = revealView(note, { x: 0, y: 0, scale: 0.5 }, 400, 300)
    expect(view?.scale).toBe(0.5)
    // The note's centre (1090, 460) at the middle of the 400 × 300 screen.
    expect((view?.x ?? 0) + 1090 * 0.5).toBe(200)
    expect((view?.y ?? 0) + 460 * 0.5).toBe(150)
  })
})
