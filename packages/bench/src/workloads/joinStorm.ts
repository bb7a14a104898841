// Everyone arrives at once: 30 clients join a map of 2,000 notes in the same instant.
import * as Y from 'yjs'
import { ZONE_IDS } from '@mapboard/map-model'
import type { ZoneId } from '@mapboard/map-model'
import type { Role } from '@mapboard/protocol'
import { connectBenchClient } from '../load/BenchClient.ts'
import type { BenchClient, ConnectOptions } from '../load/BenchClient.ts'
import { until } from '../load/connectAll.ts'
import { writeNote } from '../load/noteWriting.ts'
import { planRooms } from '../load/rooms.ts'
import type { Sampler } from '../load/Sampler.ts'
import { serverWindow } from '../load/Sampler.ts'
import type { Seat } from '../load/Seat.ts'
import type { Target } from '../load/Target.ts'
import { median, summarize } from '../stats/percentiles.ts'
import type { JoinStormResult } from './WorkloadResult.ts'

export interface JoinStormSpec {
  notes: number
  clients: number
  timeoutMs: number
}

/** Notes per seeding transaction: the map is built the way a long conference builds it, not in one update. */
const SEED_BATCH = 100
const STORM_ROLES: Role[] = ['professional', 'family', 'viewer']

function connect(
  target: Target,
  room: string,
  seat: Seat,
  timeoutMs: number,
  onFrame?: ConnectOptions['onFrame'],
): BenchClient {
  const options: ConnectOptions = { timeoutMs }
  if (seat.token !== undefined) options.token = seat.token
  if (onFrame !== undefined) options.onFrame = onFrame
  return connectBenchClient(target, room, options)
}

export async function runJoinStorm(
  target: Target,
  spec: JoinStormSpec,
  sampler: Sampler,
): Promise<JoinStormResult> {
  // Seat 0 seeds the map and stays (so no server unloads it), seat 1 checks the server has it all, the rest storm.
  const roles: Role[] = [
    'chair',
    'viewer',
    ...Array.from({ length: spec.clients }, (_, i) => STORM_ROLES[i % STORM_ROLES.length] as Role),
  ]
  const [room] = await planRooms(target, 1, roles, 'join storm')
  if (room === undefined) throw new Error('no room')
  const [seederSeat, checkerSeat, ...stormSeats] = room.seats
  if (seederSeat === undefined || checkerSeat === undefined) throw new Error('no seats')

  const seeder = connect(target, room.name, seederSeat, spec.timeoutMs)
  await seeder.synced
  const doc = seeder.doc
  for (let done = 0; done < spec.notes; done += SEED_BATCH) {
    doc.transact(() => {
      for (let i = done; i < Math.min(spec.notes, done + SEED_BATCH); i++) {
        writeNote(
          doc,
          seederSeat,
          ZONE_IDS[i % ZONE_IDS.length] as ZoneId,
          `Note ${i}: what the family said about the last month, and who said it.`,
        )
      }
    })
  }
  const checker = connect(target, room.name, checkerSeat, spec.timeoutMs)
  await checker.synced
  const complete = (client: BenchClient) => client.doc.getMap('notes').size >= spec.notes
  if (!(await until(() => complete(checker), spec.timeoutMs)))
    throw new Error('join storm: the server did not get every note')
  checker.destroy()

  const state = Y.encodeStateAsUpdate(doc)
  const applyTimes = [0, 1, 2].map(() => {
    const fresh = new Y.Doc()
    const began = performance.now()
    Y.applyUpdate(fresh, state)
    const took = performance.now() - began
    fresh.destroy()
    return took
  })

  const start = await sampler.sample({ gc: false, resetEventLoop: true, window: 'start' })
  const began = performance.now()
  // When each client's copy of the map arrived (the first frame at least half the map's size): what the server
  // did, apart from applying it in the clients, which here take turns on one CPU.
  const received = stormSeats.map(() => Number.NaN)
  const storm = stormSeats.map((seat, i) =>
    connect(target, room.name, seat, spec.timeoutMs, (bytes, at) => {
      if (Number.isNaN(received[i]) && bytes >= state.length / 2) received[i] = at - began
    }),
  )
  const times = await Promise.all(
    storm.map(async (client) => {
      try {
        await client.synced
        return (await until(() => complete(client), spec.timeoutMs, 5))
          ? performance.now() - began
          : Number.NaN
      } catch {
        return Number.NaN
      }
    }),
  )
  const end = await sampler.sample({ gc: false, resetEventLoop: true, window: 'end' })

  for (const client of storm) client.destroy()
  seeder.destroy()
  const ok = times.filter((t) => Number.isFinite(t))
  const arrived = received.filter((t) => Number.isFinite(t))
  return {
    workload: 'join-storm',
    notes: spec.notes,
    clients: spec.clients,
    stateBytes: state.length,
    clientApplyMs: median(applyTimes),
    received: summarize(arrived),
    synced: summarize(ok),
    failed: times.length - ok.length,
    server: serverWindow(start, end),
  }
}
