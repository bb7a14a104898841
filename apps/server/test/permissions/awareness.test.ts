// Presence (awareness) is relayed, but who someone is comes from their token: the server overwrites `user`.
import { afterEach, expect, it } from 'vitest'
import { waitFor } from '@mapboard/test-kit'
import { awarenessFrame, fetchDocument } from '../support/frames.ts'
import { startConference } from './conference.ts'
import type { Conference } from './conference.ts'

let conference: Conference

afterEach(async () => {
  await conference.close()
})

it('the server replaces the user a client claims in its awareness with the one its token names', async () => {
  conference = await startConference()
  const [chair] = conference.observers
  const family = conference.connect(conference.family)
  await family.synced
  family.provider.awareness.setLocalState({
    user: { id: conference.chair.participant.id, name: 'The Chair', role: 'chair', agency: 'Council' },
    cursor: { x: 10, y: 20 },
  })
  const expected = {
    user: { id: conference.family.participant.id, name: 'Mum', role: 'family', agency: '' },
    cursor: { x: 10, y: 20 },
  }
  await waitFor(() => chair?.provider.awareness.getStates().get(family.doc.clientID)?.cursor !== undefined)
  expect(chair?.provider.awareness.getStates().get(family.doc.clientID)).toEqual(expected)

  // A hand-made frame with no user at all, or a state that is not an object, gets one too.
  const hostile = await conference.hostile(conference.police)
  await hostile.raw.send(awarenessFrame([{ clientId: 777_777, clock: 1, state: 'not an object' }]))
  await fetchDocument(hostile.raw)
  await waitFor(() => chair?.provider.awareness.getStates().has(777_777))
  expect(chair?.provider.awareness.getStates().get(777_777)).toEqual({
    user: { id: conference.police.participant.id, name: 'PC Jones', role: 'professional', agency: 'Police' },
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
