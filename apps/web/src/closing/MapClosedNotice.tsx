import type { MapClosure } from '@mapboard/map-model'
import { formatMoment } from '../ui/dates.ts'

/** The banner over a closed map (decision 0042): nothing on it changes until the chair reopens it. */
export function MapClosedNotice({ closure, isChair }: { closure: MapClosure; isChair: boolean }) {
  return (
    <section className="map-closed-banner" aria-label="Map closed" data-testid="map-closed-notice">
      <p role="status">
        <strong>This map is closed.</strong> {closure.closedBy} closed it at {formatMoment(closure.closedAt)}.
        Nothing on it can be changed now
        {isChair ? ': you can reopen it from the record.' : ' unless the chair reopens it.'}
      </p>
    </section>
  )
}
