import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addNote, updateNote } from '@mapboard/map-model'
import { MapSnapshotStore } from './MapSnapshotStore.ts'

describe('MapSnapshotStore', () => {
  it('returns the same snapshot until the document changes', () => {
    const doc = new Y.Doc()
    const store = new MapSnapshotStore(doc)
    expect(store.getSnapshot()).toBe(store.getSnapshot())
  })

  it('notifies subscribers once per transaction', () => {
    const doc = new Y.Doc()
    const store = new MapSnapshotStore(doc)
    let calls = 0
    store.subscribe(() => calls++)
    addNote(doc, { zone: 'past-harm', text: 'one' })
    expect(calls).toBe(1)
    expect(store.getSnapshot().notes.map((note) => note.text)).toEqual(['one'])
  })

  it('keeps the identity of notes that did not change', () => {
    const doc = new Y.Doc()
    const store = new MapSnapshotStore(doc)
    const a = addNote(doc, { zone: 'past-harm', text: 'a' })
    const b = addNote(doc, { zone: 'next-steps', text: 'b' })
    const before = store.getSnapshot()
    updateNote(doc, b, { text: 'b, changed' })
    const after = store.getSnapshot()
    expect(after).not.toBe(before)
    expect(after.notes.find((note) => note.id === a)).toBe(before.notes.find((note) => note.id === a))
    expect(after.notes.find((note) => note.id === b)).not.toBe(before.notes.find((note) => note.id === b))
  })

  it('stops listening when destroyed', () => {
    const doc = new Y.Doc()
    const store = new MapSnapshotStore(doc)
    let calls = 0
    store.subscribe(() => calls++)
    store.destroy()
    addNote(doc, { zone: 'past-harm', text: 'late' })
    expect(calls).toBe(0)
  })
})
