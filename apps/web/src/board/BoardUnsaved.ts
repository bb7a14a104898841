import type { UnsavedChanges, UnsavedState } from './UnsavedChanges.ts'

/**
 * What this device changed and the server has not stored yet, over the map's two documents, as the board shows it
 * (one count, one set of note ids to mark). Each document keeps its own `UnsavedChanges`, confirmed by its own
 * room; this only adds them up, like `BoardSnapshotStore` for the notes. Note ids never clash between the two
 * documents (AUD-3: the professionals' ids carry their own prefix), so a union of the ids loses nothing.
 */
export class BoardUnsaved {
  private state: UnsavedState
  private sources: [UnsavedState, UnsavedState | null]

  constructor(
    private readonly shared: UnsavedChanges,
    private readonly restricted: UnsavedChanges | null,
  ) {
    this.sources = this.read()
    this.state = combine(...this.sources)
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    const offs = [this.shared.subscribe(listener), this.restricted?.subscribe(listener)]
    return () => offs.forEach((off) => off?.())
  }

  /** The same object until either document's state changes, as `useSyncExternalStore` needs. */
  readonly getState = (): UnsavedState => {
    const [shared, restricted] = this.read()
    if (shared !== this.sources[0] || restricted !== this.sources[1]) {
      this.sources = [shared, restricted]
      this.state = combine(shared, restricted)
    }
    return this.state
  }

  private read(): [UnsavedState, UnsavedState | null] {
    return [this.shared.getState(), this.restricted?.getState() ?? null]
  }
}

function combine(shared: UnsavedState, restricted: UnsavedState | null): UnsavedState {
  if (restricted === null || restricted.count === 0) return shared
  if (shared.count === 0) return restricted
  return {
    count: shared.count + restricted.count,
    noteIds: new Set([...shared.noteIds, ...restricted.noteIds]),
  }
}
