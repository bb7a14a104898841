import { useSyncExternalStore } from 'react'
import type { MapSnapshot } from '@mapboard/map-model'
import type { MapSnapshotStore } from './MapSnapshotStore.ts'

/** The current map, re-rendering the caller whenever the document changes. */
export function useMapSnapshot(store: MapSnapshotStore): MapSnapshot {
  return useSyncExternalStore(store.subscribe, store.getSnapshot)
}
