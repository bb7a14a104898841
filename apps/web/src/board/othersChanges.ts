import * as Y from 'yjs'

/**
 * Undo that respects other people: an undo or redo step may only take back my own change, never remove or overwrite
 * what someone else did afterwards. The rules, per note:
 *
 * - a step that added or deleted a note is refused once anyone else has changed that note since;
 * - a step that changed some of a note's fields is refused once anyone else has changed one of those fields, or
 *   removed or restored the note, since; a change of theirs to another field (the chair moves the note I reworded)
 *   does not stand in the way, and undoing my wording leaves their move;
 * - a refused step is dropped from the history (it now belongs to everyone's history), and the person is told.
 *
 * "Since" is counted in transactions seen by this tab: each step remembers the count when it was recorded.
 */
export interface OthersChanges {
  /** Whether taking back `item` would remove or overwrite someone else's later change. */
  overwritesOthers(item: UndoStep): boolean
  destroy(): void
}

/** The part of a Y.UndoManager stack item used here. */
export interface UndoStep {
  meta: Map<unknown, unknown>
}

interface Touched {
  /** Notes added or deleted, by id. */
  notes: Set<string>
  /** Note fields changed, as `id` → field names. */
  fields: Map<string, Set<string>>
}

const AT = 'others-changes:at'
const TOUCHED = 'others-changes:touched'

export function trackOthersChanges(
  notes: Y.Map<unknown>,
  undoManager: Y.UndoManager,
  mine: (origin: unknown) => boolean,
): OthersChanges {
  const doc = notes.doc
  if (doc === null) throw new Error('the notes map is not in a document')
  let clock = 0
  /** When someone else last added, deleted or changed each note, and each of its fields. */
  const noteChangedAt = new Map<string, number>()
  const fieldChangedAt = new Map<string, Map<string, number>>()

  const onTransaction = (transaction: Y.Transaction): void => {
    clock++
    if (mine(transaction.origin) || transaction.origin === undoManager) return
    const touched = touchedBy(notes, transaction.changed)
    for (const id of touched.notes) noteChangedAt.set(id, clock)
    for (const [id, fields] of touched.fields) {
      noteChangedAt.set(id, clock)
      const at = fieldChangedAt.get(id) ?? new Map<string, number>()
      for (const field of fields) at.set(field, clock)
      fieldChangedAt.set(id, at)
    }
  }
  doc.on('afterTransaction', onTransaction)

  // A step remembers what it touched and when it was first recorded (merged edits keep the first time).
  const onAdded = (event: {
    stackItem: UndoStep
    changedParentTypes: ReadonlyMap<object, readonly unknown[]>
  }): void => {
    const changed = new Map<object, Set<string | null>>()
    for (const [type, events] of event.changedParentTypes) {
      const keys = new Set<string | null>()
      for (const yEvent of events)
        if (yEvent instanceof Y.YMapEvent) for (const key of yEvent.keysChanged) keys.add(key)
      changed.set(type, keys)
    }
    const touched = touchedBy(notes, changed)
    const before = event.stackItem.meta.get(TOUCHED) as Touched | undefined
    if (before !== undefined) {
      for (const id of before.notes) touched.notes.add(id)
      for (const [id, fields] of before.fields) {
        const merged = touched.fields.get(id) ?? new Set<string>()
        for (const field of fields) merged.add(field)
        touched.fields.set(id, merged)
      }
    }
    event.stackItem.meta.set(TOUCHED, touched)
    if (!event.stackItem.meta.has(AT)) event.stackItem.meta.set(AT, clock)
  }
  undoManager.on('stack-item-added', onAdded)
  undoManager.on('stack-item-updated', onAdded)

  return {
    overwritesOthers(item) {
      const at = item.meta.get(AT)
      const touched = item.meta.get(TOUCHED) as Touched | undefined
      if (typeof at !== 'number' || touched === undefined) return false
      for (const id of touched.notes) if ((noteChangedAt.get(id) ?? 0) > at) return true
      for (const [id, fields] of touched.fields) {
        const changedAt = fieldChangedAt.get(id)
        for (const field of fields) if ((changedAt?.get(field) ?? 0) > at) return true
      }
      return false
    },
    destroy() {
      doc.off('afterTransaction', onTransaction)
      undoManager.off('stack-item-added', onAdded)
      undoManager.off('stack-item-updated', onAdded)
    },
  }
}

/** Which notes a change added or deleted, and which fields of which notes it changed. */
function touchedBy(notes: Y.Map<unknown>, changed: ReadonlyMap<object, ReadonlySet<string | null>>): Touched {
  const touched: Touched = { notes: new Set(), fields: new Map() }
  for (const [type, keys] of changed) {
    if (type === notes) {
      for (const key of keys) if (key !== null) touched.notes.add(key)
      continue
    }
    const item = (type as { _item?: Y.Item | null })._item ?? null
    if (item === null || item.parent !== notes || typeof item.parentSub !== 'string') continue
    const fields = touched.fields.get(item.parentSub) ?? new Set<string>()
    for (const key of keys) if (key !== null) fields.add(key)
    touched.fields.set(item.parentSub, fields)
  }
  return touched
}
