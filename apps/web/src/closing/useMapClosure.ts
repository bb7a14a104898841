import { useCallback, useRef, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { MAP_CLOSURE_KEY, readMapClosure } from '@mapboard/map-model'
import type { MapClosure } from '@mapboard/map-model'

/** Whether the chair has closed the map (decision 0042), following the shared document as it changes. */
export function useMapClosure(doc: Y.Doc): MapClosure | null {
  const last = useRef<MapClosure | null>(null)
  const subscribe = useCallback(
    (listener: () => void) => {
      const meta = doc.getMap('meta')
      const onChange = (event: Y.YMapEvent<unknown>): void => {
        if (event.keysChanged.has(MAP_CLOSURE_KEY)) listener()
      }
      meta.observe(onChange)
      return () => meta.unobserve(onChange)
    },
    [doc],
  )
  // The same object while the closure is the same, as useSyncExternalStore needs.
  const read = (): MapClosure | null => {
    const now = readMapClosure(doc)
    const before = last.current
    if (now?.closedAt === before?.closedAt && now?.closedBy === before?.closedBy) return before
    last.current = now
    return now
  }
  return useSyncExternalStore(subscribe, read)
}
