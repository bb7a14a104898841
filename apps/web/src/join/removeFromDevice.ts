import { forgetDeviceCopy } from '../board/DeviceCopy.ts'
import { forgetDismissed } from '../chair/restorations.ts'
import { forgetEnded } from './endedHere.ts'
import { clearInviteOnArrival } from './inviteOnArrival.ts'
import { forgetRememberedJoin } from './joinedSession.ts'
import { forgetJoinToken } from './joinToken.ts'

/**
 * Removes everything this device keeps for one map (decision 0025): the remembered join, this tab's link token,
 * the document and its unsaved-change records in IndexedDB, and the map's small preferences. The app shell in the
 * service worker's cache holds nothing of any map, so it stays. Close the map's session first, so its database
 * is not held open (other tabs let go of it when asked).
 */
export async function removeMapFromDevice(mapId: string): Promise<void> {
  forgetRememberedJoin(mapId)
  forgetJoinToken(mapId)
  clearInviteOnArrival(mapId)
  forgetDismissed(mapId)
  forgetEnded(mapId)
  await forgetDeviceCopy(mapId)
}
