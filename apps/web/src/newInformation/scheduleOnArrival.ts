// The schedule the chair gave on the landing page, kept in this tab until the board can write it: POST /api/maps
// takes only a title (a contract), so the schedule is the chair's first edit of the document once joined.
import { validateSchedule } from '@mapboard/map-model'
import type { ConferenceSchedule } from '@mapboard/map-model'

const arrivalKey = (mapId: string): string => `mapboard:schedule-on-arrival:${mapId}`

export function keepScheduleForArrival(mapId: string, schedule: ConferenceSchedule): void {
  try {
    window.sessionStorage.setItem(arrivalKey(mapId), JSON.stringify(schedule))
  } catch {
    // The chair can still set it in the meeting panel.
  }
}

/** The kept schedule for `mapId`, or null if there is none or it does not read as one. */
export function scheduleOnArrival(mapId: string): ConferenceSchedule | null {
  try {
    const raw = window.sessionStorage.getItem(arrivalKey(mapId))
    return raw === null ? null : validateSchedule(JSON.parse(raw))
  } catch {
    return null
  }
}

export function clearScheduleOnArrival(mapId: string): void {
  try {
    window.sessionStorage.removeItem(arrivalKey(mapId))
  } catch {
    // nothing to clear
  }
}
