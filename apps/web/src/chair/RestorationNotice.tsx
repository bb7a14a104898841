import { useEffect, useState } from 'react'
import type { MapRestoration } from '@mapboard/protocol'
import { isDismissed, listRestorations, rememberDismissed, restorationMessage } from './restorations.ts'

/**
 * Tells the chair, once the board has synced, that the server restored the map without stored changes it could
 * not read — the latest restoration, until the chair dismisses it. Rendered for the chair only; the server answers
 * nobody else.
 */
export function RestorationNotice({
  mapId,
  token,
  synced,
}: {
  mapId: string
  token: string
  synced: boolean
}) {
  const [restoration, setRestoration] = useState<MapRestoration | null>(null)
  // Asked once, the first time the board is in sync (the map has loaded, so a restoration is already made).
  const [everSynced, setEverSynced] = useState(false)
  if (synced && !everSynced) setEverSynced(true)

  useEffect(() => {
    if (!everSynced) return
    let cancelled = false
    listRestorations(mapId, token)
      .then((all) => {
        const latest = all.at(-1)
        if (!cancelled && latest !== undefined && !isDismissed(mapId, latest)) setRestoration(latest)
      })
      .catch(() => {
        // Not shown this time; the map itself is fine to use.
      })
    return () => {
      cancelled = true
    }
  }, [mapId, token, everSynced])

  if (restoration === null) return null
  return (
    <section
      className="restoration-notice"
      role="alert"
      aria-labelledby="restoration-title"
      data-testid="restoration-notice"
    >
      <h2 id="restoration-title" className="restoration-title">
        This map was restored
      </h2>
      <p className="restoration-message">{restorationMessage(restoration)}</p>
      <button
        type="button"
        className="button button-small"
        onClick={() => {
          rememberDismissed(mapId, restoration)
          setRestoration(null)
        }}
      >
        Dismiss
      </button>
    </section>
  )
}
