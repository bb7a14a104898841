import { useSyncExternalStore } from 'react'
import type { BoardSnapshot, BoardSnapshotStore } from './BoardSnapshotStore.ts'

/** The current map, re-rendering the caller whenever either of its documents changes. */
export function useMapSnapshot(store: BoardSnapshotStore): BoardSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot)
}
