import type { RefObject } from 'react'

interface ZoomControlsProps {
  zoomLabelRef: RefObject<HTMLSpanElement | null>
  onZoomIn(): void
  onZoomOut(): void
  onFit(): void
  /** Saves what this person sees now as a picture; busy while it is being made. */
  onSaveView(): void
  savingView: boolean
}

/**
 * Zoom buttons over the canvas, and "My view" (a picture of this screen, labelled as not the record). The
 * percentage is written by the canvas directly, not through React.
 */
export function ZoomControls({
  zoomLabelRef,
  onZoomIn,
  onZoomOut,
  onFit,
  onSaveView,
  savingView,
}: ZoomControlsProps) {
  return (
    <div className="zoom-controls" role="toolbar" aria-label="Zoom">
      <button type="button" className="icon-button" aria-label="Zoom out" onClick={onZoomOut}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M5 12h14" />
        </svg>
      </button>
      <span ref={zoomLabelRef} className="zoom-level" aria-hidden="true">
        100%
      </span>
      <button type="button" className="icon-button" aria-label="Zoom in" onClick={onZoomIn}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M5 12h14M12 5v14" />
        </svg>
      </button>
      <button type="button" className="icon-button" aria-label="Fit map to screen" onClick={onFit}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />
        </svg>
      </button>
      <button
        type="button"
        className="icon-button save-view-button"
        aria-label="Save my view (PNG) — my view, not the record"
        title="Save my view (PNG) — my view, not the record"
        disabled={savingView}
        onClick={onSaveView}
        data-testid="save-my-view"
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M4 8h3l2-3h6l2 3h3v11H4z" />
          <circle cx="12" cy="13" r="3.5" />
        </svg>
        <span className="save-view-text">My view</span>
      </button>
    </div>
  )
}
