import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Participant } from '@mapboard/protocol'
import { createBoardCommands } from './BoardCommands.ts'
import { createLocalOrigin } from './LocalOrigin.ts'
import { UnsavedChanges } from './UnsavedChanges.ts'

const me: Participant = {
  id: 'p-1',
  name: 'Sam Patel',
  role: 'professional',
  agency: 'Riverside Primary School',
}

/**
 * A client with its bookkeeping, and a "server" doc standing for the stored document: `store()` is the server
 * storing what the client sent, `answer()` is its SyncStep2 to the client's probe state vector.
 */
function setup() {
  const client = new Y.Doc()
  const server = new Y.Doc()
  const unsaved = new UnsavedChanges(client)
  const commands = createBoardCommands(client, createLocalOrigin(), me)
  return {
    client,
    server,
    unsaved,
    commands,
    store(): void {
      Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)), 'client')
    },
    answer(): void {
      const update = Y.encodeStateAsUpdate(server, unsaved.probeStateVector())
      // The provider applies it too; our own items coming back change nothing.
      Y.applyUpdate(client, update, 'provider')
      unsaved.confirm(update)
    },
  }
}

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
})
