import { useState } from 'react'
import { MAX_WITHDRAWN_REASON } from '@mapboard/map-model'
import { Dialog } from './Dialog.tsx'

/**
 * Asks the chair why a shared note is withdrawn. The note stays on the map, shown withdrawn with these words:
 * the family has seen it, and reads why.
 */
export function WithdrawDialog({
  noteText,
  onWithdraw,
  onClose,
}: {
  noteText: string
  /** Returns whether it worked; the dialog closes only then. */
  onWithdraw(reason: string): boolean
  onClose(): void
}) {
  const [reason, setReason] = useState('')
  const short = noteText.length > 80 ? `${noteText.slice(0, 80)}…` : noteText
  return (
    <Dialog title="Withdraw this note" onClose={onClose} testId="withdraw-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault()
          if (reason.trim() !== '' && onWithdraw(reason)) onClose()
        }}
      >
        <p className="lead">
          “{short}” stays on the map, shown as withdrawn with your explanation: everyone, the family included,
          has been able to see it.
        </p>
        <label className="field">
          <span className="field-label">Why is it withdrawn?</span>
          <textarea
            required
            value={reason}
            maxLength={MAX_WITHDRAWN_REASON}
            rows={3}
            data-testid="withdraw-reason"
            onChange={(event) => setReason(event.target.value)}
          />
        </label>
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button-danger"
            data-testid="withdraw-confirm"
            disabled={reason.trim() === ''}
          >
            Withdraw note
          </button>
        </div>
      </form>
    </Dialog>
  )
}
