// Updates that cannot be applied and reverted like an ordinary refused edit: a crafted delete of content the
// server does not have yet (it would sit in pendingDs and delete that content when it arrives), and an update
// far past the size limit. Each closes the sender; nothing changes for anyone else.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { addNote, readMap } from '@mapboard/map-model'
import type { MapSnapshot } from '@mapboard/map-model'
import { CloseCode } from '@mapboard/protocol'
import { noteAuthor, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { expectEveryoneReads, expectStillServing, startConference } from './conference.ts'
import type { Conference } from './conference.ts'

let conference: Conference
let before: MapSnapshot
let chair: TestClient
let police: TestClient

beforeEach(async () => {
  conference = await startConference()
  before = readMap(conference.serverDoc())
  ;[chair, police] = conference.observers as [TestClient, TestClient]
})

afterEach(async () => {
  await conference.close()
})

/** A Yjs (v1) update with no structs and a delete set of one range: `length` items of `client` from `clock`. */
function deleteOnly(client: number, clock: number, length: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0) // no structs
  encoding.writeVarUint(encoder, 1) // delete set: one client
  encoding.writeVarUint(encoder, client)
  encoding.writeVarUint(encoder, 1) // one range
  encoding.writeVarUint(encoder, clock)
  encoding.writeVarUint(encoder, length)
  return encoding.toUint8Array(encoder)
}

describe('a crafted delete of a future item', () => {
  it('closes with 4501, leaves nothing pending, and the item arrives intact when it is written', async () => {
    const server = conference.serverDoc()
    // The chair's next note will start at this clock: delete it before it exists.
    const next = Y.getState(server.store, chair.doc.clientID)
    const family = await conference.hostile(conference.family)
    await family.send(deleteOnly(chair.doc.clientID, next, 20))
    expect(await family.closeCode()).toBe(CloseCode.Resync)
    expect(server.store.pendingDs).toBeNull()
    expect(server.store.pendingStructs).toBeNull()
    await expectEveryoneReads(conference, [chair.doc, police.doc], before)

    addNote(chair.doc, {
      zone: 'next-steps',
      text: 'Written after the crafted delete',
      ...noteAuthor(conference.chair),
    })
    await waitFor(() => readMap(police.doc).notes.some((n) => n.text === 'Written after the crafted delete'))
    expect(readMap(server).notes.map((n) => n.text)).toContain('Written after the crafted delete')
    await expectStillServing(conference)
  })

  it('a participant that needs a third resync is closed with 4429, and stays shut out', async () => {
    const server = conference.serverDoc()
    const next = Y.getState(server.store, chair.doc.clientID)
    const codes: number[] = []
    for (let i = 0; i < 3; i++) {
      const family = await conference.hostile(conference.family)
      await family.send(deleteOnly(chair.doc.clientID, next + 100 * i, 5))
      codes.push(await family.closeCode())
    }
    expect(codes).toEqual([CloseCode.Resync, CloseCode.Resync, CloseCode.TooManyRefusals])
    // For good, while the room is loaded: a new connection of the same participant is closed at once.
    const again = conference.connect(conference.family)
    await expect(again.synced).rejects.toThrow(String(CloseCode.TooManyRefusals))
    // Others are not affected.
    await expectEveryoneReads(conference, [chair.doc, police.doc], before)
    await expectStillServing(conference)
  })
})

describe('an oversized update', () => {
  it('a 20 MB update is refused with 4413 before it is read; nothing changes for anyone', async () => {
    const family = await conference.hostile(conference.family)
    const huge = 'x'.repeat(20 * 1024 * 1024)
    const update = await family.edit((doc) => doc.getMap('meta').set('title', huge))
    expect(update.length).toBeGreaterThan(20 * 1024 * 1024)
    expect(await family.closeCode()).toBe(CloseCode.MessageTooLarge)
    await expectEveryoneReads(conference, [chair.doc, police.doc], before)
    await expectStillServing(conference)
  })
})
