import type * as Y from 'yjs'
import { observeMap, readMap } from '@mapboard/map-model'
import type { MapSnapshot, NoteSnapshot } from '@mapboard/map-model'

/**
 * An external store over the map's Y.Doc for `useSyncExternalStore`.
 *
 * The snapshot is read lazily after a change and shares structure with the previous one: a note whose fields
 * did not change keeps its object identity, so memoised note components re-render only when their note did.
 */
export class MapSnapshotStore {
  private snapshot: MapSnapshot
  private dirty = false
  private readonly listeners = new Set<() => void>()
  private readonly unobserve: () => void

  constructor(private readonly doc: Y.Doc) {
    this.snapshot = readMap(doc)
    this.unobserve = observeMap(doc, () => {
      this.dirty = true
      this.listeners.forEach((listener) => listener())
    })
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  readonly getSnapshot = (): MapSnapshot => {
    if (this.dirty) {
      this.dirty = false
      this.snapshot = shareStructure(this.snapshot, readMap(this.doc))
    }
    return this.snapshot
  }

  destroy(): void {
    this.unobserve()
    this.listeners.clear()
  }
}

function shareStructure(previous: MapSnapshot, next: MapSnapshot): MapSnapshot {
  const previousNotes = new Map(previous.notes.map((note) => [note.id, note]))
  let changed = previous.notes.length !== next.notes.length
  const notes = next.notes.map((note, index) => {
    const old = previousNotes.get(note.id)
    const kept = old !== undefined && sameNote(old, note) ? old : note
    if (kept !== previous.notes[index]) changed = true
    return kept
  })
  const locks = sameList(previous.locks, next.locks) ? previous.locks : next.locks
  if (
    !changed &&
    locks === previous.locks &&
    previous.title === next.title &&
    previous.createdAt === next.createdAt
  ) {
    return previous
  }
  return { ...next, notes: changed ? notes : previous.notes, locks }
}

function sameNote(a: NoteSnapshot, b: NoteSnapshot): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof NoteSnapshot>
  for (const key of keys) if (a[key] !== b[key]) return false
  return true
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index])
}
