import type { ConnectionState } from '../board/ConnectionMonitor.ts'

const LABEL: Record<ConnectionState['status'], string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  closed: 'Disconnected',
}

const EXPLANATION: Record<ConnectionState['status'], string> = {
  connecting: 'Opening the map.',
  connected: 'You see changes as others make them.',
  reconnecting: 'The connection dropped. Trying again — keep working, nothing is lost.',
  offline: 'No connection. Keep working: your changes are kept here and sent when you are back online.',
  closed: 'The server ended this session.',
}

/** Always visible: whether the board is live, and whether this device holds changes the server has not had. */
export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  const title = `${LABEL[state.status]}. ${EXPLANATION[state.status]}${
    state.unsynced ? ' Some of your changes have not reached the server yet.' : ''
  }`
  return (
    <div
      className="connection-indicator"
      role="status"
      aria-live="polite"
      data-testid="connection-indicator"
      data-status={state.status}
      data-unsynced={state.unsynced ? 'true' : 'false'}
      title={title}
    >
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-label">{LABEL[state.status]}</span>
      {state.unsynced && <span className="connection-unsynced">Unsynced changes</span>}
    </div>
  )
}
