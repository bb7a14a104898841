import { useSyncExternalStore } from 'react'
import type { ConnectionMonitor, ConnectionState } from './ConnectionMonitor.ts'

export function useConnectionState(monitor: ConnectionMonitor): ConnectionState {
  return useSyncExternalStore(monitor.subscribe, monitor.getState)
}
