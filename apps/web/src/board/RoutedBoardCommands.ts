import type * as Y from 'yjs'
import { audienceOfNoteId, readZoneNotes } from '@mapboard/map-model'
import type { Ordered, ZoneId } from '@mapboard/map-model'
import type { BoardCommands, NoteMoveCommand } from './BoardCommands.ts'

/**
 * The board's commands over the map's two documents (decision 0032): a note's id says which document it lives
 * in, so every edit, move and delete goes to that one; a new note goes where its `audience` says; a lock goes to
 * both, so a locked section is locked for every note in it. Without a professionals' document (family, viewers)
 * this is the shared commands and nothing else: a restricted id or audience is refused, never sent anywhere.
 *
 * Undo and Redo take back the latest step of either document (each keeps its own history; the steps are ordered
 * by `lastStepAt`). A selection spanning both documents moves or deletes in two steps, one per document.
 */
export function createRoutedBoardCommands(
  shared: BoardCommands,
  restricted: BoardCommands | null,
): BoardCommands {
  const forNote = (id: string): BoardCommands => {
    if (audienceOfNoteId(id) === 'shared') return shared
    if (restricted === null) throw new Error('This map has no professionals’ notes on this device.')
    return restricted
  }
  const all = restricted === null ? [shared] : [shared, restricted]
  /** The commands whose latest step on `stack` is the most recent, or null if neither has one. */
  const latest = (stack: 'undo' | 'redo'): BoardCommands | null => {
    let best: BoardCommands | null = null
    for (const commands of all) {
      if (commands.lastStepAt(stack) > (best?.lastStepAt(stack) ?? 0)) best = commands
    }
    return best
  }
  const byDocument = <T extends { id: string }>(items: readonly T[]): Array<[BoardCommands, T[]]> => {
    const groups = new Map<BoardCommands, T[]>()
    for (const item of items) {
      const commands = forNote(item.id)
      const group = groups.get(commands)
      if (group) group.push(item)
      else groups.set(commands, [item])
    }
    return [...groups]
  }

  return {
    addNote(zone, fields) {
      if (fields.audience === 'professionals') {
        if (restricted === null) throw new Error('Only the chair and professionals add professionals’ notes.')
        return restricted.addNote(zone, fields)
      }
      return shared.addNote(zone, fields)
    },
    updateNote: (id, patch) => forNote(id).updateNote(id, patch),
    moveNote: (id, zone, index) => forNote(id).moveNote(id, zone, index),
    moveNotes(moves: readonly NoteMoveCommand[]) {
      for (const [commands, group] of byDocument(moves)) commands.moveNotes(group)
    },
    deleteNote: (id) => forNote(id).deleteNote(id),
    deleteNotes(ids) {
      for (const [commands, group] of byDocument(ids.map((id) => ({ id })))) {
        commands.deleteNotes(group.map((item) => item.id))
      }
    },
    setLock(zone, locked) {
      for (const commands of all) commands.setLock(zone, locked)
    },
    setAllLocks(locked) {
      for (const commands of all) commands.setAllLocks(locked)
    },
    undo: () => latest('undo')?.undo(),
    redo: () => latest('redo')?.redo(),
    onHistoryChange(listener) {
      const offs = all.map((commands) => commands.onHistoryChange(listener))
      return () => offs.forEach((off) => off())
    },
    canUndo: () => all.some((commands) => commands.canUndo()),
    canRedo: () => all.some((commands) => commands.canRedo()),
    lastStepAt: (stack) => Math.max(...all.map((commands) => commands.lastStepAt(stack))),
    forgetHistory() {
      for (const commands of all) commands.forgetHistory()
    },
    destroy() {
      for (const commands of all) commands.destroy()
    },
  }
}

/**
 * A section's notes in both documents, each document's own ids only (as BoardSnapshotStore shows them): what a
 * position in the section counts, so a note added or moved lands where the board shows it, among both kinds.
 */
export function sectionOfBoth(shared: Y.Doc, restricted: Y.Doc): (zone: ZoneId) => Ordered[] {
  return (zone) => [
    ...readZoneNotes(shared, zone).filter((note) => audienceOfNoteId(note.id) === 'shared'),
    ...readZoneNotes(restricted, zone).filter((note) => audienceOfNoteId(note.id) === 'professionals'),
  ]
}
