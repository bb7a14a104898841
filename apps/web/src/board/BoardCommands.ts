import * as Y from 'yjs'
import {
  MapValidationError,
  ZONE_IDS,
  addNote,
  deleteNote,
  moveNote,
  setLock,
  updateNote,
} from '@mapboard/map-model'
import type { AddNoteInput, Audience, NoteColour, NoteKind, Ordered, ZoneId } from '@mapboard/map-model'
import type { Participant } from '@mapboard/protocol'
import type { LocalOrigin } from './LocalOrigin.ts'
import { trackOthersChanges } from './othersChanges.ts'

/** What the person is told when Undo or Redo would take back someone else's work with their own. */
export const CHANGED_SINCE_MESSAGE =
  'Someone else has changed that note since, so it was not undone: their change stays. Change it by hand if you need to.'

export interface NoteEdit {
  text?: string
  kind?: NoteKind
  source?: string
  colour?: NoteColour
}

/** One note to a position in a section, as map-model's moveNote takes it. */
export interface NoteMoveCommand {
  id: string
  zone: ZoneId
  index: number
}

export interface NewNote extends NoteEdit {
  /** Must not be empty once trimmed (map-model refuses empty notes). */
  text: string
  /** Which of the map's documents the note goes into; the shared one unless said otherwise. */
  audience?: Audience
}

/**
 * The only way the UI changes the map: each command is one map-model call (one transaction) tagged with this
 * tab's origin, so undo/redo covers exactly the user's own edits.
 */
export interface BoardCommands {
  addNote(zone: ZoneId, fields: NewNote): string
  updateNote(id: string, patch: NoteEdit): void
  moveNote(id: string, zone: ZoneId, index?: number): void
  /** Several moves (a dragged selection) in one transaction: one undo step takes them all back. */
  moveNotes(moves: readonly NoteMoveCommand[]): void
  deleteNote(id: string): void
  /** Several notes (a selection) deleted in one transaction: one undo step brings them all back. */
  deleteNotes(ids: readonly string[]): void
  /** Chair only (the server refuses anyone else). Locks are not part of undo: they are the meeting's decisions. */
  setLock(zone: ZoneId, locked: boolean): void
  /** Every section at once, in one transaction. */
  setAllLocks(locked: boolean): void
  undo(): void
  redo(): void
  /** Subscribe to changes of undo/redo availability. */
  onHistoryChange(listener: () => void): () => void
  canUndo(): boolean
  canRedo(): boolean
  /** When the step Undo (or Redo) would take back was made, on a clock shared by every document's commands; 0 if none. */
  lastStepAt(stack: 'undo' | 'redo'): number
  /**
   * Forget undo and redo: the server refused (and reverted) one of my changes. A refusal does not say which
   * change it was, and may arrive before the revert itself, so the stack item cannot be picked out reliably.
   * Left in place, the reverted change makes undo misfire (Yjs skips a stack item that changes nothing, so undo
   * would silently take back the change before it instead) and redo would only be refused again.
   */
  forgetHistory(): void
  destroy(): void
}

/**
 * Who a new note is by. The server refuses an add whose author fields are not the connection's own, so they come
 * from the participant the join answered with, never from a form.
 */
interface Authorship {
  author: string
  authorId: string
  agency: string
}

/** Orders undo steps across the map's two documents (a counter, not a time: two steps can share a millisecond). */
let stepClock = 0
const STEP_AT = Symbol('step at')

/**
 * One document's commands: the shared one, or (audience 'professionals') the professionals' one, whose new notes
 * get ids with that document's prefix. RoutedBoardCommands puts the two together for the board.
 */
export function createBoardCommands(
  doc: Y.Doc,
  origin: LocalOrigin,
  me: Participant,
  audience: Audience = 'shared',
  /**
   * A section's notes as the board shows them, where that is more than this document's (both documents': see
   * sectionOfBoth), so positions count every note shown. Read live: a group move sees its own earlier moves.
   */
  sectionNotes?: (zone: ZoneId) => readonly Ordered[],
): BoardCommands {
  const among = (zone: ZoneId): { among?: readonly Ordered[] } =>
    sectionNotes === undefined ? {} : { among: sectionNotes(zone) }
  const undoManager = new Y.UndoManager([doc.getMap('notes')], {
    trackedOrigins: new Set([origin]),
    captureTimeout: 400,
  })
  undoManager.on('stack-item-added', (event: { stackItem: { meta: Map<unknown, unknown> } }) => {
    event.stackItem.meta.set(STEP_AT, ++stepClock)
  })
  const stepAt = (stack: Array<{ meta: Map<unknown, unknown> }>): number => {
    const at = stack.at(-1)?.meta.get(STEP_AT)
    return typeof at === 'number' ? at : 0
  }
  const others = trackOthersChanges(doc.getMap('notes'), undoManager, (o) => o === origin)
  const listeners = new Set<() => void>()
  const notify = (): void => listeners.forEach((listener) => listener())
  undoManager.on('stack-item-added', notify)
  undoManager.on('stack-item-popped', notify)
  undoManager.on('stack-cleared', notify)

  /** Undo or redo the last step, unless it would overwrite someone else's later change (othersChanges.ts). */
  const takeBack = (stack: Array<{ meta: Map<unknown, unknown> }>, step: () => void): void => {
    undoManager.stopCapturing()
    const last = stack.at(-1)
    if (last !== undefined && others.overwritesOthers(last)) {
      stack.pop()
      notify()
      throw new MapValidationError('CHANGED_SINCE', 'note', CHANGED_SINCE_MESSAGE)
    }
    step()
  }

  return {
    addNote(zone, fields) {
      const { audience: _ignored, ...rest } = fields
      const input: AddNoteInput & Authorship = {
        ...rest,
        audience,
        zone,
        ...among(zone),
        author: me.name,
        authorId: me.id,
        agency: me.agency,
      }
      const id = addNote(doc, input, origin)
      undoManager.stopCapturing()
      return id
    },
    updateNote(id, patch) {
      updateNote(doc, id, patch, origin)
    },
    moveNote(id, zone, index) {
      moveNote(
        doc,
        id,
        index === undefined ? { zone, ...among(zone) } : { zone, index, ...among(zone) },
        origin,
      )
      undoManager.stopCapturing()
    },
    moveNotes(moves) {
      undoManager.stopCapturing()
      doc.transact(() => {
        for (const { id, zone, index } of moves) moveNote(doc, id, { zone, index, ...among(zone) }, origin)
      }, origin)
      undoManager.stopCapturing()
    },
    deleteNote(id) {
      deleteNote(doc, id, origin)
      undoManager.stopCapturing()
    },
    deleteNotes(ids) {
      undoManager.stopCapturing()
      doc.transact(() => {
        for (const id of ids) deleteNote(doc, id, origin)
      }, origin)
      undoManager.stopCapturing()
    },
    setLock(zone, locked) {
      setLock(doc, zone, locked, origin)
    },
    setAllLocks(locked) {
      doc.transact(() => {
        for (const zone of ZONE_IDS) setLock(doc, zone, locked, origin)
      }, origin)
    },
    undo() {
      takeBack(undoManager.undoStack, () => undoManager.undo())
    },
    redo() {
      takeBack(undoManager.redoStack, () => undoManager.redo())
    },
    onHistoryChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    canUndo: () => undoManager.canUndo(),
    canRedo: () => undoManager.canRedo(),
    lastStepAt: (stack) => stepAt(stack === 'undo' ? undoManager.undoStack : undoManager.redoStack),
    forgetHistory() {
      undoManager.clear()
      undoManager.stopCapturing()
    },
    destroy() {
      others.destroy()
      listeners.clear()
      undoManager.destroy()
    },
  }
}
