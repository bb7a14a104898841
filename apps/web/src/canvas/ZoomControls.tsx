import type { RefObject } from 'react'

interface ZoomControlsProps {
  zoomLabelRef: RefObject<HTMLSpanElement | null>
  onZoomIn(): void
  onZoomOut(): void
  onFit(): void
}

/** Zoom buttons over the canvas. The percentage is written by the canvas directly, not through React. */
export function ZoomControls({ zoomLabelRef, onZoomIn, onZoomOut, onFit }: ZoomControlsProps) {
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
    </div>
  )
}
