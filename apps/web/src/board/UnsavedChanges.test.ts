import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createBoardCommands } from './BoardCommands.ts'
import { createLocalOrigin } from './LocalOrigin.ts'
import { FIXTURE_AUTHOR as me, storedDocumentFixture } from './storedDocumentFixture.ts'
import type { StoredDocumentFixture } from './storedDocumentFixture.ts'
import { UnsavedChanges } from './UnsavedChanges.ts'

const setup = (): StoredDocumentFixture => storedDocumentFixture()

describe('UnsavedChanges', () => {
  it('keeps a new note unsaved until an answer from the server carries it back', () => {
    const { unsaved, commands, store, answer } = setup()
    const id = commands.addNote('past-harm', { text: 'Dad shouted at the children on Friday.' })
    expect(unsaved.getState().count).toBe(1)
    expect([...unsaved.getState().noteIds]).toEqual([id])

    answer() // the server has not stored it
    expect(unsaved.getState().count).toBe(1)

    store()
    answer()
    expect(unsaved.getState().count).toBe(0)
    expect(unsaved.hasUnsaved).toBe(false)
  })

  it('counts each note once however often it changes, and confirms changes the server has in order', () => {
    const { client, server, unsaved, commands, store, answer } = setup()
    const first = commands.addNote('past-harm', { text: 'One' })
    store()
    const second = commands.addNote('future-danger', { text: 'Two' })
    commands.updateNote(second, { text: 'Two, reworded' })
    expect(unsaved.getState().count).toBe(2)

    answer() // the server has the first note only
    expect([...unsaved.getState().noteIds]).toEqual([second])

    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)))
    answer()
    expect(unsaved.getState().count).toBe(0)
    expect(first).not.toBe(second)
  })

  it('keeps a deletion unsaved until the server’s delete set has it (a delete adds no item to count by)', () => {
    const { unsaved, commands, store, answer } = setup()
    const id = commands.addNote('past-harm', { text: 'Written by mistake' })
    store()
    answer()
    expect(unsaved.getState().count).toBe(0)

    commands.deleteNote(id)
    expect([...unsaved.getState().noteIds]).toEqual([id])
    answer() // nothing new of ours, and no delete yet
    expect(unsaved.getState().count).toBe(1)

    store()
    answer()
    expect(unsaved.getState().count).toBe(0)
  })

  it('does not count changes that came from the server', () => {
    const { client, unsaved } = setup()
    const other = new Y.Doc()
    createBoardCommands(other, createLocalOrigin(), { ...me, id: 'p-2' }).addNote('past-harm', {
      text: 'Theirs',
    })
    Y.applyUpdate(client, Y.encodeStateAsUpdate(other), 'provider')
    expect(unsaved.getState().count).toBe(0)
  })

  it('counts a lock as one change, next to the notes', () => {
    const { client, unsaved, store, answer } = setup()
    client.transact(() => client.getMap('locks').set('past-harm', true))
    expect(unsaved.getState()).toMatchObject({ count: 1 })
    expect(unsaved.getState().noteIds.size).toBe(0)
    store()
    answer()
    expect(unsaved.getState().count).toBe(0)
  })

  it('hands its changes to a reopened tab through the device, which keeps them unsaved until the server has them', () => {
    const closed = setup()
    const stored = closed.commands.addNote('past-harm', { text: 'Sent before going offline' })
    closed.store()
    closed.answer()
    const offline = closed.commands.addNote('past-harm', { text: 'Written offline' })
    closed.commands.deleteNote(stored)
    const records = closed.unsaved.records()
    expect(records).toHaveLength(1)

    // The reopened tab: the document as the device kept it, a new client id of its own, the records read back.
    const reopened = new Y.Doc()
    Y.applyUpdate(reopened, Y.encodeStateAsUpdate(closed.client), 'device')
    const unsaved = new UnsavedChanges(reopened)
    unsaved.restore(records)
    expect(unsaved.getState().count).toBe(2)
    expect([...unsaved.getState().noteIds].sort()).toEqual([offline, stored].sort())

    const answer = (): void =>
      unsaved.confirm(Y.encodeStateAsUpdate(closed.server, unsaved.probeStateVector()))
    answer() // the server has neither yet
    expect(unsaved.getState().count).toBe(2)
    // The reopened tab sends what the device kept; the server stores it and answers.
    Y.applyUpdate(closed.server, Y.encodeStateAsUpdate(reopened, Y.encodeStateVector(closed.server)))
    answer()
    expect(unsaved.getState().count).toBe(0)
    expect(unsaved.records()).toEqual([])
  })

  it('does not take over a change the device never got (the tab closed before it was written)', () => {
    const closed = setup()
    closed.commands.addNote('past-harm', { text: 'Kept' })
    const kept = Y.encodeStateAsUpdate(closed.client)
    closed.commands.addNote('past-harm', { text: 'Lost as the tab closed' })
    const reopened = new Y.Doc()
    Y.applyUpdate(reopened, kept, 'device')
    const unsaved = new UnsavedChanges(reopened)
    unsaved.restore(closed.unsaved.records())
    expect(unsaved.getState().count).toBe(1)
  })

  it('asks about every client id with unsaved changes, each from what the server is known to have of it', () => {
    const closed = setup()
    closed.commands.addNote('past-harm', { text: 'From the tab that closed' })
    const reopened = new Y.Doc()
    Y.applyUpdate(reopened, Y.encodeStateAsUpdate(closed.client), 'device')
    const unsaved = new UnsavedChanges(reopened)
    unsaved.restore(closed.unsaved.records())
    createBoardCommands(reopened, createLocalOrigin(), me).addNote('future-danger', { text: 'From this tab' })
    const probe = Y.decodeStateVector(unsaved.probeStateVector())
    expect(probe.get(closed.client.clientID)).toBe(0)
    expect(probe.get(reopened.clientID)).toBe(0)
    expect(unsaved.getState().count).toBe(2)
  })
})
