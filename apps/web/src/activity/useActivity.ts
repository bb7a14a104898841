import { useCallback, useEffect, useRef, useState } from 'react'
import { activityErrorMessage, fetchActivity } from './activityApi.ts'
import type { ActivityEntry } from './activityFilter.ts'

/** How often an open Activity tab asks again: new entries arrive with every edit, but nobody reads that fast. */
export const ACTIVITY_POLL_MS = 15_000

export interface ActivityState {
  /** The trail as last loaded, oldest first; null until the first answer. Kept while a refresh is under way or fails. */
  entries: ActivityEntry[] | null
  /** When `entries` was loaded (this device's clock). */
  loadedAt: number | null
  loading: boolean
  /** Why the last attempt failed, or null if it did not. */
  error: string | null
  refresh(): void
}

/**
 * The chair's audit trail while the Activity tab is open: loaded on open, again every ACTIVITY_POLL_MS while the
 * page is visible, and on `refresh()`. Calm on a poor connection: one request at a time, the old list stays on
 * screen while the next is fetched, and a failure keeps it there with the reason beside it.
 */
export function useActivity(mapId: string, token: string): ActivityState {
  const [entries, setEntries] = useState<ActivityEntry[] | null>(null)
  const [loadedAt, setLoadedAt] = useState<number | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const inFlight = useRef(false)
  const mounted = useRef(true)

  const refresh = useCallback(() => {
    if (inFlight.current) return
    inFlight.current = true
    setLoading(true)
    fetchActivity(mapId, token)
      .then((list) => {
        if (!mounted.current) return
        // The same trail again keeps the same array, so nothing on screen re-renders.
        setEntries((before) => (before !== null && sameTrail(before, list) ? before : list))
        setLoadedAt(Date.now())
        setError(null)
      })
      .catch((failure: unknown) => {
        if (mounted.current) setError(activityErrorMessage(failure))
      })
      .finally(() => {
        inFlight.current = false
        if (mounted.current) setLoading(false)
      })
  }, [mapId, token])

  useEffect(() => {
    mounted.current = true
    refresh()
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') refresh()
    }, ACTIVITY_POLL_MS)
    return () => {
      mounted.current = false
      clearInterval(timer)
    }
  }, [refresh])

  return { entries, loadedAt, loading, error, refresh }
}

/** Entries are never changed once written, so the same length and last hash is the same trail. */
function sameTrail(a: readonly ActivityEntry[], b: readonly ActivityEntry[]): boolean {
  return a.length === b.length && a.at(-1)?.hash === b.at(-1)?.hash
}
