import type { Sampler } from '../load/Sampler.ts'
import type { Target } from '../load/Target.ts'
import type { BenchSettings } from '../settings.ts'
import { runEditLoad } from './editLoad.ts'
import { runIdleRooms } from './idleRooms.ts'
import { runJoinStorm } from './joinStorm.ts'
import { runLargeUpdate } from './largeUpdate.ts'
import type { WorkloadId, WorkloadResult } from './WorkloadResult.ts'

/** Runs one workload against one server, inside the load-generator process. */
export async function runWorkload(
  workload: WorkloadId,
  target: Target,
  settings: BenchSettings,
  sampler: Sampler,
): Promise<WorkloadResult> {
  const timing = { warmupMs: settings.warmupMs, measureMs: settings.measureMs, drainMs: settings.drainMs }
  switch (workload) {
    case 'room-1x30':
      return runEditLoad(
        target,
        {
          workload,
          rooms: 1,
          clientsPerRoom: 30,
          writersPerRoom: 10,
          editsPerSecond: 5,
          lockedShare: 0,
          ...timing,
        },
        sampler,
      )
    case 'rooms-50x5':
      return runEditLoad(
        target,
        {
          workload,
          rooms: 50,
          clientsPerRoom: 5,
          writersPerRoom: 2,
          editsPerSecond: 1,
          lockedShare: 0,
          ...timing,
        },
        sampler,
      )
    case 'revert-heavy':
      return runEditLoad(
        target,
        {
          workload,
          rooms: 1,
          clientsPerRoom: 30,
          writersPerRoom: 10,
          editsPerSecond: 5,
          lockedShare: 0.1,
          ...timing,
        },
        sampler,
      )
    case 'idle-200x3':
      return runIdleRooms(
        target,
        {
          rooms: settings.idleRooms,
          notesPerRoom: settings.idleNotesPerRoom,
          idleMs: settings.idleMs,
          unloadWaitMs: settings.unloadGraceMs + 1500,
        },
        sampler,
      )
    case 'join-storm':
      return runJoinStorm(
        target,
        { notes: settings.stormNotes, clients: settings.stormClients, timeoutMs: 60_000 },
        sampler,
      )
    case 'update-5mb':
      return runLargeUpdate(target, { bytes: settings.largeUpdateBytes, timeoutMs: 60_000 }, sampler)
  }
}
