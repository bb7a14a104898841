import { audienceOfNoteId, compareNotes } from '@mapboard/map-model'
import type { Audience, MapSnapshot, NoteSnapshot, ZoneId } from '@mapboard/map-model'
import type { MapSnapshotStore } from './MapSnapshotStore.ts'

/** A note as the board shows it: which document it is in rides along, so the canvas and outline can mark it. */
export interface BoardNote extends NoteSnapshot {
  audience: Audience
}

/** The map as the board shows it: the shared document's, with the professionals' notes in their sections. */
export interface BoardSnapshot extends MapSnapshot {
  notes: BoardNote[]
  /** The professionals' document's locked sections; null where there is no such document (family, viewers). */
  restrictedLocks: ZoneId[] | null
}

/**
 * One read model over the map's two documents for `useSyncExternalStore` (decision 0032). Both stores keep the
 * identity of unchanged notes, and so does this: a note object is made once per underlying note object.
 *
 * Each document may only hold its own ids (AUD-3, enforced by the server). A note in the wrong document is left
 * out here too, so the id prefix can be trusted as the note's audience everywhere on the board.
 */
export class BoardSnapshotStore {
  private snapshot: BoardSnapshot
  private sources: [MapSnapshot, MapSnapshot | null]
  private readonly flagged = new WeakMap<NoteSnapshot, BoardNote>()

  constructor(
    private readonly shared: MapSnapshotStore,
    private readonly restricted: MapSnapshotStore | null,
  ) {
    this.sources = this.read()
    this.snapshot = this.merge(...this.sources)
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    const offs = [this.shared.subscribe(listener), this.restricted?.subscribe(listener)]
    return () => offs.forEach((off) => off?.())
  }

  readonly getSnapshot = (): BoardSnapshot => {
    const [shared, restricted] = this.read()
    if (shared !== this.sources[0] || restricted !== this.sources[1]) {
      this.sources = [shared, restricted]
      this.snapshot = this.merge(shared, restricted)
    }
    return this.snapshot
  }

  private read(): [MapSnapshot, MapSnapshot | null] {
    return [this.shared.getSnapshot(), this.restricted?.getSnapshot() ?? null]
  }

  private merge(shared: MapSnapshot, restricted: MapSnapshot | null): BoardSnapshot {
    const notes = this.flag(shared.notes, 'shared')
    if (restricted !== null) {
      notes.push(...this.flag(restricted.notes, 'professionals'))
      notes.sort(compareNotes)
    }
    return { ...shared, notes, restrictedLocks: restricted === null ? null : restricted.locks }
  }

  private flag(notes: readonly NoteSnapshot[], audience: Audience): BoardNote[] {
    const flagged: BoardNote[] = []
    for (const note of notes) {
      if (audienceOfNoteId(note.id) !== audience) continue
      let board = this.flagged.get(note)
      if (board === undefined) {
        board = { ...note, audience }
        this.flagged.set(note, board)
      }
      flagged.push(board)
    }
    return flagged
  }
}

/** The board as the family sees it: the shared notes only (the chair's "Show the family's view"). */
export function familyView(snapshot: BoardSnapshot): BoardSnapshot {
  if (!snapshot.notes.some((note) => note.audience === 'professionals')) return snapshot
  return { ...snapshot, notes: snapshot.notes.filter((note) => note.audience === 'shared') }
}
