import type * as Y from 'yjs'
import { IndexeddbPersistence } from 'y-indexeddb'
import { encodeUnsavedRecord, parseUnsavedRecord } from './unsavedRecord.ts'
import type { UnsavedRecord } from './unsavedRecord.ts'
import type { UnsavedChanges } from './UnsavedChanges.ts'

/**
 * The IndexedDB database that keeps one document on this device (decision 0025): a map's shared document under
 * its id, its professionals' document under its room name `<mapId>/professionals` (map ids hold no `/`).
 */
export function deviceDatabaseName(documentName: string): string {
  return `mapboard:${documentName}`
}

/** y-indexeddb's store for values of our own, beside the document's updates. */
const CUSTOM_STORE = 'custom'
const UPDATES_STORE = 'updates'
const UNSAVED_PREFIX = 'unsaved:'

export type DeviceCopyState =
  /** Opening the database and reading the document from it. */
  | 'loading'
  /** Every change so far is written to the device, or on its way there. */
  | 'keeping'
  /** This device cannot keep the map (no IndexedDB, storage refused or full, the database removed). */
  | 'not-kept'

/**
 * The map's Yjs document kept on this device with y-indexeddb, in a database of its own per map, so the board
 * opens with the last known map before the socket syncs, and changes made offline survive a reload or a closed
 * tab until the server has them. Beside the document it keeps `UnsavedChanges`' records (see `unsavedRecord`).
 *
 * y-indexeddb writes each update without saying whether it got there, so this watches for itself: a failed or
 * aborted write bubbles up to the database as an event, and a read queued behind the writes tells when every
 * write so far has been committed (IndexedDB runs transactions on the same store in the order they were made).
 */
export class DeviceCopy {
  /** Resolves once the document is loaded from the device (true), or when it cannot be (false). */
  readonly loaded: Promise<boolean>
  private persistence: IndexeddbPersistence | null = null
  private state: DeviceCopyState = 'loading'
  private writesInFlight = 0
  /** Record keys in the database as far as this tab knows: what it wrote, and what it found there. */
  private readonly recordKeys = new Set<IDBValidKey>()
  private stopKeepingUnsaved: () => void = () => {}
  private destroyed = false

  constructor(
    /** The map id, or the professionals' room name: what the database is named after. */
    private readonly mapId: string,
    private readonly doc: Y.Doc,
  ) {
    this.loaded = this.open()
  }

  getState(): DeviceCopyState {
    return this.state
  }

  /** Whether everything changed so far is committed on the device (nothing would be lost by closing now). */
  get holdsEverything(): boolean {
    return this.state === 'keeping' && this.writesInFlight === 0
  }

  /** The unsaved-change records a closed tab left, each checked as it is read. */
  async readUnsavedRecords(): Promise<UnsavedRecord[]> {
    const db = this.persistence?.db
    if (db === null || db === undefined || this.state !== 'keeping') return []
    const store = db.transaction(CUSTOM_STORE, 'readonly').objectStore(CUSTOM_STORE)
    const range = IDBKeyRange.bound(UNSAVED_PREFIX, UNSAVED_PREFIX + '\uffff')
    const [keys, values] = await Promise.all([request(store.getAllKeys(range)), request(store.getAll(range))])
    const records: UnsavedRecord[] = []
    keys.forEach((key, index) => {
      // Taken over or, if unreadable, dropped: either way the next write replaces it.
      this.recordKeys.add(key)
      const record = parseUnsavedRecord(values[index])
      // A record filed under another client id than it names is not ours to trust.
      if (record !== null && key === UNSAVED_PREFIX + record.client) records.push(record)
    })
    return records
  }

  /**
   * Once the document is loaded from here: takes over what a closed tab left unsaved of this document into
   * `unsaved`, and from then on keeps `unsaved`'s records here as they change, until this copy is destroyed.
   */
  async keepUnsaved(unsaved: UnsavedChanges): Promise<void> {
    const records = await this.readUnsavedRecords().catch(() => [])
    if (this.destroyed) return
    unsaved.restore(records)
    this.writeUnsavedRecords(unsaved.records())
    this.stopKeepingUnsaved = unsaved.subscribeRecords(() => this.writeUnsavedRecords(unsaved.records()))
  }

  /** Writes the records now pending and removes those of client ids with nothing left unsaved. */
  writeUnsavedRecords(records: readonly UnsavedRecord[]): void {
    const db = this.persistence?.db
    if (db === null || db === undefined || this.state !== 'keeping') return
    let store: IDBObjectStore
    try {
      store = db.transaction(CUSTOM_STORE, 'readwrite').objectStore(CUSTOM_STORE)
    } catch {
      this.fail() // the database is closing: this device no longer keeps the map
      return
    }
    const now = new Set<IDBValidKey>(records.map((record) => UNSAVED_PREFIX + record.client))
    for (const record of records) store.put(encodeUnsavedRecord(record), UNSAVED_PREFIX + record.client)
    for (const key of this.recordKeys) if (!now.has(key)) store.delete(key)
    this.recordKeys.clear()
    now.forEach((key) => this.recordKeys.add(key))
  }

  /** Stops keeping (the database stays). */
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.stopKeepingUnsaved()
    this.doc.off('update', this.onUpdate)
    void this.persistence?.destroy()
  }

  /** Stops keeping and deletes the database: nothing of the map stays on the device. */
  async forget(): Promise<void> {
    this.destroy()
    await this.persistence?.destroy()
    await deleteDatabase(deviceDatabaseName(this.mapId))
  }

  private async open(): Promise<boolean> {
    if (typeof indexedDB === 'undefined') return this.fail()
    let persistence: IndexeddbPersistence
    try {
      persistence = new IndexeddbPersistence(deviceDatabaseName(this.mapId), this.doc)
    } catch {
      return this.fail()
    }
    this.persistence = persistence
    try {
      const db = await persistence._db
      db.addEventListener('error', () => this.fail())
      db.addEventListener('abort', () => this.fail())
      db.addEventListener('close', () => this.fail())
      // Another tab removes this map from the device: let go at once, so the deletion is not blocked.
      db.addEventListener('versionchange', () => {
        this.fail()
        void persistence.destroy()
      })
      await persistence.whenSynced
    } catch {
      return this.fail()
    }
    if (this.destroyed || this.state !== 'loading') return false
    this.state = 'keeping'
    this.doc.on('update', this.onUpdate)
    return true
  }

  /** After y-indexeddb queued its write of `update`: a read queued behind it completes once it is committed. */
  private readonly onUpdate = (_update: Uint8Array, origin: unknown): void => {
    const db = this.persistence?.db
    if (origin === this.persistence || db === null || db === undefined || this.state !== 'keeping') return
    let transaction: IDBTransaction
    try {
      transaction = db.transaction(UPDATES_STORE, 'readonly')
    } catch {
      this.fail()
      return
    }
    this.writesInFlight++
    transaction.objectStore(UPDATES_STORE).count()
    const done = (): void => {
      this.writesInFlight--
    }
    transaction.addEventListener('complete', done)
    transaction.addEventListener('abort', done)
  }

  private fail(): false {
    this.state = 'not-kept'
    return false
  }
}

/**
 * Deletes a map's databases from this device, the shared document's and the professionals' (waiting for other tabs
 * to let go of them).
 */
export async function forgetDeviceCopy(mapId: string): Promise<void> {
  await Promise.all([
    deleteDatabase(deviceDatabaseName(mapId)),
    deleteDatabase(deviceDatabaseName(`${mapId}/professionals`)),
  ])
}

function deleteDatabase(name: string): Promise<void> {
  if (typeof indexedDB === 'undefined') return Promise.resolve()
  return new Promise((resolve) => {
    const deletion = indexedDB.deleteDatabase(name)
    deletion.onsuccess = () => resolve()
    // Nothing more can be done from here; the caller removes everything else regardless.
    deletion.onerror = () => resolve()
  })
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}
