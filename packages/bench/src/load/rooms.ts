import { randomBytes } from 'node:crypto'
import type { Role } from '@mapboard/protocol'
import { createMapboardRoom } from './MapboardAccess.ts'
import type { Seat } from './Seat.ts'
import { httpUrl } from './Target.ts'
import type { Target } from './Target.ts'

/** A room to fill: its name on the server (Mapboard: the map id) and who sits in it. */
export interface RoomPlan {
  name: string
  seats: Seat[]
}

/** Runs `fn` over `items` with at most `limit` calls in flight. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index] as T, index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

/**
 * Prepares `count` rooms with one seat per role. On Mapboard each is a new map whose seats joined as participants
 * over HTTP; the other servers create a room on first connection, so a fresh name is all they need.
 */
export async function planRooms(
  target: Target,
  count: number,
  roles: readonly Role[],
  label: string,
): Promise<RoomPlan[]> {
  const indexes = Array.from({ length: count }, (_, i) => i)
  if (target.family === 'mapboard') {
    return mapLimit(indexes, 8, async (i) => {
      const room = await createMapboardRoom(httpUrl(target), `${label} ${i}`, roles)
      return { name: room.mapId, seats: room.seats }
    })
  }
  const run = randomBytes(4).toString('hex')
  return indexes.map((i) => ({
    name: `${label.replace(/\W+/g, '-')}-${run}-${i}`,
    seats: roles.map((role, index) => ({
      role,
      name: `${role} ${index}`,
      agency: role === 'professional' || role === 'chair' ? `Agency ${index % 4}` : '',
      participantId: `${run}${String(i).padStart(4, '0')}${String(index).padStart(4, '0')}`,
    })),
  }))
}
