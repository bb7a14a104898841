import { useSyncExternalStore } from 'react'
import type { UnsavedChanges, UnsavedState } from './UnsavedChanges.ts'

export function useUnsavedChanges(unsaved: UnsavedChanges): UnsavedState {
  return useSyncExternalStore(unsaved.subscribe, unsaved.getState)
}
