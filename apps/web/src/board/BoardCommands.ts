import * as Y from 'yjs'
import { addNote, deleteNote, moveNote, updateNote } from '@mapboard/map-model'
import type { NoteColour, NoteKind, ZoneId } from '@mapboard/map-model'
import type { LocalOrigin } from './LocalOrigin.ts'

export interface NoteEdit {
  text?: string
  kind?: NoteKind
  source?: string
  colour?: NoteColour
}

export interface NewNote extends NoteEdit {
  /** Must not be empty once trimmed (map-model refuses empty notes). */
  text: string
}

/**
 * The only way the UI changes the map: each command is one map-model call (one transaction) tagged with this
 * tab's origin, so undo/redo covers exactly the user's own edits.
 */
export interface BoardCommands {
  addNote(zone: ZoneId, fields: NewNote): string
  updateNote(id: string, patch: NoteEdit): void
  moveNote(id: string, zone: ZoneId, index?: number): void
  deleteNote(id: string): void
  undo(): void
  redo(): void
  /** Subscribe to changes of undo/redo availability. */
  onHistoryChange(listener: () => void): () => void
  canUndo(): boolean
  canRedo(): boolean
  destroy(): void
}

export function createBoardCommands(doc: Y.Doc, origin: LocalOrigin, getAuthor: () => string): BoardCommands {
  const undoManager = new Y.UndoManager([doc.getMap('notes')], {
    trackedOrigins: new Set([origin]),
    captureTimeout: 400,
  })
  const listeners = new Set<() => void>()
  const notify = (): void => listeners.forEach((listener) => listener())
  undoManager.on('stack-item-added', notify)
  undoManager.on('stack-item-popped', notify)
  undoManager.on('stack-cleared', notify)

  return {
    addNote(zone, fields) {
      const id = addNote(doc, { ...fields, zone, author: getAuthor() }, origin)
      undoManager.stopCapturing()
      return id
    },
    updateNote(id, patch) {
      updateNote(doc, id, patch, origin)
    },
    moveNote(id, zone, index) {
      moveNote(doc, id, index === undefined ? { zone } : { zone, index }, origin)
      undoManager.stopCapturing()
    },
    deleteNote(id) {
      deleteNote(doc, id, origin)
      undoManager.stopCapturing()
    },
    undo() {
      undoManager.undo()
    },
    redo() {
      undoManager.redo()
    },
    onHistoryChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    canUndo: () => undoManager.canUndo(),
    canRedo: () => undoManager.canRedo(),
    destroy() {
      listeners.clear()
      undoManager.destroy()
    },
  }
}
