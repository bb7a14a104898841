import { useMemo, useRef, useState } from 'react'
import type { RefObject } from 'react'
import type Konva from 'konva'
import { indexAt, sectionAt } from '@mapboard/map-model'
import type { MapLayout, NoteSnapshot, ZoneId } from '@mapboard/map-model'
import type { BoardCommands } from '../board/BoardCommands.ts'
import type { Permissions } from '../board/Permissions.ts'
import type { RunCommand } from '../board/runCommand.ts'
import type { NoteHandlers } from './NoteShape.tsx'
import { slotRect } from './slots.ts'
import { useLatest } from './useLatest.ts'

type DropTarget = { zone: ZoneId; index: number }

export interface NoteDrag {
  /** The outline of the section a dragged note would land in, and of its slot there; hidden while none. */
  dropSectionRef: RefObject<Konva.Rect | null>
  dropSlotRef: RefObject<Konva.Rect | null>
  /** The note being dragged: always rendered, and on top. */
  draggingId: string | null
  /** The notes' drag callbacks, one identity for the board's lifetime (so memoised notes stay memoised). */
  handlers: Pick<NoteHandlers, 'onDragStart' | 'onDragMove' | 'onDragEnd'>
}

interface NoteDragOptions {
  stageRef: RefObject<Konva.Stage | null>
  layout: MapLayout
  notesById: ReadonlyMap<string, NoteSnapshot>
  permissions: Permissions
  commands: BoardCommands
  run: RunCommand
  /** A drag begins: the open editor keeps what was typed and closes. */
  onDragStart(): void
}

/**
 * Dragging a note to another section, or another place in its own. A note goes only where this participant may
 * move it: never into (or, as it is not draggable, out of) a section locked to them. While it moves the drop
 * target is drawn imperatively (no React renders per frame); on release the note is put back where the layout
 * has it, and if the move lands the new layout moves it again.
 */
export function useNoteDrag(options: NoteDragOptions): NoteDrag {
  const dropSectionRef = useRef<Konva.Rect>(null)
  const dropSlotRef = useRef<Konva.Rect>(null)
  const [draggingId, setDraggingId] = useState<string | null>(null)
  const latest = useLatest(options)

  const handlers = useMemo<NoteDrag['handlers']>(() => {
    const dropTarget = (id: string): DropTarget | null => {
      const { stageRef, layout, notesById, permissions } = latest.current
      const pointer = stageRef.current?.getRelativePointerPosition()
      const note = notesById.get(id)
      if (!pointer || note === undefined) return null
      const zone = sectionAt(layout, pointer.x, pointer.y)
      if (zone === undefined || !permissions.canMove(note, zone)) return null
      return { zone, index: indexAt(layout, zone, pointer.x, pointer.y) }
    }

    const showDropTarget = (target: DropTarget | null): void => {
      const sectionRect = dropSectionRef.current
      const slot = dropSlotRef.current
      if (sectionRect === null || slot === null) return
      const { layout } = latest.current
      const section = target ? layout.sections.find((box) => box.zone === target.zone) : undefined
      const rect = target ? slotRect(layout, target.zone, target.index) : null
      sectionRect.visible(section !== undefined)
      if (section)
        sectionRect.setAttrs({ x: section.x, y: section.y, width: section.width, height: section.height })
      slot.visible(rect !== null)
      if (rect) slot.setAttrs(rect)
      sectionRect.getLayer()?.batchDraw()
    }

    return {
      onDragStart: (id) => {
        latest.current.onDragStart()
        setDraggingId(id)
      },
      onDragMove: (id) => showDropTarget(dropTarget(id)),
      onDragEnd: (id, node) => {
        const target = dropTarget(id)
        showDropTarget(null)
        // Put the node back where the layout has it; if the move lands, the new layout moves it again.
        const box = latest.current.layout.notes.find((candidate) => candidate.id === id)
        if (box) node.position({ x: box.x, y: box.y })
        setDraggingId(null)
        if (target) latest.current.run(() => latest.current.commands.moveNote(id, target.zone, target.index))
      },
    }
  }, [latest])

  return { dropSectionRef, dropSlotRef, draggingId, handlers }
}
