import { useEffect, useRef } from 'react'
import type { KeyboardEvent } from 'react'
import type Konva from 'konva'
import { pinchOf, pinchView, wheelMove } from './cameraGeometry.ts'
import type { Pinch } from './cameraGeometry.ts'
import type { CameraStage } from './useCameraStage.ts'

export interface BoardGestures {
  onWheel(event: Konva.KonvaEventObject<WheelEvent>): void
  /** The stage itself dragged: a pan. */
  onStageDragMove(event: Konva.KonvaEventObject<DragEvent>): void
  onStagePointerDown(event: Konva.KonvaEventObject<MouseEvent | TouchEvent>): void
  onKeyDown(event: KeyboardEvent<HTMLDivElement>): void
}

interface BoardGesturesOptions {
  /** Whether the note editor is open, and how to end the edit keeping what was typed. */
  editorOpen: boolean
  commitEdit(): void
}

/**
 * Pointer, wheel, pinch and keyboard input on the board, turned into camera moves. Every move by hand leaves the
 * automatic views (the opening view, the fitted map, following the chair).
 */
export function useBoardGestures(
  { containerRef, stageRef, camera, sizeRef, leaveAutoView, zoomIn, zoomOut, fitByUser }: CameraStage,
  { editorOpen, commitEdit }: BoardGesturesOptions,
): BoardGestures {
  const pinch = useRef<Pinch | null>(null)

  // Pinch: native listeners on the container rather than Konva's, because Konva stops dispatching pointer
  // events while something is dragged unless `hitOnDragEnabled`, and that would redraw the hit graph on every
  // frame of every pan.
  useEffect(() => {
    const element = containerRef.current
    if (element === null) return
    const fingers = (event: TouchEvent): Pinch | null => {
      const [a, b] = [event.touches[0], event.touches[1]]
      if (!a || !b) return null
      const bounds = element.getBoundingClientRect()
      return pinchOf(a, b, bounds.left, bounds.top)
    }
    const onTouchMove = (event: TouchEvent): void => {
      if (event.touches.length !== 2) return
      event.preventDefault()
      const stage = stageRef.current
      if (stage?.isDragging()) stage.stopDrag()
      const now = fingers(event)
      if (now === null) return
      const before = pinch.current
      pinch.current = now
      const view = before === null ? null : pinchView(camera.get(), before, now)
      if (view === null) return
      leaveAutoView()
      camera.set(view)
    }
    const onTouchEnd = (event: TouchEvent): void => {
      if (event.touches.length < 2) pinch.current = null
    }
    element.addEventListener('touchmove', onTouchMove, { passive: false })
    element.addEventListener('touchend', onTouchEnd)
    element.addEventListener('touchcancel', onTouchEnd)
    return () => {
      element.removeEventListener('touchmove', onTouchMove)
      element.removeEventListener('touchend', onTouchEnd)
      element.removeEventListener('touchcancel', onTouchEnd)
    }
  }, [camera, leaveAutoView, containerRef, stageRef])

  const onWheel = (event: Konva.KonvaEventObject<WheelEvent>): void => {
    event.evt.preventDefault()
    leaveAutoView()
    const move = wheelMove(event.evt, sizeRef.current.height)
    if ('panBy' in move) {
      camera.panBy(move.panBy.x, move.panBy.y)
      return
    }
    const pointer = stageRef.current?.getPointerPosition()
    if (pointer) camera.zoomAt(pointer.x, pointer.y, move.zoomBy)
  }

  const onStageDragMove = (event: Konva.KonvaEventObject<DragEvent>): void => {
    const stage = stageRef.current
    if (stage === null || event.target !== stage) return
    leaveAutoView()
    camera.set({ ...camera.get(), x: stage.x(), y: stage.y() })
  }

  const onStagePointerDown = (event: Konva.KonvaEventObject<MouseEvent | TouchEvent>): void => {
    // A press anywhere on the board but the note being edited ends the edit (keeping what was typed).
    if (editorOpen && !event.target.findAncestor('.note')) commitEdit()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== containerRef.current) return
    if (event.key === '+' || event.key === '=') zoomIn()
    else if (event.key === '-' || event.key === '_') zoomOut()
    else if (event.key === '0') fitByUser()
    else return
    event.preventDefault()
  }

  return { onWheel, onStageDragMove, onStagePointerDown, onKeyDown }
}
