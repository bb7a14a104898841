import { useEffect } from 'react'

/** A short message at the bottom of the screen, e.g. an edit the map refused. */
export function Toast({ message, onDone }: { message: string; onDone(): void }) {
  useEffect(() => {
    const timer = setTimeout(onDone, 5_000)
    return () => clearTimeout(timer)
  }, [message, onDone])
  return (
    <div className="toast" role="alert">
      <span>{message}</span>
      <button type="button" className="button button-small" onClick={onDone}>
        Dismiss
      </button>
    </div>
  )
}
