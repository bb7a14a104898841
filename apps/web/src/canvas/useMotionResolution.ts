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
 */
export function useMotionResolution(stageRef: RefObject<Konva.Stage | null>): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const lowered = useRef(false)

  const setRatio = useCallback(
    (ratio: number) => {
      const stage = stageRef.current
      if (stage === null) return
      for (const layer of stage.getLayers()) layer.getCanvas().setPixelRatio(ratio)
      stage.batchDraw()
    },
    [stageRef],
  )

  const sharpen = useCallback(() => {
    timer.current = null
    if (!lowered.current) return
    lowered.current = false
    setRatio(window.devicePixelRatio)
  }, [setRatio])

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current)
    },
    [],
  )

  return useCallback(() => {
    if (window.devicePixelRatio <= MOVING_RATIO) return
    if (!lowered.current) {
      lowered.current = true
      setRatio(MOVING_RATIO)
    }
    if (timer.current !== null) clearTimeout(timer.current)
    timer.current = setTimeout(sharpen, SETTLE_MS)
  }, [setRatio, sharpen])
}
