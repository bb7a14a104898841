import type { ServerKind } from '../servers/serverKinds.ts'
import type { BenchSettings } from '../settings.ts'
import type { WorkloadId } from '../workloads/WorkloadResult.ts'

/** Workloads in the order one server process runs them: the memory one first, on a fresh process. */
export const WORKLOAD_ORDER: readonly WorkloadId[] = [
  'idle-200x3',
  'join-storm',
  'room-1x30',
  'rooms-50x5',
  'revert-heavy',
  'update-5mb',
]

/** Whether `workload` means anything for `kind` (revert-heavy needs section locks and roles: Mapboard with checks). */
export function applies(kind: ServerKind, workload: WorkloadId): boolean {
  // The PostgreSQL servers (one process and a cluster of two) are compared on the many-rooms load only.
  if (kind.services.length > 0) return workload === 'rooms-50x5'
  if (workload === 'revert-heavy') return kind.family === 'mapboard' && kind.checks
  if (kind.attribution) return workload === 'room-1x30' || workload === 'rooms-50x5'
  return true
}

/** Upper bound on one workload's run, load generator included. */
export function workloadTimeoutMs(workload: WorkloadId, settings: BenchSettings): number {
  switch (workload) {
    case 'room-1x30':
    case 'rooms-50x5':
    case 'revert-heavy':
      return settings.warmupMs + settings.measureMs + settings.drainMs + 90_000
    case 'idle-200x3':
      return settings.idleMs + settings.unloadGraceMs + 150_000
    case 'join-storm':
    case 'update-5mb':
      return 150_000
  }
}
