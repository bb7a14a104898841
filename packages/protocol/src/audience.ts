import type { Role } from './Role.ts'

/**
 * A map's two documents (architecture.md, "Audiences"): `shared`, which every participant's device receives, and
 * `professionals`, which only the chair's and professionals' devices ever receive. The same strings as map-model's
 * `Audience` (kept apart: protocol imports nothing of ours).
 */
export type DocumentAudience = 'shared' | 'professionals'

/** The professionals' document of map `<id>` syncs as room `<id>/professionals` (contract). */
export const PROFESSIONALS_ROOM_SUFFIX = '/professionals'

/** The y-websocket room name of a map's document: its id for the shared one, `<id>/professionals` otherwise. */
export function roomNameOf(mapId: string, audience: DocumentAudience): string {
  return audience === 'shared' ? mapId : mapId + PROFESSIONALS_ROOM_SUFFIX
}

/** Whether a role's devices may ever receive the document of this audience. */
export function mayOpenAudience(role: Role, audience: DocumentAudience): boolean {
  return audience === 'shared' || role === 'chair' || role === 'professional'
}

/** The map and document a room name stands for (map ids never hold a `/`, so the name says which it is). */
export function parseRoomName(name: string): { mapId: string; audience: DocumentAudience } {
  return name.endsWith(PROFESSIONALS_ROOM_SUFFIX)
    ? { mapId: name.slice(0, -PROFESSIONALS_ROOM_SUFFIX.length), audience: 'professionals' }
    : { mapId: name, audience: 'shared' }
}
