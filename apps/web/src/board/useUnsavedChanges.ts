import { useSyncExternalStore } from 'react'
import type { BoardUnsaved } from './BoardUnsaved.ts'
import type { UnsavedState } from './UnsavedChanges.ts'

/** What this device has not got saved yet, in either of the map's documents. */
export function useUnsavedChanges(unsaved: BoardUnsaved): UnsavedState {
  return useSyncExternalStore(unsaved.subscribe, unsaved.getState)
}
