import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readMap } from '@mapboard/map-model'
import type { Participant } from '@mapboard/protocol'
import { CHANGED_SINCE_MESSAGE, createBoardCommands } from './BoardCommands.ts'
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

describe('BoardCommands on a selection', () => {
  const zoneTexts = (doc: Y.Doc, zone: string): string[] =>
    readMap(doc)
      .notes.filter((note) => note.zone === zone)
      .map((note) => note.text)

  it('moves several notes in one transaction, taken back by one undo', () => {
    const doc = new Y.Doc()
    const commands = createBoardCommands(doc, createLocalOrigin(), me)
    const a = commands.addNote('past-harm', { text: 'A' })
    commands.addNote('past-harm', { text: 'B' })
    const c = commands.addNote('past-harm', { text: 'C' })
    commands.addNote('existing-safety', { text: 'X' })
    let transactions = 0
    doc.on('afterTransaction', () => transactions++)

    commands.moveNotes([
      { id: a, zone: 'existing-safety', index: 0 },
      { id: c, zone: 'existing-safety', index: 1 },
    ])
    expect(transactions).toBe(1)
    expect(zoneTexts(doc, 'existing-safety')).toEqual(['A', 'C', 'X'])
    expect(zoneTexts(doc, 'past-harm')).toEqual(['B'])

    commands.undo()
    expect(zoneTexts(doc, 'past-harm')).toEqual(['A', 'B', 'C'])
    expect(zoneTexts(doc, 'existing-safety')).toEqual(['X'])
    commands.redo()
    expect(zoneTexts(doc, 'existing-safety')).toEqual(['A', 'C', 'X'])
    commands.destroy()
  })

  it('deletes several notes in one transaction, brought back by one undo', () => {
    const doc = new Y.Doc()
    const commands = createBoardCommands(doc, createLocalOrigin(), me)
    const a = commands.addNote('past-harm', { text: 'A' })
    const b = commands.addNote('future-danger', { text: 'B' })
    commands.addNote('past-harm', { text: 'C' })
    commands.deleteNotes([a, b])
    expect(texts(doc)).toEqual(['C'])
    commands.undo()
    expect(texts(doc).sort()).toEqual(['A', 'B', 'C'])
    // The adds before it are separate steps still.
    commands.undo()
    expect(texts(doc).sort()).toEqual(['A', 'B'])
    commands.destroy()
  })

  it("refuses to undo a group move once someone else has changed one of those notes' places since", () => {
    const doc = new Y.Doc()
    const commands = createBoardCommands(doc, createLocalOrigin(), me)
    const a = commands.addNote('past-harm', { text: 'A' })
    const b = commands.addNote('past-harm', { text: 'B' })
    commands.moveNotes([
      { id: a, zone: 'existing-safety', index: 0 },
      { id: b, zone: 'existing-safety', index: 1 },
    ])
    // The chair, elsewhere, moves B on again.
    const chair = new Y.Doc()
    Y.applyUpdate(chair, Y.encodeStateAsUpdate(doc))
    chair.transact(() => {
      const note = chair.getMap('notes').get(b) as Y.Map<unknown>
      note.set('zone', 'next-steps')
    }, 'chair')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(chair, Y.encodeStateVector(doc)), 'remote')

    expect(() => commands.undo()).toThrow(CHANGED_SINCE_MESSAGE)
    expect(zoneTexts(doc, 'existing-safety')).toEqual(['A'])
    expect(zoneTexts(doc, 'next-steps')).toEqual(['B'])
    commands.destroy()
  })
})
