import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { RefObject } from 'react'
import type Konva from 'konva'
import type { MapLayout } from '@mapboard/map-model'
import type { BoardRect } from '../board/BoardRect.ts'
import type { FollowChair } from '../board/FollowChair.ts'
import { Camera } from './Camera.ts'
import type { View } from './Camera.ts'
import { cullRect, fitPadding, focusView, revealView } from './cameraGeometry.ts'
import { followView, isNarrow, openingSection, sectionView, startView } from './openingView.ts'
import { detailAt } from './readability.ts'
import type { BoardDetail } from './readability.ts'
import { summaryZoom } from './sectionSummary.ts'
import { useLatest } from './useLatest.ts'
import { useMotionResolution } from './useMotionResolution.ts'

const ZOOM_STEP = 1.25

export interface Size {
  width: number
  height: number
}

export interface CameraStage {
  containerRef: RefObject<HTMLDivElement | null>
  stageRef: RefObject<Konva.Stage | null>
  /** The zoom percentage, written here directly rather than through React. */
  zoomLabelRef: RefObject<HTMLSpanElement | null>
  camera: Camera
  /** The canvas's size in CSS px; 0 × 0 until it has been measured (or while it is hidden). */
  size: Size
  /** The same, for handlers that run between renders. */
  sizeRef: RefObject<Size>
  /** Notes, or (zoomed out too far to read them) a summary per section. */
  detail: BoardDetail
  /** The zoom section summaries are drawn for (the view's, quantised); meaningful while `detail` is 'summary'. */
  summaryZoom: number
  /** A phone held upright: the board shows one section at a time, with buttons to step through them. */
  narrow: boolean
  /** Notes outside this board rectangle are not rendered; null until the first view. */
  cullRect: BoardRect | null
  /** The user moved the view themselves: it is theirs now, not the opening view's nor the chair's. */
  leaveAutoView(): void
  zoomIn(): void
  zoomOut(): void
  /** "Fit map to screen", kept as the window or the map's size changes until the user moves the view. */
  fitByUser(): void
  /** Show section `index` (in layout.sections) at a readable zoom, its top at the top of the canvas. */
  showSection(index: number): void
  /** Bring a board rectangle into view at a readable zoom, leaving room below it for the editor's panel. */
  focusRect(rect: BoardRect): void
  /** Bring a board rectangle on screen at the present zoom, if it is not on screen already. */
  revealRect(rect: BoardRect): void
}

interface CameraStageOptions {
  layout: MapLayout
  /** How many notes each section holds: a phone opens on the first section with notes. */
  countByZone: ReadonlyMap<string, number>
  /** Nothing is drawn, so no view is chosen, until the fonts have loaded. */
  fontsReady: boolean
  /** Publishes the chair's view, or follows it; panning or zooming by hand leaves follow mode. */
  followChair: FollowChair | undefined
}

/**
 * The camera and the stage it is applied to: the canvas's size, zoom, pan and fit, the opening view, following
 * the chair, and what the view means for drawing (which notes, in how much detail).
 *
 * The view is applied to the Konva stage imperatively, so panning and zooming cause no React renders; the
 * rectangle notes are rendered in and the level of detail change rarely, and only they go through state.
 */
export function useCameraStage({
  layout,
  countByZone,
  fontsReady,
  followChair,
}: CameraStageOptions): CameraStage {
  const containerRef = useRef<HTMLDivElement>(null)
  const stageRef = useRef<Konva.Stage>(null)
  const zoomLabelRef = useRef<HTMLSpanElement>(null)
  const [camera] = useState(() => new Camera())
  const [size, setSize] = useState<Size>({ width: 0, height: 0 })
  const [detail, setDetail] = useState<BoardDetail>('notes')
  const [summaryScale, setSummaryScale] = useState(1)
  const [culled, setCulled] = useState<BoardRect | null>(null)
  /**
   * Which view the canvas keeps as the window or the map's size changes: the opening view, the whole map (after
   * "Fit map to screen"), or none once the user has moved the view themselves (then it is theirs).
   */
  const follow = useRef<'opening' | 'fit' | null>('opening')
  const followChairRef = useLatest(followChair)
  const layoutRef = useLatest(layout)
  const countsRef = useLatest(countByZone)
  const sizeRef = useLatest(size)
  /** The section a phone opened on, chosen once: a note added elsewhere later does not move the view. */
  const openingIndex = useRef<number | null>(null)
  const moved = useMotionResolution(stageRef)
  /** The view has been placed once: later changes are moves, drawn coarse until they stop. */
  const placed = useRef(false)

  const leaveAutoView = useCallback(() => {
    follow.current = null
    followChairRef.current?.setFollowing(false)
  }, [followChairRef])

  // --- size -------------------------------------------------------------------------------------------
  useLayoutEffect(() => {
    const element = containerRef.current
    if (element === null) return
    const observer = new ResizeObserver(() => {
      setSize({ width: element.clientWidth, height: element.clientHeight })
    })
    observer.observe(element)
    setSize({ width: element.clientWidth, height: element.clientHeight })
    return () => observer.disconnect()
  }, [])

  // --- camera → stage (imperative), culling and level of detail (rare React updates) -------------------
  const applyView = useCallback(
    (view: View) => {
      const stage = stageRef.current
      if (stage !== null) {
        if (placed.current) moved()
        stage.position({ x: view.x, y: view.y })
        stage.scale({ x: view.scale, y: view.scale })
        stage.batchDraw()
      }
      if (zoomLabelRef.current) zoomLabelRef.current.textContent = `${Math.round(view.scale * 100)}%`
      containerRef.current?.setAttribute('data-camera', `${view.x},${view.y},${view.scale}`)
      const { width, height } = sizeRef.current
      if (width === 0 || height === 0) return
      const visible = camera.visibleRect(width, height)
      followChairRef.current?.publish(visible)
      setCulled((current) => cullRect(current, visible))
      const nextDetail = detailAt(view.scale)
      setDetail(nextDetail)
      // Only while summaries show: re-rendering them follows the quantised zoom, not every wheel tick.
      if (nextDetail === 'summary') setSummaryScale(summaryZoom(view.scale))
    },
    [camera, sizeRef, followChairRef, moved],
  )

  useEffect(() => camera.subscribe(applyView), [camera, applyView])

  const fit = useCallback(() => {
    const { width, height } = sizeRef.current
    const board = layoutRef.current
    camera.fit({ x: 0, y: 0, width: board.width, height: board.height }, width, height, fitPadding(width))
  }, [camera, sizeRef, layoutRef])

  /**
   * Always readable (readability.ts): on a phone held upright one section (the first with notes); elsewhere the
   * whole map when it fits readably, else the start of it. "Fit map to screen" is a tap away.
   */
  const showOpeningView = useCallback(() => {
    const { width, height } = sizeRef.current
    const board = layoutRef.current
    if (isNarrow(board, width)) {
      openingIndex.current ??= openingSection(board.sections, countsRef.current)
      const view = sectionView(board, openingIndex.current, width)
      if (view !== null) camera.set(view)
      return
    }
    const view = startView(board, width, height, fitPadding(width))
    if (view !== null) camera.set(view)
    else fit()
  }, [camera, fit, sizeRef, layoutRef, countsRef])

  const fitByUser = useCallback(() => {
    followChairRef.current?.setFollowing(false)
    follow.current = 'fit'
    fit()
  }, [fit, followChairRef])

  const showSection = useCallback(
    (index: number) => {
      const view = sectionView(layoutRef.current, index, sizeRef.current.width)
      if (view === null) return
      leaveAutoView()
      camera.set(view)
    },
    [camera, leaveAutoView, sizeRef, layoutRef],
  )

  /** Fits the chair's view when following it and the chair has shared one; says whether it did. */
  const showChairView = useCallback((): boolean => {
    const chair = followChairRef.current
    const rect = chair?.isFollowing() ? chair.getChairView() : null
    const { width, height } = sizeRef.current
    const view = rect ? followView(layoutRef.current, rect, width, height) : null
    if (view === null) return false
    camera.set(view)
    return true
  }, [camera, sizeRef, followChairRef, layoutRef])

  useEffect(() => followChair?.subscribe(() => void showChairView()), [followChair, showChairView])

  // The opening view on load, and again when the window or the map's size changes, until the user has moved the
  // view themselves.
  useLayoutEffect(() => {
    if (size.width === 0 || size.height === 0 || !fontsReady) return
    if (showChairView()) {
      // following the chair
    } else if (follow.current === 'opening') showOpeningView()
    else if (follow.current === 'fit') fit()
    applyView(camera.get())
    placed.current = stageRef.current !== null
    containerRef.current?.setAttribute('data-ready', 'true')
  }, [size, fontsReady, fit, showOpeningView, showChairView, applyView, camera, layout.width, layout.height])

  const zoomBy = useCallback(
    (factor: number) => {
      leaveAutoView()
      const { width, height } = sizeRef.current
      camera.zoomAt(width / 2, height / 2, factor)
    },
    [camera, leaveAutoView, sizeRef],
  )
  const zoomIn = useCallback(() => zoomBy(ZOOM_STEP), [zoomBy])
  const zoomOut = useCallback(() => zoomBy(1 / ZOOM_STEP), [zoomBy])

  const focusRect = useCallback(
    (rect: BoardRect, attempt = 0) => {
      const { width, height } = sizeRef.current
      if (width === 0 || height === 0) {
        // The canvas is just being shown (phone tab switch): try again once it has a size.
        if (attempt < 10) requestAnimationFrame(() => focusRect(rect, attempt + 1))
        return
      }
      const view = focusView(rect, camera.get(), width, height)
      if (view === null) return
      // Bringing my own note into view to edit it is not leaving the chair: following goes on (product.md), only
      // the opening or fitted view is given up.
      follow.current = null
      camera.set(view)
    },
    [camera, sizeRef],
  )

  const revealRect = useCallback(
    (rect: BoardRect) => {
      const { width, height } = sizeRef.current
      const view = width === 0 || height === 0 ? null : revealView(rect, camera.get(), width, height)
      if (view === null) return
      // As with focusRect: moving to my own selection gives up the opening or fitted view, not following.
      follow.current = null
      camera.set(view)
    },
    [camera, sizeRef],
  )

  return {
    containerRef,
    stageRef,
    zoomLabelRef,
    camera,
    size,
    sizeRef,
    detail,
    summaryZoom: summaryScale,
    narrow: size.width > 0 && isNarrow(layout, size.width),
    cullRect: culled,
    leaveAutoView,
    zoomIn,
    zoomOut,
    fitByUser,
    showSection,
    focusRect,
    revealRect,
  }
}
