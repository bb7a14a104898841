import { useCallback, useEffect, useRef } from 'react'
import type { RefObject } from 'react'
import type Konva from 'konva'
import type { MapLayout } from '@mapboard/map-model'
import type { Camera } from './Camera.ts'
import { notesTouching, rectBetween } from './boxSelect.ts'
import type { BoardPoint } from './boxSelect.ts'
import { useLatest } from './useLatest.ts'

/** A press that moves less than this (CSS px) is a click on the empty board, not a box. */
const BOX_THRESHOLD = 4

export interface BoxSelect {
  /** The box drawn while dragging; hidden otherwise. */
  boxRef: RefObject<Konva.Rect | null>
  /** A left-button press on empty board: follow the mouse until it is released. */
  begin(event: MouseEvent): void
}

interface BoxSelectOptions {
  containerRef: RefObject<HTMLDivElement | null>
  camera: Camera
  layout: MapLayout
  /** The box was released over these notes (shift held: added to the selection). */
  onSelect(ids: readonly string[], add: boolean): void
  /** A click on empty board without shift: nothing is selected any more. */
  onEmptyClick(): void
}

/**
 * Dragging a box on empty board selects every note it touches, as in tldraw and Miro. The mouse is followed on the
 * window, so a box let go outside the canvas still ends; the box is drawn imperatively (no React render per frame).
 */
export function useBoxSelect(options: BoxSelectOptions): BoxSelect {
  const boxRef = useRef<Konva.Rect>(null)
  const latest = useLatest(options)
  const stop = useRef<(() => void) | null>(null)

  useEffect(() => () => stop.current?.(), [])

  const begin = useCallback(
    (press: MouseEvent) => {
      stop.current?.()
      const toBoard = (event: MouseEvent): BoardPoint | null => {
        const bounds = latest.current.containerRef.current?.getBoundingClientRect()
        if (bounds === undefined) return null
        const view = latest.current.camera.get()
        return {
          x: (event.clientX - bounds.left - view.x) / view.scale,
          y: (event.clientY - bounds.top - view.y) / view.scale,
        }
      }
      const start = toBoard(press)
      if (start === null) return
      let boxing = false

      const show = (end: BoardPoint | null): void => {
        const box = boxRef.current
        if (box === null) return
        box.visible(end !== null)
        if (end !== null) box.setAttrs(rectBetween(start, end))
        box.getLayer()?.batchDraw()
      }
      const onMove = (event: MouseEvent): void => {
        const moved = Math.max(
          Math.abs(event.clientX - press.clientX),
          Math.abs(event.clientY - press.clientY),
        )
        if (!boxing && moved < BOX_THRESHOLD) return
        boxing = true
        show(toBoard(event))
      }
      const onUp = (event: MouseEvent): void => {
        const end = toBoard(event)
        finish()
        if (boxing && end !== null) {
          latest.current.onSelect(
            notesTouching(latest.current.layout.notes, rectBetween(start, end)),
            event.shiftKey,
          )
        } else if (!press.shiftKey) {
          latest.current.onEmptyClick()
        }
      }
      const finish = (): void => {
        window.removeEventListener('mousemove', onMove)
        window.removeEventListener('mouseup', onUp)
        show(null)
        stop.current = null
      }
      window.addEventListener('mousemove', onMove)
      window.addEventListener('mouseup', onUp)
      stop.current = finish
    },
    [latest],
  )

  return { boxRef, begin }
}
