import { ComposedMapStore } from '../ComposedMapStore.ts'
import type { MapStore } from '../MapStore.ts'
import { STORE_METHODS } from './storeCalls.ts'
import type { StoreMethod } from './storeCalls.ts'
import { WriterThread } from './WriterThread.ts'

/** Every method of a whole store, each sent to the thread; it answers with what SqliteMapStore returned. */
function forwarded(thread: WriterThread): Omit<MapStore, 'close' | 'fencesWrites'> {
  const remote: Partial<Record<StoreMethod, (...args: unknown[]) => Promise<unknown>>> = {}
  for (const method of STORE_METHODS) remote[method] = (...args) => thread.call(method, args)
  // Typed by the list: storeCalls.ts fails to compile when a MapStore method is missing from it.
  return remote as unknown as Omit<MapStore, 'close' | 'fencesWrites'>
}

/**
 * The SQLite store with its connection on a thread of its own (decision 0050): the synchronous SqliteMapStore runs
 * in sqliteWriter.ts, and this main-thread MapStore sends it each call, so the event loop goes on while a commit
 * waits for the disk. A call resolves only once the thread's transaction has committed, so a room still
 * broadcasts only what is stored. Calls run in the order they are made; appends that arrive while a commit is in
 * flight share the next one. Errors come back as the class the store threw (storeCalls.ts).
 */
export class ThreadedSqliteMapStore extends ComposedMapStore {
  /** As SqliteMapStore: one process writes the file, so a write's fence is not looked at (it crosses, unused). */
  readonly fencesWrites = false
  readonly #thread: WriterThread

  private constructor(
    readonly path: string,
    thread: WriterThread,
  ) {
    const parts = forwarded(thread)
    super({
      maps: parts,
      documents: parts,
      links: parts,
      clientIds: parts,
      scaling: parts,
      exports: parts,
      lifecycle: parts,
      familyVisits: parts,
      audit: parts,
      erasure: parts,
    })
    this.#thread = thread
  }

  /** Opens (creating if need be) the database at `path` on a new thread; rejects as SqliteMapStore would throw. */
  static async open(path: string): Promise<ThreadedSqliteMapStore> {
    return new ThreadedSqliteMapStore(path, await WriterThread.start(path))
  }

  close(): Promise<void> {
    return this.#thread.close()
  }
}
