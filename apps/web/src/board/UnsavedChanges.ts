import * as Y from 'yjs'
import type { UnsavedRecord } from './unsavedRecord.ts'

/**
 * Which of this device's changes the server has not stored yet.
 *
 * y-websocket has no acknowledgements, but the server answers a SyncStep1 only from stored state (decision 0004),
 * so the answer is evidence. Each local transaction is kept with what the server must have for it: our client's
 * clock after its inserts, and the items it deleted (a delete adds no item, so the clock does not show it). To
 * ask, we send a SyncStep1 whose state vector is our own except that our client's clock is lowered to what the
 * server is known to have stored. Its SyncStep2 then carries back exactly our items it has stored, and, like every
 * Yjs update, the delete set it has. A change is saved once an update from the server covers both its clock and
 * its deletes. Nothing is inferred from the socket being open or a send buffer being empty.
 *
 * A change is named by what it touched: `note:<id>` for a note (added, changed, moved or deleted), else
 * `<root>:<key>` (a lock, a meeting detail, a conference entry). The count shown is the number of distinct names.
 *
 * The map is kept on the device (decision 0025), and so is this bookkeeping (`records()`, `restore()`): a tab
 * reopened after one closed with changes unsent takes over that tab's client id and its changes, which are in the
 * document it loads from the device, and they stay "not saved yet" until the server's answer covers them. So a
 * change belongs to a client id, and each client id has its own stored clock.
 */
export interface UnsavedState {
  /** Distinct things changed here and not yet stored by the server. */
  readonly count: number
  /** Ids of the notes among them. */
  readonly noteIds: ReadonlySet<string>
}

interface PendingChange {
  /** The client id it was written under: this tab's, or a closed tab's taken over from the device. */
  client: number
  /** That client's clock after this change's inserts; saved once the server's clock for us reaches it. */
  clock: number
  /** Ranges this change deleted, by client, not yet seen in a delete set from the server. */
  deletes: Array<{ client: number; clock: number; len: number }>
  names: Set<string>
}

type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds']

const NOTE = 'note:'
const EMPTY: UnsavedState = { count: 0, noteIds: new Set() }

export class UnsavedChanges {
  private pending: PendingChange[] = []
  /** How far the server is known to have stored each client's items (ours, and those taken over). */
  private readonly storedClocks = new Map<number, number>()
  private state: UnsavedState = EMPTY
  private readonly listeners = new Set<() => void>()
  private readonly recordListeners = new Set<() => void>()
  private readonly onTransaction = (transaction: Y.Transaction): void => this.record(transaction)

  constructor(private readonly doc: Y.Doc) {
    doc.on('afterTransaction', this.onTransaction)
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  readonly getState = (): UnsavedState => this.state

  get hasUnsaved(): boolean {
    return this.pending.length > 0
  }

  /** Called whenever the pending changes or the stored clocks change (to keep them on the device). */
  readonly subscribeRecords = (listener: () => void): (() => void) => {
    this.recordListeners.add(listener)
    return () => this.recordListeners.delete(listener)
  }

  /**
   * The state vector to ask the server with: ours, with the clock of every client that has unsaved changes
   * lowered to what the server is known to have stored of it.
   */
  probeStateVector(): Uint8Array {
    const vector = Y.decodeStateVector(Y.encodeStateVector(this.doc))
    for (const client of this.pendingClients()) vector.set(client, this.storedClocks.get(client) ?? 0)
    return Y.encodeStateVector(vector)
  }

  /** An update the server sent (SyncStep2 or Update): whatever of ours it carries, the server has stored. */
  confirm(update: Uint8Array): void {
    if (this.pending.length === 0) return
    const { to } = Y.parseUpdateMeta(update)
    let changed = false
    for (const client of this.pendingClients()) {
      const serverClock = to.get(client)
      if (serverClock !== undefined && serverClock > (this.storedClocks.get(client) ?? 0)) {
        this.storedClocks.set(client, serverClock)
        changed = true
      }
    }
    const { ds } = Y.decodeUpdate(update)
    for (const change of this.pending) {
      const left = change.deletes.filter((range) => !covers(ds, range))
      if (left.length !== change.deletes.length) changed = true
      change.deletes = left
    }
    const before = this.pending.length
    this.pending = this.pending.filter(
      (change) => change.clock > (this.storedClocks.get(change.client) ?? 0) || change.deletes.length > 0,
    )
    if (!changed && this.pending.length === before) return
    this.publish()
    this.recordsChanged()
  }

  /** What to keep on the device: one record per client id with unsaved changes. */
  records(): UnsavedRecord[] {
    return [...this.pendingClients()].map((client) => ({
      client,
      storedClock: this.storedClocks.get(client) ?? 0,
      changes: this.pending
        .filter((change) => change.client === client)
        .map(({ clock, deletes, names }) => ({ clock, deletes: [...deletes], names: [...names] })),
    }))
  }

  /**
   * Takes over what a tab that closed had not got saved, read back from the device after the document was loaded
   * from there. A change past what the document holds of its client never reached the device (the tab closed
   * first): there is nothing to send, so it is not counted. This tab's own client id is never taken over.
   */
  restore(records: readonly UnsavedRecord[]): void {
    let added = false
    for (const record of records) {
      if (record.client === this.doc.clientID) continue
      const present = Y.getState(this.doc.store, record.client)
      const known = this.storedClocks.get(record.client) ?? 0
      if (record.storedClock > known) this.storedClocks.set(record.client, record.storedClock)
      for (const change of record.changes) {
        if (change.clock > present) continue
        this.pending.push({
          client: record.client,
          clock: change.clock,
          deletes: change.deletes.map((range) => ({ ...range })),
          names: new Set(change.names),
        })
        added = true
      }
    }
    if (!added) return
    this.publish()
    this.recordsChanged()
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction)
    this.listeners.clear()
    this.recordListeners.clear()
  }

  private pendingClients(): Set<number> {
    return new Set(this.pending.map((change) => change.client))
  }

  private record(transaction: Y.Transaction): void {
    if (!transaction.local) return
    // Yjs may pick a new client id for this doc (it does so on a clash): each change keeps the id it was made under.
    const client = this.doc.clientID
    const before = transaction.beforeState.get(client) ?? 0
    const after = transaction.afterState.get(client) ?? 0
    const deletes: PendingChange['deletes'] = []
    transaction.deleteSet.clients.forEach((items, deleted) => {
      for (const item of items) deletes.push({ client: deleted, clock: item.clock, len: item.len })
    })
    if (after === before && deletes.length === 0) return
    const names = changedNames(this.doc, transaction)
    if (names.size === 0) return
    this.pending.push({ client, clock: after, deletes, names })
    this.publish()
    this.recordsChanged()
  }

  private recordsChanged(): void {
    this.recordListeners.forEach((listener) => listener())
  }

  private publish(): void {
    const names = new Set<string>()
    for (const change of this.pending) change.names.forEach((name) => names.add(name))
    const noteIds = new Set<string>()
    names.forEach((name) => {
      if (name.startsWith(NOTE)) noteIds.add(name.slice(NOTE.length))
    })
    const same =
      names.size === this.state.count &&
      noteIds.size === this.state.noteIds.size &&
      [...noteIds].every((id) => this.state.noteIds.has(id))
    if (same) return
    this.state = names.size === 0 ? EMPTY : { count: names.size, noteIds }
    this.listeners.forEach((listener) => listener())
  }
}

/** Whether a delete set holds the whole range (Yjs writes a client's ranges sorted and merged). */
function covers(ds: DeleteSet, range: { client: number; clock: number; len: number }): boolean {
  const items = ds.clients.get(range.client) ?? []
  return items.some((item) => item.clock <= range.clock && range.clock + range.len <= item.clock + item.len)
}

/** What a transaction touched, by name: the note below `notes`, or the root and key for anything else. */
function changedNames(doc: Y.Doc, transaction: Y.Transaction): Set<string> {
  const roots = new Map<unknown, string>()
  doc.share.forEach((type, name) => roots.set(type, name))
  const names = new Set<string>()
  transaction.changed.forEach((keys, type) => {
    const rootName = roots.get(type)
    if (rootName !== undefined) {
      keys.forEach((key) => {
        if (key !== null) names.add(rootName === 'notes' ? NOTE + key : `${rootName}:${key}`)
      })
      return
    }
    // A nested type: climb to the child of a root that holds it.
    let item = type._item
    while (item !== null && !roots.has(item.parent)) {
      const parent = item.parent
      item = parent instanceof Y.AbstractType ? parent._item : null
    }
    if (item === null || item.parentSub === null) return
    const name = roots.get(item.parent)
    names.add(name === 'notes' ? NOTE + item.parentSub : `${name}:${item.parentSub}`)
  })
  return names
}
