import { useSyncExternalStore } from 'react'
import type { Participant, Presence } from './Presence.ts'

export function usePresence(presence: Presence): Participant[] {
  return useSyncExternalStore(presence.subscribe, presence.getParticipants)
}
