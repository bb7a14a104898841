import { useEffect, useId, useRef } from 'react'
import type { ReactNode } from 'react'

/** A modal dialog on the native <dialog> element: focus trap, Escape and backdrop for free. */
export function Dialog({
  title,
  onClose,
  children,
  testId,
  className,
}: {
  title: string
  onClose(): void
  children: ReactNode
  testId?: string
  /** Extra class on the <dialog>, e.g. a wider panel. */
  className?: string
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const headingId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])
  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={headingId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
      onClick={(event) => {
        if (event.target === ref.current) onClose()
      }}
    >
      <div className="dialog-body">
        <div className="dialog-head">
          <h2 id={headingId}>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M6 6l12 12M18 6L6 18" />
            </svg>
          </button>
        </div>
        {children}
      </div>
    </dialog>
  )
}
