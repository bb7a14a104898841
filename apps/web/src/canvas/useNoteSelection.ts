import { useCallback, useMemo, useState } from 'react'
import { NO_SELECTION, keepExisting, selectNotes, selectOnly, toggleNote } from './noteSelection.ts'
import type { NoteSelection } from './noteSelection.ts'

export interface NoteSelectionState {
  /** The selection, without notes that have been deleted since (by anyone). */
  selection: NoteSelection
  selectOnly(id: string): void
  toggle(id: string): void
  select(ids: readonly string[], add: boolean): void
  clear(): void
}

/** The board's selected notes (noteSelection.ts), as React state; the callbacks keep one identity. */
export function useNoteSelection(exists: (id: string) => boolean): NoteSelectionState {
  const [stored, setStored] = useState<NoteSelection>(NO_SELECTION)
  // Derived rather than pruned in an effect, so a deleted note is never drawn or acted on as selected.
  const selection = useMemo(() => keepExisting(stored, exists), [stored, exists])
  return {
    selection,
    selectOnly: useCallback((id: string) => setStored(selectOnly(id)), []),
    toggle: useCallback(
      (id: string) => setStored((previous) => toggleNote(keepExisting(previous, exists), id)),
      [exists],
    ),
    select: useCallback(
      (ids: readonly string[], add: boolean) =>
        setStored((previous) => selectNotes(keepExisting(previous, exists), ids, add)),
      [exists],
    ),
    clear: useCallback(() => setStored(NO_SELECTION), []),
  }
}
