// Presence (awareness) is relayed, but who someone is comes from their token: the server overwrites `user`.
import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { AUDIENCES } from '@mapboard/map-model'
import { waitFor } from '@mapboard/test-kit'
import { awarenessFrame, fetchDocument } from '../support/frames.ts'
import { expectBothRoomsCarryOn, familyDevices, startConference } from './conference.ts'
import type { Conference } from './conference.ts'

let conference: Conference

afterEach(async () => {
  await conference.close()
})

describe.each(AUDIENCES)('awareness in the %s room', (audience) => {
  it('the server replaces the user a client claims in its awareness with the one its token names; another connection’s id is not the sender’s to set', async () => {
    conference = await startConference()
    const room = await conference.room(audience)
    const [chair] = room.observers
    const devices = await familyDevices(conference)
    const attacker = room.connect(room.attacker)
    await attacker.synced
    const marker = `CLAIMED-${randomBytes(6).toString('hex')}`
    attacker.provider.awareness.setLocalState({
      user: { id: conference.chair.participant.id, name: marker, role: 'chair', agency: 'Council' },
      cursor: { x: 10, y: 20 },
    })
    const { id, name, role, agency } = room.attacker.participant
    const expected = { user: { id, name, role, agency }, cursor: { x: 10, y: 20 } }
    await waitFor(() => chair.provider.awareness.getStates().get(attacker.doc.clientID)?.cursor !== undefined)
    expect(chair.provider.awareness.getStates().get(attacker.doc.clientID)).toEqual(expected)

    // A hand-made frame with no user at all, or a state that is not an object, gets one too.
    const hostile = await room.hostile(conference.police)
    await hostile.raw.send(awarenessFrame([{ clientId: 777_777, clock: 1, state: 'not an object' }]))
    await fetchDocument(hostile.raw)
    await waitFor(() => chair.provider.awareness.getStates().has(777_777))
    expect(chair.provider.awareness.getStates().get(777_777)).toEqual({
      user: {
        id: conference.police.participant.id,
        name: 'PC Jones',
        role: 'professional',
        agency: 'Police',
      },
    })

    // Another connection's awareness id is not the sender's to set: the chair's state stays the chair's.
    const chairState = { cursor: { x: 1, y: 2 } }
    chair.provider.awareness.setLocalState(chairState)
    await waitFor(
      () => room.observers[1].provider.awareness.getStates().get(chair.doc.clientID)?.cursor !== undefined,
    )
    const forged = `FORGED-${randomBytes(6).toString('hex')}`
    await hostile.raw.send(
      awarenessFrame([{ clientId: chair.doc.clientID, clock: 10_000, state: { cursor: forged } }]),
    )
    await fetchDocument(hostile.raw)
    expect(hostile.open).toBe(true)
    const presence = conference.server.app.rooms.getLoaded(room.name)?.presence()
    expect(presence?.get(chair.doc.clientID)?.['cursor']).toEqual(chairState.cursor)
    expect(room.observers[1].provider.awareness.getStates().get(chair.doc.clientID)?.cursor).toEqual(
      chairState.cursor,
    )
    // Nothing of either reached the family's devices or the other room.
    await expectBothRoomsCarryOn(conference, room, devices, [marker, forged])
    for (const client of [chair, room.observers[1]]) {
      expect(JSON.stringify([...client.provider.awareness.getStates().values()])).not.toContain(forged)
    }
  })
})

it("an observer's pointer is never relayed: observers watch the board, they do not point at it", async () => {
  conference = await startConference()
  const [chair] = conference.observers
  const viewer = conference.connect(conference.viewer)
  await viewer.synced
  viewer.provider.awareness.setLocalState({ cursor: { x: 10, y: 20 }, view: { x: 1 } })
  await waitFor(() => chair?.provider.awareness.getStates().get(viewer.doc.clientID)?.view !== undefined)
  expect(chair?.provider.awareness.getStates().get(viewer.doc.clientID)).toEqual({
    user: { id: conference.viewer.participant.id, name: 'Student', role: 'viewer', agency: '' },
    view: { x: 1 },
  })
})
