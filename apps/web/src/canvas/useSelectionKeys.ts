import type { KeyboardEvent, RefObject } from 'react'
import type { MapLayout, NoteSnapshot } from '@mapboard/map-model'
import type { BoardCommands } from '../board/BoardCommands.ts'
import type { BoardRect } from '../board/BoardRect.ts'
import type { Permissions } from '../board/Permissions.ts'
import type { RunCommand } from '../board/runCommand.ts'
import { arrowDirection, neighbourNote } from './neighbourNote.ts'
import { inReadingOrder } from './noteSelection.ts'
import type { NoteSelectionState } from './useNoteSelection.ts'
import { notRemovedMessage } from './selectionText.ts'

interface SelectionKeysOptions {
  containerRef: RefObject<HTMLDivElement | null>
  layout: MapLayout
  notesById: ReadonlyMap<string, NoteSnapshot>
  selection: NoteSelectionState
  permissions: Permissions
  commands: BoardCommands
  run: RunCommand
  /** Enter: edit this note (useNoteEditing.openNote). */
  editNote(id: string): void
  /** An arrow reached a note off screen. */
  revealRect(rect: BoardRect): void
  /** Some of the selection could not be removed: say which and why. */
  onRefused(message: string): void
}

/**
 * The board's keys for the selection, while the board itself has the focus (never while typing in the editor or
 * any field: those keys are text there). Enter edits, Escape lets go, Delete or Backspace removes what this person
 * may remove, arrows go from note to note (neighbourNote.ts), Ctrl/⌘+A takes the whole section. Returns whether it
 * used the key.
 */
export function useSelectionKeys({
  containerRef,
  layout,
  notesById,
  selection: state,
  permissions,
  commands,
  run,
  editNote,
  revealRect,
  onRefused,
}: SelectionKeysOptions): (event: KeyboardEvent<HTMLDivElement>) => boolean {
  return (event) => {
    if (event.target !== containerRef.current || event.altKey) return false
    const { selection } = state
    const command = event.ctrlKey || event.metaKey
    const direction = arrowDirection(event.key)

    if (command && event.key.toLowerCase() === 'a' && !event.shiftKey) {
      const zone = notesById.get(selection.anchor ?? '')?.zone
      if (zone !== undefined) {
        const inZone = layout.notes.filter((box) => box.zone === zone).map((box) => box.id)
        // The anchor stays the note the keyboard works from.
        state.select(
          [selection.anchor ?? '', ...inZone].filter((id) => notesById.has(id)),
          false,
        )
      }
      return true
    }
    if (command) return false

    if (direction !== undefined) {
      const next = neighbourNote(layout.notes, selection.anchor, direction)
      const box = layout.notes.find((candidate) => candidate.id === next)
      if (next !== null && box !== undefined) {
        state.selectOnly(next)
        revealRect(box)
      }
      return true
    }
    if (event.key === 'Enter' && selection.anchor !== null) {
      editNote(selection.anchor)
      return true
    }
    if (event.key === 'Escape' && selection.ids.size > 0) {
      state.clear()
      return true
    }
    if ((event.key === 'Delete' || event.key === 'Backspace') && selection.ids.size > 0) {
      const selected = inReadingOrder(selection, layout.notes).flatMap((id) => {
        const note = notesById.get(id)
        return note === undefined ? [] : [note]
      })
      const refused = selected.filter((note) => permissions.whyNotRemove(note) !== null)
      const removable = selected.filter((note) => !refused.includes(note)).map((note) => note.id)
      if (removable.length > 0 && !run(() => commands.deleteNotes(removable))) return true
      state.select(
        refused.map((note) => note.id),
        false,
      )
      const [first] = refused
      if (first !== undefined)
        onRefused(notRemovedMessage(refused.length, selected.length, permissions.whyNotRemove(first) ?? ''))
      return true
    }
    return false
  }
}
