import { useEffect, useRef } from 'react'
import type { KeyboardEvent } from 'react'
import type Konva from 'konva'
import { pinchOf, pinchView, wheelMove } from './cameraGeometry.ts'
import type { Pinch } from './cameraGeometry.ts'
import type { CameraStage } from './useCameraStage.ts'

export interface BoardGestures {
  onWheel(event: Konva.KonvaEventObject<WheelEvent>): void
  /** The stage itself dragged: a pan, unless the press is drawing a selection box instead. */
  onStageDragStart(event: Konva.KonvaEventObject<DragEvent>): void
  onStageDragMove(event: Konva.KonvaEventObject<DragEvent>): void
  onStagePointerDown(event: Konva.KonvaEventObject<MouseEvent | TouchEvent>): void
  /** A tap on the board: on empty board, nothing stays selected. */
  onStageTap(event: Konva.KonvaEventObject<TouchEvent | PointerEvent>): void
  onKeyDown(event: KeyboardEvent<HTMLDivElement>): void
}

interface BoardGesturesOptions {
  /** Whether the note editor is open, and how to end the edit keeping what was typed. */
  editorOpen: boolean
  commitEdit(): void
  /** A left-button press on empty board, not panning: the start of a selection box (useBoxSelect). */
  onEmptyBoardPress(event: MouseEvent): void
  /** A tap on empty board (touch). */
  onEmptyBoardTap(): void
}

/** Where a key press is typing, so Space is a space and not "hold to pan". */
const TYPING = 'input, textarea, select, button, a[href], [contenteditable="true"]'

/**
 * Pointer, wheel, pinch and keyboard input on the board, turned into camera moves. Every move by hand leaves the
 * automatic views (the opening view, the fitted map, following the chair).
 *
 * Who gets a drag on empty board, as in tldraw and Miro: with a mouse, a left-button drag draws a selection box;
 * holding Space, or the middle button, pans; the wheel pans (with Ctrl or ⌘, zooms). With a finger, one finger
 * pans and two pinch, as before: a phone has no Space bar, and panning is what a finger on a phone means.
 */
export function useBoardGestures(
  { containerRef, stageRef, camera, sizeRef, leaveAutoView, zoomIn, zoomOut, fitByUser }: CameraStage,
  { editorOpen, commitEdit, onEmptyBoardPress, onEmptyBoardTap }: BoardGesturesOptions,
): BoardGestures {
  const pinch = useRef<Pinch | null>(null)
  const spaceHeld = useRef(false)
  /** The press under way is drawing a selection box, so the stage must not pan with it. */
  const boxing = useRef(false)

  // Space held anywhere but a field or a button: the next drag pans.
  useEffect(() => {
    const element = containerRef.current
    const typing = (event: globalThis.KeyboardEvent): boolean =>
      event.target instanceof Element && event.target.closest(TYPING) !== null
    const onKeyDown = (event: globalThis.KeyboardEvent): void => {
      if (event.code !== 'Space' || typing(event)) return
      spaceHeld.current = true
      element?.setAttribute('data-panning', 'true')
      // Not the page scrolling by a screen.
      if (event.target === element || event.target === document.body) event.preventDefault()
    }
    const onKeyUp = (event: globalThis.KeyboardEvent): void => {
      if (event.code !== 'Space') return
      spaceHeld.current = false
      element?.removeAttribute('data-panning')
    }
    const onBlur = (): void => {
      spaceHeld.current = false
      element?.removeAttribute('data-panning')
    }
    window.addEventListener('keydown', onKeyDown)
    window.addEventListener('keyup', onKeyUp)
    window.addEventListener('blur', onBlur)
    return () => {
      window.removeEventListener('keydown', onKeyDown)
      window.removeEventListener('keyup', onKeyUp)
      window.removeEventListener('blur', onBlur)
    }
  }, [containerRef])

  // The middle button pans wherever it is pressed, notes included (Konva drags with the left button only).
  useEffect(() => {
    const element = containerRef.current
    if (element === null) return
    const onMouseDown = (press: MouseEvent): void => {
      if (press.button !== 1) return
      press.preventDefault()
      let last = { x: press.clientX, y: press.clientY }
      const onMove = (event: MouseEvent): void => {
        leaveAutoView()
        camera.panBy(event.clientX - last.x, event.clientY - last.y)
        last = { x: event.clientX, y: event.clientY }
      }
      const onUp = (): void => {
        window.removeEventListener('mousemove', onMove)
        window.removeEventListener('mouseup', onUp)
      }
      window.addEventListener('mousemove', onMove)
      window.addEventListener('mouseup', onUp)
    }
    element.addEventListener('mousedown', onMouseDown)
    return () => element.removeEventListener('mousedown', onMouseDown)
  }, [camera, leaveAutoView, containerRef])

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

  const onStageDragStart = (event: Konva.KonvaEventObject<DragEvent>): void => {
    const stage = stageRef.current
    // "A user can stop dragging inside dragstart" (Konva): the stage stays where it is, the box goes on.
    if (stage !== null && event.target === stage && boxing.current) stage.stopDrag()
  }

  const onStageDragMove = (event: Konva.KonvaEventObject<DragEvent>): void => {
    const stage = stageRef.current
    if (stage === null || event.target !== stage) return
    leaveAutoView()
    camera.set({ ...camera.get(), x: stage.x(), y: stage.y() })
  }

  const onStagePointerDown = (event: Konva.KonvaEventObject<MouseEvent | TouchEvent>): void => {
    // A press anywhere on the board but the note being edited ends the edit (keeping what was typed).
    const onNote = !!event.target.findAncestor('.note')
    if (editorOpen && !onNote) commitEdit()
    const press = event.evt
    boxing.current = isMousePress(press) && press.button === 0 && !spaceHeld.current && !onNote
    if (boxing.current && isMousePress(press)) onEmptyBoardPress(press)
  }

  const onStageTap = (event: Konva.KonvaEventObject<TouchEvent | PointerEvent>): void => {
    if (!event.target.findAncestor('.note')) onEmptyBoardTap()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== containerRef.current) return
    if (event.key === '+' || event.key === '=') zoomIn()
    else if (event.key === '-' || event.key === '_') zoomOut()
    else if (event.key === '0') fitByUser()
    else return
    event.preventDefault()
  }

  return { onWheel, onStageDragStart, onStageDragMove, onStagePointerDown, onStageTap, onKeyDown }
}

/** A press of a mouse button (a pointer event from a finger or a pen is not one). */
function isMousePress(event: MouseEvent | TouchEvent): event is MouseEvent {
  if (!(event instanceof MouseEvent)) return false
  return !('pointerType' in event) || (event as PointerEvent).pointerType === 'mouse'
}
