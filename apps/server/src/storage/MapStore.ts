import type { AuditStore } from './AuditStore.ts'
import type { ClientIdStore } from './ClientIdStore.ts'
import type { DocumentLog } from './DocumentLog.ts'
import type { ExportStore } from './ExportStore.ts'
import type { FamilyVisitStore } from './FamilyVisitStore.ts'
import type { LinkStore } from './LinkStore.ts'
import type { MapCatalog } from './MapCatalog.ts'
import type { MapErasure } from './MapErasure.ts'
import type { MapLifecycle } from './MapLifecycle.ts'
import type { ScalingStore } from './ScalingStore.ts'

/**
 * Durable storage of maps and everything kept about them: one store per kind of data, together. Every engine
 * (SQLite now, PostgreSQL for scale-out) runs the contract suite of each (`test/storage/contract/`). Methods are
 * async so a networked store fits; a method resolves only once its write is durable. Callers take only the kinds
 * they use; the whole store is what the server opens and closes (see README.md).
 */
export interface MapStore
  extends
    MapCatalog,
    DocumentLog,
    LinkStore,
    ClientIdStore,
    ScalingStore,
    ExportStore,
    MapLifecycle,
    FamilyVisitStore,
    MapErasure,
    AuditStore {
  /**
   * Whether writes' fences are checked in their transactions (Fence.ts): true only of a store several instances can
   * share (PostgreSQL). A SQLite file or memory is written by one process, which needs no fence; the cluster
   * refuses such a store (cluster/clusterPlugin.ts).
   */
  readonly fencesWrites: boolean
  close(): Promise<void>
}
