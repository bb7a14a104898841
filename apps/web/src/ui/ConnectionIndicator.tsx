import type { ConnectionState } from '../board/ConnectionMonitor.ts'
import type { UnsavedState } from '../board/UnsavedChanges.ts'

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
  offline: 'No connection. Keep working: your changes are kept on this device and sent when you reconnect.',
  closed: 'The server ended this session.',
}

const NOT_KEPT_OFFLINE =
  'No connection. Keep this page open: your changes are sent when you reconnect, but this device cannot keep them.'

/** "1 change not saved yet", "2 changes not saved yet". */
export function unsavedLabel(count: number): string {
  return `${count} ${count === 1 ? 'change' : 'changes'} not saved yet`
}

/** Always visible: whether the board is live, and how many changes made here the server has not stored yet. */
export function ConnectionIndicator({
  state,
  unsaved,
  keptOnDevice,
}: {
  state: ConnectionState
  unsaved: UnsavedState
  /** Whether this device keeps the map (IndexedDB): if not, unsaved changes are lost when the page goes. */
  keptOnDevice: boolean
}) {
  const pending = unsaved.count > 0
  const explanation =
    state.status === 'offline' && !keptOnDevice ? NOT_KEPT_OFFLINE : EXPLANATION[state.status]
  const title = `${LABEL[state.status]}. ${explanation}${
    pending
      ? keptOnDevice
        ? ` ${unsavedLabel(unsaved.count)}: they are kept on this device until the server has them.`
        : ` ${unsavedLabel(unsaved.count)}: this device cannot keep them, so keep this page open until they are saved.`
      : ''
  }`
  return (
    <div
      className="connection-indicator"
      role="status"
      aria-live="polite"
      data-testid="connection-indicator"
      data-status={state.status}
      data-unsynced={pending ? 'true' : 'false'}
      data-unsaved-count={unsaved.count}
      title={title}
    >
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-label">{LABEL[state.status]}</span>
      {pending && (
        <span className="connection-unsynced" data-testid="unsaved-count">
          {unsavedLabel(unsaved.count)}
        </span>
      )}
    </div>
  )
}
