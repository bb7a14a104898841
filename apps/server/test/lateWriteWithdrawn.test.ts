// A write that lost to a concurrent write of a refused change is passed on once the revert has deleted that write.
import { expect, it } from 'vitest'
import * as Y from 'yjs'
import { UpdateGate } from '../src/rooms/UpdateGate.ts'
import type { UpdateAuthor } from '../src/rooms/UpdateGate.ts'

const author = (role: string): UpdateAuthor =>
  ({ identity: { role, linkId: role, participant: {} } }) as never

it('keeps a lock the chair set while a refused lock of the same key by someone else was reverted', () => {
  const server = new Y.Doc()
  const gate = new UpdateGate(server, () => ({
    inspect: (transaction, who) =>
      who.identity.role !== 'chair' && transaction.changed.has(server.getMap('locks') as never)
        ? { allowed: false, rule: 'CHAIR-1', message: 'Only the chair locks or unlocks a section.' }
        : { allowed: true },
  }))
  // The refused write sits to the right of the chair's (higher client id), so it wins the key until reverted.
  const chair = new Y.Doc()
  chair.clientID = 1
  const other = new Y.Doc()
  other.clientID = 2
  other.getMap('locks').set('next-steps', true)
  chair.getMap('locks').set('next-steps', true)

  expect(gate.apply(Y.encodeStateAsUpdate(other), author('professional')).reverted).toBe(true)
  expect(gate.apply(Y.encodeStateAsUpdate(chair), author('chair')).reverted).toBe(false)
  expect(server.getMap('locks').get('next-steps')).toBe(true)
  gate.destroy()
})
