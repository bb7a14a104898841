// Group commit: the appends every room makes in one event-loop turn go to the store in one transaction, so one
// commit (and its fsync) serves them all instead of one per room.
import type { AuditAppend } from './AuditStore.ts'
import type { DocumentLog, MapAppend } from './DocumentLog.ts'

interface QueuedAppend extends MapAppend {
  resolve: (lastSeq: number) => void
  reject: (error: unknown) => void
}

export class AppendBatcher {
  readonly #log: DocumentLog
  #queue: QueuedAppend[] = []
  #scheduled = false

  constructor(log: DocumentLog) {
    this.#log = log
  }

  /**
   * Appends `updates` to map `mapId` with whatever else is queued this turn; resolves, as `appendUpdates` does,
   * with the sequence number of the last one once the shared transaction has committed. `audit`: entries about
   * them, written in the same transaction.
   */
  append(mapId: string, updates: readonly Uint8Array[], audit?: AuditAppend): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ mapId, updates, ...(audit === undefined ? {} : { audit }), resolve, reject })
      if (this.#scheduled) return
      this.#scheduled = true
      // After the rooms that flush in this turn have queued theirs.
      setImmediate(() => void this.#flush())
    })
  }

  async #flush(): Promise<void> {
    this.#scheduled = false
    const queue = this.#queue
    this.#queue = []
    if (queue.length === 0) return
    try {
      const results = await this.#log.appendToMaps(queue)
      queue.forEach((entry, index) => {
        const result = results[index]
        if (result === undefined) entry.reject(new Error(`no append result for map ${entry.mapId}`))
        else if (result.ok) entry.resolve(result.lastSeq)
        else entry.reject(result.error)
      })
    } catch (error) {
      for (const entry of queue) entry.reject(error)
    }
  }
}
