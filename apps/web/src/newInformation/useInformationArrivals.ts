import { useCallback, useEffect, useRef, useState } from 'react'
import type { InformationStatus, NoteSnapshot } from '@mapboard/map-model'
import type { MapSession } from '../board/MapSession.ts'
import { ArrivalTracker } from './ArrivalTracker.ts'

/** The latest late or new items to tell the chair about; `seq` changes with every arrival. */
export interface Arrivals {
  notes: NoteSnapshot[]
  seq: number
}

/** True once every document this session opens has caught up with the server (and stays true). */
function useDocumentsLoaded(session: MapSession): boolean {
  const providers = [session.provider, ...(session.professionals ? [session.professionals.provider] : [])]
  const allSynced = (): boolean => providers.every((provider) => provider.synced)
  const [loaded, setLoaded] = useState(allSynced)
  useEffect(() => {
    if (loaded) return
    const onSync = (): void => {
      if (providers.every((provider) => provider.synced)) setLoaded(true)
    }
    onSync()
    for (const provider of providers) provider.on('sync', onSync)
    return () => {
      for (const provider of providers) provider.off('sync', onSync)
    }
    // The providers are the session's: they last as long as it does.
  }, [session, loaded])
  return loaded
}

/**
 * The chair's notice as each late or new item arrives (ArrivalTracker: not for what was there at load). Several
 * arriving before the notice is dismissed are told together.
 */
export function useInformationArrivals(
  session: MapSession,
  notes: readonly NoteSnapshot[],
  statusOf: (note: NoteSnapshot) => InformationStatus,
  enabled: boolean,
): [Arrivals | null, () => void] {
  const loaded = useDocumentsLoaded(session)
  const tracker = useRef<ArrivalTracker | null>(null)
  tracker.current ??= new ArrivalTracker(session.participant.id)
  const [arrivals, setArrivals] = useState<Arrivals | null>(null)
  useEffect(() => {
    const arrived = tracker.current?.observe(notes, loaded, statusOf) ?? []
    if (!enabled || arrived.length === 0) return
    setArrivals((previous) => ({
      notes: [...(previous?.notes ?? []), ...arrived],
      seq: (previous?.seq ?? 0) + 1,
    }))
  }, [notes, loaded, statusOf, enabled])
  const dismiss = useCallback(() => setArrivals(null), [])
  return [arrivals, dismiss]
}
