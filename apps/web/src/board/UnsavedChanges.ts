import * as Y from 'yjs'

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
 */
export interface UnsavedState {
  /** Distinct things changed here and not yet stored by the server. */
  readonly count: number
  /** Ids of the notes among them. */
  readonly noteIds: ReadonlySet<string>
}

interface PendingChange {
  /** Our client's clock after this change's inserts; saved once the server's clock for us reaches it. */
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
  /** How far the server is known to have stored our client's items. */
  private storedClock = 0
  private clientId: number
  private state: UnsavedState = EMPTY
  private readonly listeners = new Set<() => void>()
  private readonly onTransaction = (transaction: Y.Transaction): void => this.record(transaction)

  constructor(private readonly doc: Y.Doc) {
    this.clientId = doc.clientID
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

  /** The state vector to ask the server with: ours, with our own clock at what the server is known to have. */
  probeStateVector(): Uint8Array {
    const vector = Y.decodeStateVector(Y.encodeStateVector(this.doc))
    vector.set(this.doc.clientID, this.storedClock)
    return Y.encodeStateVector(vector)
  }

  /** An update the server sent (SyncStep2 or Update): whatever of ours it carries, the server has stored. */
  confirm(update: Uint8Array): void {
    if (this.pending.length === 0) return
    const serverClock = Y.parseUpdateMeta(update).to.get(this.clientId)
    if (serverClock !== undefined && serverClock > this.storedClock) this.storedClock = serverClock
    const { ds } = Y.decodeUpdate(update)
    for (const change of this.pending) {
      change.deletes = change.deletes.filter((range) => !covers(ds, range))
    }
    this.pending = this.pending.filter(
      (change) => change.clock > this.storedClock || change.deletes.length > 0,
    )
    this.publish()
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction)
    this.listeners.clear()
  }

  private record(transaction: Y.Transaction): void {
    if (!transaction.local) return
    if (this.doc.clientID !== this.clientId) {
      // Yjs picked a new client id (it does so on a clash); what we knew of the old one says nothing now.
      this.clientId = this.doc.clientID
      this.storedClock = 0
    }
    const before = transaction.beforeState.get(this.clientId) ?? 0
    const after = transaction.afterState.get(this.clientId) ?? 0
    const deletes: PendingChange['deletes'] = []
    transaction.deleteSet.clients.forEach((items, client) => {
      for (const item of items) deletes.push({ client, clock: item.clock, len: item.len })
    })
    if (after === before && deletes.length === 0) return
    const names = changedNames(this.doc, transaction)
    if (names.size === 0) return
    this.pending.push({ clock: after, deletes, names })
    this.publish()
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
