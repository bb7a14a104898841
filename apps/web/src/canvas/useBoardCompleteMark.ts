import { useEffect, useRef } from 'react'
import type { RefObject } from 'react'
import type Konva from 'konva'

/** The performance mark the board sets once per page, when its first complete frame has been drawn. */
export const BOARD_COMPLETE_MARK = 'mapboard:board-complete'

interface BoardCompleteMarkOptions {
  /** The layer the notes are drawn on. */
  notesLayerRef: RefObject<Konva.Layer | null>
  /** Fonts loaded, the canvas sized and the view placed, so what is rendered is what the view shows. */
  placed: boolean
  /** Notes in the map, and notes rendered (every note that meets the view, and a margin around it). */
  notes: number
  drawn: number
}

/**
 * Marks the first complete frame for the board benchmark (packages/bench, `pnpm bench:board`): the first draw of
 * the notes layer after a render in which the view was placed, the map held notes and every note meeting the view
 * was rendered. Its `startTime` counts from navigation start; `detail` says how many notes the map held and how
 * many were drawn. Once per page: later drawing is measured frame by frame instead.
 */
export function useBoardCompleteMark({
  notesLayerRef,
  placed,
  notes,
  drawn,
}: BoardCompleteMarkOptions): void {
  const marked = useRef(false)
  useEffect(() => {
    const layer = notesLayerRef.current
    if (marked.current || !placed || notes === 0 || layer === null) return
    marked.current = true
    layer.on('draw.complete', () => {
      layer.off('draw.complete')
      performance.mark(BOARD_COMPLETE_MARK, { detail: { notes, drawn } })
    })
    layer.batchDraw()
  }, [notesLayerRef, placed, notes, drawn])
}
