// Edits that arrive for content the server has restored. Yjs cannot undelete: when the gate reverts a refused
// change, the UndoManager writes the old values back as *new* items (and a deleted note back as a new Y.Map), and
// marks each item it replaced with `redone`. A client that had not yet received that revert still refers to the
// replaced items, and Yjs quietly drops what it does to them:
//
//   1. a field write into a note map the revert replaced (the note itself was deleted and restored);
//   2. a write to a key on top of a value the revert replaced — it loses to the restored value, which sits later;
//   3. a delete of a value (or note) the revert replaced — it is already deleted, so nothing happens;
//   4. a write to a key that lost to a concurrent write of the refused change itself, which the revert then
//      deleted — the key is left with no value, as if both had been undone; likewise a write that lost to a value
//      the server itself wrote (a restore or a pass-on) that its author had not seen.
//
// So a refused change would silently cost others their concurrent edits (an unlock by the chair, an edit by a
// note's author). These functions find such edits; the gate passes them on to the restored items, judged as the
// author's own, as if the author had seen the revert first.
import * as Y from 'yjs'
import type { DecodedUpdate } from './checkUpdate.ts'

export type LateWrite =
  /** `replaces` is the author's own item that lost; the gate records which item carries its value on. */
  | { target: Y.Map<unknown>; key: string; kind: 'set'; value: unknown; replaces: Y.Item }
  | { target: Y.Map<unknown>; key: string; kind: 'delete' }

type Store = Y.Doc['store']
type DeleteSet = Y.UndoManager['undoStack'][number]['insertions']

/** What a client transaction wrote: its late sets, and every (live map, key) it set, late or not. */
export interface Written {
  sets: LateWrite[]
  keys: Map<Y.Map<unknown>, Set<string>>
  /** Items that refused changes inserted and their reverts deleted (kept by the gate for the room's life). */
  withdrawn: WeakSet<Y.Item>
  /**
   * Items whose value the gate passed on, and the item that now carries it (kept for the room's life): a later
   * delete of the original, by a client that has not yet heard of the pass-on, is a delete of its carrier.
   */
  passedOn: WeakMap<Y.Item, Y.Item>
}

/** Cases 1, 2 and 4: writes `transaction` inserted that reached only replaced items, in the order they were made. */
export function lateSets(transaction: Y.Transaction, written: Written): void {
  const writes = written.sets
  const store = transaction.doc.store
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0
    const structs = store.clients.get(client)
    if (after <= before || structs === undefined) continue
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const item = structs[i]
      if (!(item instanceof Y.Item) || typeof item.parentSub !== 'string') continue
      const holder = item.parent as Y.AbstractType<unknown>
      const live = liveParent(store, holder)
      if (live !== undefined) {
        const keys = written.keys.get(live) ?? new Set<string>()
        keys.add(item.parentSub)
        written.keys.set(live, keys)
      }
      if (!(item.content instanceof Y.ContentAny)) continue // only plain values are ever passed on
      const values = item.content.arr
      const value = values[values.length - 1]
      if (holder._item !== null && holder._item.redone !== null) {
        // Case 1: into a map that was deleted and restored — passed on if it was the newest write in the old map.
        const target = liveParent(store, holder)
        if (
          (item.right === null || lostOnlyToUnseen(item, written.withdrawn, transaction.doc.clientID)) &&
          target !== undefined
        )
          writes.push({ target, key: item.parentSub, kind: 'set', value, replaces: item })
        continue
      }
      // Case 4: lost only to writes of refused changes (deleted since) or to the server's own writes.
      if (lostOnlyToUnseen(item, written.withdrawn, transaction.doc.clientID)) {
        const target = liveParent(store, holder)
        if (target !== undefined)
          writes.push({ target, key: item.parentSub, kind: 'set', value, replaces: item })
        continue
      }
      // Case 2: written on top of a value a revert replaced, and lost to the restored one.
      if (item.right === null || item.origin === null) continue
      const origin = Y.getItem(store, item.origin)
      if (!(origin instanceof Y.Item) || origin.redone === null) continue
      const target = liveParent(store, holder)
      if (target !== undefined)
        writes.push({ target, key: item.parentSub, kind: 'set', value, replaces: item })
    }
  }
}

/**
 * Case 3: deletes in `update` of values that were already deleted and restored, as deletes of the restored ones.
 * A delete that comes with a new value for the same key is that write's overwrite, not a delete; the fields of a
 * deleted note go with it.
 */
export function lateDeletes(update: DecodedUpdate, store: Store, written: Written): LateWrite[] {
  const writes: LateWrite[] = []
  for (const struct of knownStructs(update.ds, store)) {
    if (!(struct instanceof Y.Item) || typeof struct.parentSub !== 'string') continue
    if (struct.redone === null && !written.passedOn.has(struct)) continue
    const holder = (struct.parent as Y.AbstractType<unknown>)._item
    if (holder !== null && holder.deleted) continue
    const live = successor(store, struct, written.passedOn)
    const parent = live === undefined ? undefined : liveParent(store, live.parent as Y.AbstractType<unknown>)
    // Only while the restored value is still the current one for its key.
    if (live === undefined || live.deleted || parent === undefined || live.right !== null) continue
    if (written.keys.get(parent)?.has(struct.parentSub) === true) continue
    writes.push({ target: parent, key: struct.parentSub, kind: 'delete' })
  }
  return writes
}

/** The structs of `store` that the ranges of `set` cover, as far as the store has them. */
function* knownStructs(set: DeleteSet, store: Store): Generator<Y.Item | Y.GC> {
  for (const [client, ranges] of set.clients) {
    const known = Y.getState(store, client)
    for (const range of ranges) {
      let clock = range.clock
      const end = Math.min(range.clock + range.len, known)
      while (clock < end) {
        const struct = Y.getItem(store, Y.createID(client, clock))
        clock = struct.id.clock + struct.length
        yield struct
      }
    }
  }
}

/**
 * Whether a map value has newer values for its key and every one of them is either a withdrawn (reverted, so
 * deleted) insert or a write of the server's own (a restore or a pass-on, deleted or not). Its author saw none of
 * them: had the author seen one, the new value would sit to its right. Checked only as the value arrives.
 */
function lostOnlyToUnseen(item: Y.Item, withdrawn: WeakSet<Y.Item>, serverClient: number): boolean {
  let right = item.right
  if (right === null) return false
  while (right !== null) {
    if (right.id.client !== serverClient && !(right.deleted && withdrawn.has(right))) return false
    right = right.right
  }
  return true
}

/** Records the items a revert deleted because the refused change had inserted them. */
export function recordWithdrawn(insertions: DeleteSet, store: Store, withdrawn: WeakSet<Y.Item>): void {
  for (const struct of knownStructs(insertions, store)) {
    if (struct instanceof Y.Item && struct.deleted && typeof struct.parentSub === 'string')
      withdrawn.add(struct)
  }
}

/** The live map where `type`'s content now is: a root map itself, or the map a (restored) note map became. */
function liveParent(store: Store, type: Y.AbstractType<unknown>): Y.Map<unknown> | undefined {
  const item = type._item
  if (item === null) return type instanceof Y.Map ? (type as Y.Map<unknown>) : undefined
  // Only plain values are passed on, never a note map: a map's successor is only ever a restored one.
  const live = successor(store, item, NOTHING_PASSED_ON)
  if (live === undefined || live.deleted || !(live.content instanceof Y.ContentType)) return undefined
  const restored = live.content.type
  return restored instanceof Y.Map ? (restored as Y.Map<unknown>) : undefined
}

const NOTHING_PASSED_ON = new WeakMap<Y.Item, Y.Item>()

/** The item that now stands for `item`: through the reverts that restored it and the pass-ons that carried it. */
function successor(store: Store, item: Y.Item, passedOn: WeakMap<Y.Item, Y.Item>): Y.Item | undefined {
  let current = item
  for (;;) {
    if (current.redone !== null) {
      const next = Y.getItem(store, current.redone)
      if (!(next instanceof Y.Item)) return undefined
      current = next
      continue
    }
    const carrier = passedOn.get(current)
    if (carrier === undefined || carrier === current) return current
    current = carrier
  }
}
