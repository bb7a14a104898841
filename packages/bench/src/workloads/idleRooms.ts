// Many small rooms whose clients sit idle: what a loaded map costs the server, and whether it is given back once
// everyone has left.
import { ZONE_IDS } from '@mapboard/map-model'
import type { ZoneId } from '@mapboard/map-model'
import type { MemorySample } from '../ipc.ts'
import type { Role } from '@mapboard/protocol'
import { connectAll, destroyAll, sleep, until } from '../load/connectAll.ts'
import type { SeatedClient } from '../load/connectAll.ts'
import { writeNote } from '../load/noteWriting.ts'
import { planRooms } from '../load/rooms.ts'
import type { Sampler } from '../load/Sampler.ts'
import { serverWindow } from '../load/Sampler.ts'
import type { Target } from '../load/Target.ts'
import type { IdleRoomsResult } from './WorkloadResult.ts'

export interface IdleRoomsSpec {
  rooms: number
  notesPerRoom: number
  idleMs: number
  /** How long to wait after the last client left before measuring again (longer than Mapboard's unload grace). */
  unloadWaitMs: number
}

const heap = (memory: MemorySample) => memory.heapUsed + memory.external

const ROLES: Role[] = ['chair', 'professional', 'family']

/** The chair of each room writes its notes, one command (one update) each; resolves once every client has them. */
async function fill(clients: SeatedClient[][], notesPerRoom: number): Promise<void> {
  for (const room of clients) {
    const writer = room[0]
    if (writer === undefined) continue
    for (let i = 0; i < notesPerRoom; i++) {
      const zone = ZONE_IDS[i % ZONE_IDS.length] as ZoneId
      writeNote(
        writer.client.doc,
        writer.seat,
        zone,
        `Idle note ${i}: the family visited the school and spoke to the teacher.`,
      )
    }
  }
  const filled = await until(
    () =>
      clients.every((room) => room.every(({ client }) => client.doc.getMap('notes').size === notesPerRoom)),
    60_000,
    50,
  )
  if (!filled) throw new Error('idle rooms: notes did not reach every client')
}

export async function runIdleRooms(
  target: Target,
  spec: IdleRoomsSpec,
  sampler: Sampler,
): Promise<IdleRoomsResult> {
  // One room is filled and kept for the whole workload before the baseline, so that code compiled and buffers
  // allocated on first use count in the baseline, not as the first maps' memory.
  const warm = await connectAll(target, await planRooms(target, 1, ROLES, 'warm-up'), 3)
  await fill(warm.clients, spec.notesPerRoom)
  const rooms = await planRooms(target, spec.rooms, ROLES, 'idle')
  const baseline = await sampler.sample({ gc: true, resetEventLoop: true, snapshot: 'baseline' })

  const began = performance.now()
  const { clients } = await connectAll(target, rooms, 50)
  await fill(clients, spec.notesPerRoom)
  const fillMs = performance.now() - began

  const idleStart = await sampler.sample({ gc: false, resetEventLoop: true })
  await sleep(spec.idleMs)
  const idleEnd = await sampler.sample({ gc: false, resetEventLoop: true })
  const loaded = await sampler.sample({ gc: true, resetEventLoop: false, snapshot: 'loaded' })

  destroyAll(clients)
  await sleep(spec.unloadWaitMs)
  const unloaded = await sampler.sample({ gc: true, resetEventLoop: true })
  destroyAll(warm.clients)

  const perMap = (sample: MemorySample) => ({
    heap: (heap(sample) - heap(baseline.memory)) / spec.rooms,
    rss: (sample.rss - baseline.memory.rss) / spec.rooms,
  })
  return {
    workload: 'idle-200x3',
    rooms: spec.rooms,
    clients: spec.rooms * 3,
    notesPerRoom: spec.notesPerRoom,
    fillMs,
    baseline: baseline.memory,
    loaded: loaded.memory,
    unloaded: unloaded.memory,
    perMap: perMap(loaded.memory),
    perMapAfterUnload: perMap(unloaded.memory),
    idle: { ...serverWindow(idleStart, idleEnd), seconds: spec.idleMs / 1000 },
  }
}
