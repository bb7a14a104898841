import type { MapRestoration } from '@mapboard/protocol'
import { ApiError, apiRequest } from '../api/apiRequest.ts'
import { formatMoment } from '../ui/dates.ts'

// `GET /api/maps/<id>/restorations` (chair only): the times the server restored the map without stored changes
// it could not read (docs/decisions/0021-quarantine-on-load.md).

/** The map's restorations, oldest first. */
export async function listRestorations(mapId: string, token: string): Promise<MapRestoration[]> {
  const body = await apiRequest(`/api/maps/${encodeURIComponent(mapId)}/restorations`, { token })
  if (!Array.isArray(body)) throw new ApiError('The server gave an unexpected answer.', 200, '')
  return body.filter(isRestoration)
}

function isRestoration(value: unknown): value is MapRestoration {
  if (typeof value !== 'object' || value === null) return false
  const { restoredAt, version, setAside, versions } = value as Record<string, unknown>
  return (
    typeof restoredAt === 'number' &&
    typeof version === 'number' &&
    typeof setAside === 'number' &&
    Array.isArray(versions)
  )
}

/** What the chair reads, in one sentence or two. */
export function restorationMessage(restoration: MapRestoration): string {
  const changes = restoration.setAside === 1 ? '1 change' : `${restoration.setAside} changes`
  const were = restoration.setAside === 1 ? 'was' : 'were'
  return (
    `This map was restored at ${formatMoment(restoration.restoredAt)} to version ${restoration.version}. ` +
    `${changes} that could not be read ${were} set aside and kept for investigation; ` +
    'please check that the map still says what the meeting agreed.'
  )
}

const dismissedKey = (mapId: string): string => `mapboard:restoration-dismissed:${mapId}`

/** Whether the chair has dismissed this restoration in this browser. */
export function isDismissed(mapId: string, restoration: MapRestoration): boolean {
  try {
    return window.localStorage.getItem(dismissedKey(mapId)) === String(restoration.restoredAt)
  } catch {
    return false
  }
}

/** Forgets the dismissal (the map is removed from this device). */
export function forgetDismissed(mapId: string): void {
  try {
    window.localStorage.removeItem(dismissedKey(mapId))
  } catch {
    // nothing kept
  }
}

export function rememberDismissed(mapId: string, restoration: MapRestoration): void {
  try {
    window.localStorage.setItem(dismissedKey(mapId), String(restoration.restoredAt))
  } catch {
    // not kept: the notice shows again next time
  }
}
