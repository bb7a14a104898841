import type { ServerId } from '../servers/serverKinds.ts'
import type { WorkloadId, WorkloadResult } from '../workloads/WorkloadResult.ts'

/** One workload against one server in one run: its result, or why there is none. */
export interface CaseRecord {
  run: number
  serverId: ServerId
  workload: WorkloadId
  result?: WorkloadResult
  error?: string
  /** 1-minute load average of the machine when the workload started. */
  loadAverage?: number
}
