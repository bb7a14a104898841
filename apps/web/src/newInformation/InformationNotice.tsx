import { useEffect } from 'react'
import { zoneLabel } from '@mapboard/map-model'
import type { InformationStatus } from '@mapboard/map-model'
import type { Arrivals } from './useInformationArrivals.ts'

/** How long the notice stays unless dismissed or acted on: long enough to read during a meeting. */
const SHOWN_MS = 15_000

/**
 * The chair's notice that a late or new item has just arrived, in a polite live region that is always on the page
 * (a region that appears with its text is not reliably announced).
 */
export function InformationNotice({
  arrivals,
  statusOf,
  onShowList,
  onDismiss,
}: {
  arrivals: Arrivals | null
  statusOf(noteId: string): InformationStatus
  onShowList(): void
  onDismiss(): void
}) {
  useEffect(() => {
    if (arrivals === null) return
    const timer = setTimeout(onDismiss, SHOWN_MS)
    return () => clearTimeout(timer)
  }, [arrivals, onDismiss])
  return (
    <section aria-label="New information">
      <div className="information-notice-region" role="status" aria-live="polite" aria-atomic="true">
        {arrivals !== null && arrivals.notes.length > 0 && (
          <div className="information-notice" data-testid="information-notice">
            <span className="information-notice-message">{noticeText(arrivals, statusOf)}</span>
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                onShowList()
                onDismiss()
              }}
              data-testid="information-notice-show"
            >
              Go through them
            </button>
            <button type="button" className="button button-small" onClick={onDismiss}>
              Dismiss
            </button>
          </div>
        )}
      </div>
    </section>
  )
}

function noticeText(arrivals: Arrivals, statusOf: (noteId: string) => InformationStatus): string {
  const { notes } = arrivals
  const last = notes[notes.length - 1]
  if (notes.length > 1 || last === undefined)
    return `${notes.length} items have just been added late or during the conference.`
  const who =
    last.author !== '' ? `${last.author}${last.agency !== '' ? ` (${last.agency})` : ''}` : 'Someone'
  const when = statusOf(last.id) === 'new' ? 'after the conference started' : 'after reports were due'
  return `New information: ${who} added an item to ${zoneLabel(last.zone)} ${when}.`
}
