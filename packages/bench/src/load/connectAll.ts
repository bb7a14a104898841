import { summarize } from '../stats/percentiles.ts'
import type { LatencySummary } from '../stats/percentiles.ts'
import { connectBenchClient } from './BenchClient.ts'
import type { BenchClient } from './BenchClient.ts'
import type { RoomPlan } from './rooms.ts'
import type { Seat } from './Seat.ts'
import type { Target } from './Target.ts'

export interface SeatedClient {
  room: RoomPlan
  seat: Seat
  client: BenchClient
}

/**
 * Connects every seat of every room, `batch` clients at a time (so filling the rooms is not itself a join storm),
 * and waits for each to sync. Returns the clients room by room and the time each took to sync.
 */
export async function connectAll(
  target: Target,
  rooms: readonly RoomPlan[],
  batch: number,
  timeoutMs = 30_000,
): Promise<{ clients: SeatedClient[][]; sync: LatencySummary }> {
  const clients: SeatedClient[][] = rooms.map(() => [])
  const seats = rooms.flatMap((room, r) => room.seats.map((seat, index) => ({ room, seat, r, index })))
  const times: number[] = []
  for (let start = 0; start < seats.length; start += batch) {
    const group = seats.slice(start, start + batch).map(({ room, seat, r, index }) => {
      const began = performance.now()
      // Seat by seat over the target's processes (a cluster: each room on every instance).
      const client = connectBenchClient(
        target,
        room.name,
        seat.token === undefined ? { timeoutMs, seat: index } : { token: seat.token, timeoutMs, seat: index },
      )
      clients[r]?.push({ room, seat, client })
      return client.synced.then((at) => times.push(at - began))
    })
    await Promise.all(group)
  }
  return { clients, sync: summarize(times) }
}

export function destroyAll(clients: readonly SeatedClient[][]): void {
  for (const room of clients) for (const { client } of room) client.destroy()
}

/** Polls until `predicate` holds; false if `timeoutMs` ran out first. */
export async function until(predicate: () => boolean, timeoutMs: number, intervalMs = 20): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  while (!predicate()) {
    if (performance.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
  return true
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
