// Turns a Yjs transaction into the changes the rules talk about: a note added, changed, deleted or replaced, the
// locks or the meeting details written, keys of a conference root written or deleted, or something outside the schema
// touched.
//
// It reads `transaction.changed` (every type that existed before the transaction, with the keys written or
// deleted in it, including writes that lost to a concurrent one) and, for the "before" side, the NoteIndex.
// Types created inside the transaction are not in `changed`: their content is only reachable through the key that
// holds them, so a new note is returned whole for the caller to check every field of.
import * as Y from 'yjs'
import { CONFERENCE_ROOT_NAMES, getConferenceRoot, getLocksMap, getMetaMap, getNotesMap } from '../schema.ts'
import type { ConferenceRootName } from '../schema.ts'
import { indexedNote } from './NoteIndex.ts'
import type { IndexedNote, NoteIndex } from './NoteIndex.ts'

export type DocumentChange =
  /** `meta` keys written or deleted. */
  | { kind: 'meta'; keys: string[] }
  /** `locks` keys written or deleted. */
  | { kind: 'locks'; keys: string[] }
  /** Keys of a conference root (`dangers`, `goals`, …) written or deleted; each holds one plain value. */
  | { kind: ConferenceRootName; keys: string[] }
  /** A note map created in this transaction under a key that held no note. */
  | { kind: 'note-added'; id: string; note: Y.Map<unknown> }
  /** A note map created in this transaction under a key that held a note: a delete and an add in one. */
  | { kind: 'note-replaced'; id: string; before: IndexedNote; note: Y.Map<unknown> }
  | { kind: 'note-deleted'; id: string; before: IndexedNote }
  /**
   * Fields of an existing note written or deleted (`fields`), or its key in `notes` written with a value that lost
   * to the note itself (`keyWritten`, fields may then be empty).
   */
  | {
      kind: 'note-changed'
      id: string
      before: IndexedNote
      note: Y.Map<unknown>
      fields: string[]
      keyWritten: boolean
    }
  /** A key of `notes` that now holds something other than a note map. */
  | { kind: 'not-a-note'; id: string; before: IndexedNote | undefined }
  /**
   * A change to any type other than the roots and the note maps directly below `notes`, or a Y type written into a
   * conference root (they hold plain values only).
   */
  | { kind: 'outside-schema'; description: string }

export function collectChanges(transaction: Y.Transaction, index: NoteIndex): DocumentChange[] {
  const doc = transaction.doc
  const meta = getMetaMap(doc)
  const locks = getLocksMap(doc)
  const notes = getNotesMap(doc)
  const conference = new Map<unknown, ConferenceRootName>(
    CONFERENCE_ROOT_NAMES.map((name) => [getConferenceRoot(doc, name), name]),
  )
  const changes: DocumentChange[] = []
  const noteKeys = new Set<string>()
  const noteFields = new Map<string, { note: Y.Map<unknown>; fields: Set<string> }>()

  for (const [changedType, rawKeys] of transaction.changed) {
    const type: { _item: Y.Item | null } = changedType
    const keys = [...rawKeys]
    // A null key is list content: a map document has none.
    if (keys.some((key) => key === null)) {
      changes.push({ kind: 'outside-schema', description: 'list content' })
      continue
    }
    const named = keys as string[]
    if (type === (meta as unknown)) changes.push({ kind: 'meta', keys: named })
    else if (type === (locks as unknown)) changes.push({ kind: 'locks', keys: named })
    else if (type === (notes as unknown)) for (const key of named) noteKeys.add(key)
    else if (conference.has(type)) {
      const root = conference.get(type) as ConferenceRootName
      changes.push({ kind: root, keys: named })
      const map = getConferenceRoot(doc, root)
      // A type created in this transaction is not in `changed`: found only through the key that holds it.
      if (named.some((key) => map.get(key) instanceof Y.AbstractType))
        changes.push({ kind: 'outside-schema', description: `a nested type in ${root}` })
    } else {
      const item = type._item
      const id = item?.parentSub
      const isNoteMap =
        type instanceof Y.Map && item !== null && item.parent === notes && typeof id === 'string'
      if (!isNoteMap) {
        changes.push({ kind: 'outside-schema', description: describeType(type, doc) })
      } else if (!item.deleted) {
        const entry = noteFields.get(id) ?? { note: type as Y.Map<unknown>, fields: new Set<string>() }
        for (const key of named) entry.fields.add(key)
        noteFields.set(id, entry)
      }
      // A note map deleted later in the same transaction: its key in `notes` changed too, judged as a delete.
    }
  }

  for (const id of noteKeys) {
    const value: unknown = notes.get(id)
    const before = index.get(id)
    if (value === undefined) {
      // Absent now: deleted, or added and deleted again within the transaction (nothing to judge then).
      if (before !== undefined) changes.push({ kind: 'note-deleted', id, before })
    } else if (!(value instanceof Y.Map)) {
      changes.push({ kind: 'not-a-note', id, before })
    } else if (isNew(value._item, transaction)) {
      changes.push(
        before === undefined
          ? { kind: 'note-added', id, note: value as Y.Map<unknown> }
          : { kind: 'note-replaced', id, before, note: value as Y.Map<unknown> },
      )
    } else {
      // The key was written, but the existing note kept it (the write lost to it): an attempt on that note.
      const note = value as Y.Map<unknown>
      const fields = noteFields.get(id)?.fields ?? new Set<string>()
      noteFields.delete(id)
      changes.push({
        kind: 'note-changed',
        id,
        before: before ?? indexedNote(note),
        note,
        fields: [...fields],
        keyWritten: true,
      })
    }
  }

  for (const [id, { note, fields }] of noteFields) {
    // Changes inside a note map created in this transaction are not reported by Yjs; a note replaced in this
    // transaction was judged above.
    if (noteKeys.has(id)) continue
    changes.push({
      kind: 'note-changed',
      id,
      before: index.get(id) ?? indexedNote(note),
      note,
      fields: [...fields],
      keyWritten: false,
    })
  }
  return changes
}

/**
 * Whether a type was created by this transaction, from the item that holds it: its clock is past its client's
 * state before the transaction. (A root type has no item and is never new.)
 */
export function isNew(item: Y.Item | null, transaction: Y.Transaction): boolean {
  return item !== null && item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0)
}

function describeType(type: { _item: Y.Item | null }, doc: Y.Doc): string {
  if (type._item === null) {
    for (const [name, root] of doc.share)
      if ((root as unknown) === type) return `root type "${name.slice(0, 40)}"`
    return 'a root type'
  }
  return `a nested ${type.constructor.name}`
}
