import { useEffect } from 'react'

/** A short, calm message at the bottom of the screen, e.g. why the map did not keep an edit. */
export function Toast({ message, onDone }: { message: string; onDone(): void }) {
  useEffect(() => {
    const timer = setTimeout(onDone, 6_000)
    return () => clearTimeout(timer)
  }, [message, onDone])
  return (
    <div className="toast" role="status" aria-live="polite" data-testid="toast">
      <svg viewBox="0 0 24 24" aria-hidden="true" className="toast-icon">
        <circle cx="12" cy="12" r="9" />
        <path d="M12 11v5M12 8h.01" />
      </svg>
      <span className="toast-message">{message}</span>
      <button type="button" className="button button-small" onClick={onDone}>
        Dismiss
      </button>
    </div>
  )
}
