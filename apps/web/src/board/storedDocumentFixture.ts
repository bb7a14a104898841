// For the unsaved-changes tests: one of the map's documents on the client with its bookkeeping, and a "server" doc
// standing for what that document's room has stored. `store()` is the room storing what the client sent,
// `answer()` its SyncStep2 to the client's probe state vector. Imported by tests only.
import * as Y from 'yjs'
import type { Audience } from '@mapboard/map-model'
import type { Participant } from '@mapboard/protocol'
import { createBoardCommands } from './BoardCommands.ts'
import type { BoardCommands } from './BoardCommands.ts'
import { createLocalOrigin } from './LocalOrigin.ts'
import { UnsavedChanges } from './UnsavedChanges.ts'

export const FIXTURE_AUTHOR: Participant = {
  id: 'p-1',
  name: 'Sam Patel',
  role: 'professional',
  agency: 'Riverside Primary School',
}

export interface StoredDocumentFixture {
  client: Y.Doc
  server: Y.Doc
  unsaved: UnsavedChanges
  commands: BoardCommands
  store(): void
  answer(): void
}

export function storedDocumentFixture(audience?: Audience): StoredDocumentFixture {
  const client = new Y.Doc()
  const server = new Y.Doc()
  const unsaved = new UnsavedChanges(client)
  const commands = createBoardCommands(client, createLocalOrigin(), FIXTURE_AUTHOR, audience)
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
