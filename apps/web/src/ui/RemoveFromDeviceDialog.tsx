import { useState } from 'react'
import { Dialog } from './Dialog.tsx'

/**
 * Asks before removing the map from this device (decision 0025): the copy kept for offline use, the remembered
 * join and the rest. Changes the server has not stored yet are lost with it, so the dialog says how many.
 */
export function RemoveFromDeviceDialog({
  unsavedCount,
  onRemove,
  onClose,
}: {
  unsavedCount: number
  onRemove(): void
  onClose(): void
}) {
  const [busy, setBusy] = useState(false)
  return (
    <Dialog title="Remove this map from this device?" onClose={onClose} testId="remove-from-device-dialog">
      <p className="lead">
        The map stays on the server for everyone else. This device forgets it: the copy kept for working
        offline, and that you joined. To open it again here you will need the link.
      </p>
      {unsavedCount > 0 && (
        <p className="form-error" role="alert" data-testid="remove-unsaved-warning">
          {unsavedCount === 1 ? '1 change' : `${unsavedCount} changes`} made here
          {unsavedCount === 1 ? ' has' : ' have'} not reached the server yet and will be lost.
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>
          Keep it
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          data-testid="remove-from-device-confirm"
          onClick={() => {
            setBusy(true)
            onRemove()
          }}
        >
          Remove this map from this device
        </button>
      </div>
    </Dialog>
  )
}
