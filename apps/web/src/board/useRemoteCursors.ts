import { useSyncExternalStore } from 'react'
import type { RemoteCursor, RemoteCursors } from './RemoteCursors.ts'

export function useRemoteCursors(cursors: RemoteCursors): RemoteCursor[] {
  return useSyncExternalStore(cursors.subscribe, cursors.getCursors)
}
