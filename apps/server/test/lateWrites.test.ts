// Edits that reach the server after a revert replaced what they refer to are passed on, not lost (lateWrites.ts).
// Driven through the gate directly with hand-ordered updates, so no timing decides the outcome.
import { afterEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { UpdateGate } from '../src/rooms/UpdateGate.ts'
import type { UpdateAuthor } from '../src/rooms/UpdateGate.ts'

const author = (role: string): UpdateAuthor =>
  ({ identity: { role, linkId: role, participant: {} } }) as never

const server = new Y.Doc()
// Above every client id below, so the server's own writes win ties, as they mostly do with random ids.
server.clientID = 1_000_000
/** Every update the server's document emitted, in order: what clients are sent. */
const broadcast: Uint8Array[] = []
server.on('update', (update: Uint8Array) => broadcast.push(update))
const gate = new UpdateGate(server, () => ({
  inspect: (transaction, who) =>
    who.identity.role !== 'chair' && transaction.changed.has(server.getMap('locks') as never)
      ? { allowed: false, rule: 'CHAIR-1', message: 'Only the chair locks or unlocks a section.' }
      : { allowed: true },
}))
afterEach(() => {
  server.getMap('locks').clear()
})

/** A client's document whose updates wait, as a provider's would, until `send`. */
function client(clientID: number): { doc: Y.Doc; outbox: Uint8Array[] } {
  const doc = new Y.Doc()
  doc.clientID = clientID
  const outbox: Uint8Array[] = []
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'server') outbox.push(update)
  })
  return { doc, outbox }
}

/** Sends the client's updates made since the last send, as `role`; whether the gate reverted them. */
function send(from: { outbox: Uint8Array[] }, role: string): boolean {
  const update = Y.mergeUpdates(from.outbox.splice(0))
  return gate.apply(update, author(role)).reverted
}

/** Sends as `send` does; also returns what the server broadcast for it (the original and any revert). */
function sendHeard(from: { outbox: Uint8Array[] }, role: string): { reverted: boolean; heard: Uint8Array[] } {
  const before = broadcast.length
  const reverted = send(from, role)
  return { reverted, heard: broadcast.slice(before) }
}

it('keeps a lock the chair set while a refused lock of the same key by someone else was reverted', () => {
  // The refused write sits to the right of the chair's (higher client id), so it wins the key until reverted.
  const chair = client(1)
  const other = client(2)
  other.doc.getMap('locks').set('next-steps', true)
  chair.doc.getMap('locks').set('next-steps', true)

  expect(send(other, 'professional')).toBe(true)
  expect(send(chair, 'chair')).toBe(false)
  expect(server.getMap('locks').get('next-steps')).toBe(true)
})

it('applies an unlock of a lock that was passed on, sent before the chair heard of the pass-on', () => {
  const chair = client(11)
  const family = client(12)
  const locks = chair.doc.getMap('locks')
  locks.set('analysis', true)
  expect(send(chair, 'chair')).toBe(false)
  Y.applyUpdate(family.doc, Y.encodeStateAsUpdate(server), 'server')

  // The family's unlock is refused: the revert restores the chair's lock as a new item.
  family.doc.getMap('locks').delete('analysis')
  expect(send(family, 'family')).toBe(true)
  // Not having heard, the chair unlocks and locks again in one go: the new lock loses to the restored one and
  // is passed on by the server as yet another item.
  chair.doc.transact(() => {
    locks.delete('analysis')
    locks.set('analysis', true)
  })
  expect(send(chair, 'chair')).toBe(false)
  expect(server.getMap('locks').get('analysis')).toBe(true)
  // Still not having heard, the chair unlocks: that is a delete of its own lock, which the server passed on.
  locks.delete('analysis')
  expect(send(chair, 'chair')).toBe(false)
  expect(server.getMap('locks').has('analysis')).toBe(false)
})

it('keeps a lock the chair set after its earlier lock was passed on and then unlocked, unseen by the chair', () => {
  const chair = client(21)
  const family = client(22)
  const locks = chair.doc.getMap('locks')
  // The family locks (refused and withdrawn); the chair, not having heard, locks too: its lock lost only to the
  // withdrawn one, so the server passes it on as an item of its own.
  family.doc.getMap('locks').set('analysis', true)
  const familyLock = sendHeard(family, 'family')
  expect(familyLock.reverted).toBe(true)
  locks.set('analysis', true)
  expect(send(chair, 'chair')).toBe(false)
  // Still not having heard, the chair unlocks: the delete reaches the server's item.
  locks.delete('analysis')
  expect(send(chair, 'chair')).toBe(false)
  expect(server.getMap('locks').has('analysis')).toBe(false)
  // The chair now hears the family's lock and its revert (not yet the pass-on) and locks again. The new lock
  // sits beside the server's deleted item and loses to it; it must still stand.
  for (const update of familyLock.heard) Y.applyUpdate(chair.doc, update, 'server')
  expect(locks.has('analysis')).toBe(false)
  locks.set('analysis', true)
  expect(send(chair, 'chair')).toBe(false)
  expect(server.getMap('locks').get('analysis')).toBe(true)
})

it("applies an unlock of a lock that lost to the server's own pass-on, sent before the chair heard of either", () => {
  const chair = client(31)
  const family = client(32)
  const locks = chair.doc.getMap('locks')
  family.doc.getMap('locks').set('analysis', true)
  const familyLock = sendHeard(family, 'family')
  expect(familyLock.reverted).toBe(true)
  // The chair's lock lost only to the family's withdrawn one: the server passes it on as an item of its own.
  locks.set('analysis', true)
  expect(send(chair, 'chair')).toBe(false)
  // The chair hears the family's lock and its revert (not the pass-on) and, seeing no lock, locks again: the new
  // lock loses to the server's item, whose value it already has.
  for (const update of familyLock.heard) Y.applyUpdate(chair.doc, update, 'server')
  expect(locks.has('analysis')).toBe(false)
  locks.set('analysis', true)
  expect(send(chair, 'chair')).toBe(false)
  expect(server.getMap('locks').get('analysis')).toBe(true)
  // Then unlocks, still before hearing from the server: a delete of its own lock, which stands for the server's.
  locks.delete('analysis')
  expect(send(chair, 'chair')).toBe(false)
  expect(server.getMap('locks').has('analysis')).toBe(false)
})
