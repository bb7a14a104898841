import { useMemo, useRef, useState } from 'react'
import type { RefObject } from 'react'
import type Konva from 'konva'
import { indexAt, sectionAt } from '@mapboard/map-model'
import type { MapLayout, NoteSnapshot, ZoneId } from '@mapboard/map-model'
import type { BoardCommands } from '../board/BoardCommands.ts'
import type { Permissions } from '../board/Permissions.ts'
import type { RunCommand } from '../board/runCommand.ts'
import type { NoteHandlers } from './NoteShape.tsx'
import { planGroupMove } from './groupMove.ts'
import { inReadingOrder } from './noteSelection.ts'
import type { NoteSelection } from './noteSelection.ts'
import { notMovedMessage } from './selectionText.ts'
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
  selection: NoteSelection
  /** A note outside the selection is dragged: it alone is selected, as in other whiteboards. */
  onDragOutsideSelection(id: string): void
  /** Some of a dragged selection may not go where it was dropped: say which and why. */
  onRefused(message: string): void
  /** A drag begins: the open editor keeps what was typed and closes. */
  onDragStart(): void
}

/**
 * Dragging a note, or the selection it belongs to, to another section or another place in its own. Each note goes
 * only where this participant may move it: never into (or, as it is not draggable, out of) a section locked to
 * them, never someone else's unless they are the chair. The selection moves as one block, in reading order, in one
 * transaction (one undo step); the notes that may not go stay where they are, and the person is told why.
 *
 * While it moves, the dragged note follows the pointer, the rest of the selection follows it at the same offset,
 * and the drop target is drawn, all imperatively (no React renders per frame). On release every node is put back
 * where the layout has it; if the move lands, the new layout moves them again.
 */
export function useNoteDrag(options: NoteDragOptions): NoteDrag {
  const dropSectionRef = useRef<Konva.Rect>(null)
  const dropSlotRef = useRef<Konva.Rect>(null)
  const [draggingId, setDraggingId] = useState<string | null>(null)
  /** The notes travelling with the dragged one, fixed when the drag starts. */
  const group = useRef<string[]>([])
  const latest = useLatest(options)

  const handlers = useMemo<NoteDrag['handlers']>(() => {
    const notesOf = (ids: readonly string[]): NoteSnapshot[] =>
      ids.flatMap((id) => {
        const note = latest.current.notesById.get(id)
        return note === undefined ? [] : [note]
      })

    const dropTarget = (id: string): DropTarget | null => {
      const { stageRef, layout, permissions } = latest.current
      const pointer = stageRef.current?.getRelativePointerPosition()
      if (!pointer || !latest.current.notesById.has(id)) return null
      const zone = sectionAt(layout, pointer.x, pointer.y)
      if (zone === undefined || !notesOf(group.current).some((note) => permissions.canMove(note, zone)))
        return null
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

    /** The rest of the group, each at its layout place moved by `offset` (zero to put them back). */
    const placeFollowers = (id: string, offset: { x: number; y: number }): void => {
      const { stageRef, layout } = latest.current
      for (const other of group.current) {
        if (other === id) continue
        const node = stageRef.current?.findOne(`#note-${other}`)
        const box = layout.notes.find((candidate) => candidate.id === other)
        if (node && box) node.position({ x: box.x + offset.x, y: box.y + offset.y })
      }
    }

    const boxOf = (id: string) => latest.current.layout.notes.find((candidate) => candidate.id === id)

    return {
      onDragStart: (id) => {
        const { selection, permissions, layout } = latest.current
        latest.current.onDragStart()
        if (!selection.ids.has(id)) latest.current.onDragOutsideSelection(id)
        // Only notes this person may change travel; the others are not theirs to pick up.
        const members = selection.ids.has(id) ? inReadingOrder(selection, layout.notes) : [id]
        group.current = notesOf(members)
          .filter((note) => note.id === id || permissions.canChange(note))
          .map((note) => note.id)
        setDraggingId(id)
      },
      onDragMove: (id, node) => {
        const box = boxOf(id)
        if (box) placeFollowers(id, { x: node.x() - box.x, y: node.y() - box.y })
        showDropTarget(dropTarget(id))
      },
      onDragEnd: (id, node) => {
        const target = dropTarget(id)
        showDropTarget(null)
        // Put the nodes back where the layout has them; if the move lands, the new layout moves them again.
        const box = boxOf(id)
        if (box) node.position({ x: box.x, y: box.y })
        placeFollowers(id, { x: 0, y: 0 })
        setDraggingId(null)
        const { selection, layout, permissions, commands, run } = latest.current
        const moving = notesOf(group.current)
        group.current = []
        if (target === null) return

        const members = selection.ids.has(id) ? notesOf(inReadingOrder(selection, layout.notes)) : moving
        const allowed = moving.filter((note) => permissions.canMove(note, target.zone)).map((note) => note.id)
        const refused = members.filter((note) => !allowed.includes(note.id))
        const zoneOrder = layout.notes.filter((note) => note.zone === target.zone).map((note) => note.id)
        const plan = planGroupMove({ ...target, zoneOrder, moving: allowed, dragged: id })
        if (plan.length > 0) run(() => commands.moveNotes(plan))
        const [first] = refused
        if (first !== undefined) {
          const reason =
            permissions.whyNotMove(first, target.zone) ??
            (permissions.canChange(first) ? '' : 'You can only change your own notes.')
          latest.current.onRefused(notMovedMessage(refused.length, members.length, reason).trim())
        }
      },
    }
  }, [latest])

  return { dropSectionRef, dropSlotRef, draggingId, handlers }
}
