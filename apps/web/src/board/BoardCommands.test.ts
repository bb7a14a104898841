import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readMap } from '@mapboard/map-model'
import type { Participant } from '@mapboard/protocol'
import { createBoardCommands } from './BoardCommands.ts'
import { createLocalOrigin } from './LocalOrigin.ts'

const me: Participant = {
  id: 'p-1',
  name: 'Sam Patel',
  role: 'professional',
  agency: 'Riverside Primary School',
}

/** A client doc and a "server" doc that can revert what the client sent, as the server's gate does. */
function clientAndServer() {
  const client = new Y.Doc()
  const server = new Y.Doc()
  const fromClient = { kind: 'client-connection' }
  const gate = new Y.UndoManager([server.getMap('notes')], {
    trackedOrigins: new Set([fromClient]),
    captureTimeout: 0,
  })
  const toServer = (): void =>
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)), fromClient)
  const toClient = (): void =>
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)), 'server')
  return {
    client,
    /** The server takes what the client wrote since the last sync. */
    accept(): void {
      toServer()
      gate.clear()
      toClient()
    },
    /** The server takes it, reverts it (a rule objected) and sends the revert back. */
    refuse(): void {
      toServer()
      gate.undo()
      gate.clear()
      toClient()
    },
  }
}

const texts = (doc: Y.Doc): string[] => readMap(doc).notes.map((note) => note.text)

describe('BoardCommands after a refused edit', () => {
  it('forgets undo and redo, which still held the refused change', () => {
    const { client, accept, refuse } = clientAndServer()
    const commands = createBoardCommands(client, createLocalOrigin(), me)
    let changes = 0
    commands.onHistoryChange(() => changes++)

    commands.addNote('past-harm', { text: 'Kept' })
    accept()
    commands.addNote('past-harm', { text: 'Refused' })
    refuse()
    expect(texts(client)).toEqual(['Kept'])
    // Still on the stack: the revert came from the server, which undo does not track.
    expect(commands.canUndo()).toBe(true)

    changes = 0
    commands.forgetHistory()
    expect(commands.canUndo()).toBe(false)
    expect(commands.canRedo()).toBe(false)
    expect(changes).toBeGreaterThan(0)
    commands.undo()
    commands.redo()
    expect(texts(client)).toEqual(['Kept'])

    // What comes next can be undone as usual.
    commands.addNote('future-danger', { text: 'Next' })
    expect(commands.canUndo()).toBe(true)
    commands.undo()
    expect(texts(client)).toEqual(['Kept'])
    commands.destroy()
  })
})
