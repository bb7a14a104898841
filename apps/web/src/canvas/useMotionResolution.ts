import { useCallback, useEffect, useRef } from 'react'
import type { RefObject } from 'react'
import type Konva from 'konva'

/** The pixel ratio the board draws at while the view moves: one canvas pixel per CSS pixel. */
const MOVING_RATIO = 1
/** How long the view must stay still before the board draws sharp again. */
const SETTLE_MS = 150

/**
 * While the view moves, every layer draws at MOVING_RATIO instead of the device's pixel ratio (a quarter of the
 * pixels at ratio 2: filling and compositing them is most of a frame in software rendering); SETTLE_MS after the
 * last move they draw sharp again. On a ratio-1 screen nothing changes. Returns `moved()`, to call on each move.
 *
 * Sharpening goes one layer per animation frame: resizing a layer's canvas to the device's ratio (a new
 * 2880×1800 backing store at ratio 2) and redrawing it takes 10–35 ms in software rendering, so all four at
 * once made one frame of 100–220 ms as the view came to rest (decision 0048). A move while sharpening lowers
 * the layers already sharpened again and stops.
 */
export function useMotionResolution(stageRef: RefObject<Konva.Stage | null>): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const frame = useRef<number | null>(null)
  const lowered = useRef(false)

  const stopSharpening = useCallback(() => {
    if (frame.current !== null) cancelAnimationFrame(frame.current)
    frame.current = null
  }, [])

  /** The next layer not yet at the device's ratio, sharpened and redrawn; then the one after, next frame. */
  const sharpenNext = useCallback(() => {
    frame.current = null
    const stage = stageRef.current
    if (stage === null) return
    const ratio = window.devicePixelRatio
    const layer = stage.getLayers().find((candidate) => candidate.getCanvas().getPixelRatio() !== ratio)
    if (layer === undefined) return
    layer.getCanvas().setPixelRatio(ratio)
    layer.draw()
    frame.current = requestAnimationFrame(sharpenNext)
  }, [stageRef])

  const sharpen = useCallback(() => {
    timer.current = null
    if (!lowered.current) return
    lowered.current = false
    stopSharpening()
    sharpenNext()
  }, [sharpenNext, stopSharpening])

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current)
      stopSharpening()
    },
    [stopSharpening],
  )

  return useCallback(() => {
    if (window.devicePixelRatio <= MOVING_RATIO) return
    if (!lowered.current) {
      lowered.current = true
      stopSharpening()
      const stage = stageRef.current
      if (stage !== null) {
        for (const layer of stage.getLayers()) {
          const canvas = layer.getCanvas()
          // Only the layers sharp now: one lowered already costs nothing to leave as it is.
          if (canvas.getPixelRatio() !== MOVING_RATIO) canvas.setPixelRatio(MOVING_RATIO)
        }
        stage.batchDraw()
      }
    }
    if (timer.current !== null) clearTimeout(timer.current)
    timer.current = setTimeout(sharpen, SETTLE_MS)
  }, [stageRef, sharpen, stopSharpening])
}
