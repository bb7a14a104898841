// The fence of every write a room's authority makes (decision 0047, ../Fence.ts), checked in the write's own
// transaction: table `room_fences` keeps the largest token each room was written with. Each fenced transaction
// locks its rows in one order — the maps' rows first, then the fences', then whatever it writes — so the
// instances' transactions wait for each other and never deadlock. A fence row stays locked until COMMIT: a newer
// authority's write waits for an older one that got there first, and once the newer has committed, the older is
// refused.
import type pg from 'pg'
import type { Fence } from '../Fence.ts'
import { FencedOutError } from '../Fence.ts'

export interface RoomFence {
  room: string
  fence: Fence
}

/**
 * Raises each room's stored token to the one given, if that is at least the stored one (a room first written
 * under a fence stores it). Resolves with the rooms refused, each with its error; nothing is written for them.
 * A room named twice is checked with the smaller of its tokens.
 */
export async function checkFences(
  tx: pg.PoolClient,
  fences: readonly RoomFence[],
): Promise<Map<string, FencedOutError>> {
  const tokens = new Map<string, number>()
  for (const { room, fence } of fences) {
    if (!Number.isSafeInteger(fence.token) || fence.token < 1)
      throw new Error(`bad fencing token for ${room}`)
    tokens.set(room, Math.min(fence.token, tokens.get(room) ?? fence.token))
  }
  const refused = new Map<string, FencedOutError>()
  if (tokens.size === 0) return refused
  // In room order: two transactions fencing the same rooms lock them in the same order.
  const rooms = [...tokens.keys()].sort()
  const passed = await tx.query<{ room: string }>(
    `INSERT INTO room_fences (room, token) SELECT * FROM unnest($1::text[], $2::bigint[])
     ON CONFLICT (room) DO UPDATE SET token = EXCLUDED.token WHERE room_fences.token <= EXCLUDED.token
     RETURNING room`,
    [rooms, rooms.map((room) => tokens.get(room))],
  )
  if (passed.rowCount === rooms.length) return refused
  const through = new Set(passed.rows.map((row) => row.room))
  const others = rooms.filter((room) => !through.has(room))
  // ON CONFLICT locked these rows too, so what is read here is what refused them.
  const stored = await tx.query<{ room: string; token: number }>(
    'SELECT room, token FROM room_fences WHERE room = ANY($1::text[])',
    [others],
  )
  for (const row of stored.rows) {
    refused.set(row.room, new FencedOutError(row.room, tokens.get(row.room) ?? 0, row.token))
  }
  return refused
}

/** One room's fence, when there is one: rejects with FencedOutError if it is refused. */
export async function checkFence(tx: pg.PoolClient, room: string, fence: Fence | undefined): Promise<void> {
  if (fence === undefined) return
  const refused = (await checkFences(tx, [{ room, fence }])).get(room)
  if (refused !== undefined) throw refused
}
