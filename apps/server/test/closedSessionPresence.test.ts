// While a closed session lasts (decision 0033), the shared room relays nobody's presence to the family's and the
// observers' connections: no cursor, selection or camera to follow, no arrival. When it ends they are sent everyone's
// state as it is then, and nothing of what was held back in between. Over real sockets, with the family's and the
// viewer's every frame recorded.
import { randomInt } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { endClosedSession, readConference, startClosedSession } from '@mapboard/map-model'
import type { RecordedBy } from '@mapboard/map-model'
import { MessageType } from '@mapboard/protocol'
import type { JoinResponse } from '@mapboard/protocol'
import { waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { startConference } from './permissions/conference.ts'
import type { Conference } from './permissions/conference.ts'
import { bytesContain } from './support/download.ts'
import { fetchDocument } from './support/frames.ts'
import type { HostileClient } from './support/hostileClient.ts'

let conference: Conference | undefined

afterEach(async () => {
  await conference?.close()
  conference = undefined
})

const recordedBy = (who: JoinResponse): RecordedBy => ({
  participantId: who.participant.id,
  name: who.participant.name,
  agency: who.participant.agency,
})

/** A cursor no other test or frame could hold by chance: its coordinates are searched for in raw frames. */
const uniqueCursor = (): { x: number; y: number } => ({
  x: randomInt(100_000_000, 999_999_999),
  y: randomInt(100_000_000, 999_999_999),
})
const cursorText = (cursor: { x: number; y: number }): string => `"x":${cursor.x},"y":${cursor.y}`

const everyFrame = (client: HostileClient, from = 0): Uint8Array[] => client.raw.messages.slice(from)
const anyContains = (frames: Uint8Array[], text: string): boolean =>
  frames.some((frame) => bytesContain(frame, text))

const cursorOf = (client: TestClient, clientId: number): unknown =>
  client.provider.awareness.getStates().get(clientId)?.['cursor']

async function lasting(c: Conference, expected: boolean): Promise<void> {
  await waitFor(
    () => (readConference(c.serverDoc()).closedSessions.at(-1)?.endedAt === null) === expected,
    5000,
    { message: `the closed session did not ${expected ? 'start' : 'end'}` },
  )
}

describe('presence during a closed session', () => {
  it('family and viewer connections receive no one’s presence while it lasts, and the current state when it ends', async () => {
    const c = (conference = await startConference())
    const [chair, police] = c.observers as [TestClient, TestClient]
    const family = await c.hostile(c.family, { answer: true })
    const viewer = await c.hostile(c.viewer, { answer: true })
    const familyTab = c.connect(c.family)
    const pro = c.connect(c.professional)
    await Promise.all([familyTab.synced, pro.synced])

    // Before: presence flows to everyone.
    const before = uniqueCursor()
    pro.provider.awareness.setLocalState({ cursor: before })
    await waitFor(() => anyContains(everyFrame(family), cursorText(before)))
    await waitFor(() => anyContains(everyFrame(viewer), cursorText(before)))
    await waitFor(() => cursorOf(familyTab, pro.doc.clientID) !== undefined)

    startClosedSession(chair.doc, recordedBy(c.chair))
    await lasting(c, true)
    // Everything the server sent before the start has arrived (frames on one socket keep their order).
    await Promise.all([fetchDocument(family.raw), fetchDocument(viewer.raw)])
    const familyFrom = family.raw.messages.length
    const viewerFrom = viewer.raw.messages.length

    // During: the chair's view moves (what follow-the-chair follows), the professional moves twice, the police
    // officer arrives in a new tab, someone asks outright.
    const chairView = uniqueCursor()
    chair.provider.awareness.setLocalStateField('view', { ...chairView, scale: 1 })
    await waitFor(() => police.provider.awareness.getStates().get(chair.doc.clientID)?.['view'] !== undefined)
    const during = uniqueCursor()
    const last = uniqueCursor()
    pro.provider.awareness.setLocalState({ cursor: during, selection: ['pro-note-0000001'] })
    await waitFor(() => JSON.stringify(cursorOf(chair, pro.doc.clientID)) === JSON.stringify(during))
    pro.provider.awareness.setLocalState({ cursor: last })
    await waitFor(() => JSON.stringify(cursorOf(police, pro.doc.clientID)) === JSON.stringify(last))
    const arriving = c.connect(c.police)
    await arriving.synced
    arriving.provider.awareness.setLocalState({ cursor: uniqueCursor() })
    await waitFor(() => chair.provider.awareness.getStates().has(arriving.doc.clientID))
    await family.raw.send(new Uint8Array([MessageType.QueryAwareness]))
    await viewer.raw.send(new Uint8Array([MessageType.QueryAwareness]))
    // A family member who joins meanwhile is not told who is there either.
    const lateFamily = await c.hostile(c.family, { answer: true })
    await Promise.all([fetchDocument(family.raw), fetchDocument(viewer.raw), fetchDocument(lateFamily.raw)])

    for (const [name, frames] of [
      ['family', everyFrame(family, familyFrom)],
      ['viewer', everyFrame(viewer, viewerFrom)],
      ['late family', everyFrame(lateFamily)],
    ] as const) {
      for (const frame of frames) {
        // Presence frames that name anyone: none. (A query is answered with an empty list.)
        if (frame[0] === MessageType.Awareness) expect(frame.slice(1), name).toEqual(new Uint8Array([1, 0]))
      }
      expect(anyContains(frames, cursorText(during)), name).toBe(false)
      expect(anyContains(frames, cursorText(last)), name).toBe(false)
      expect(anyContains(frames, cursorText(chairView)), name).toBe(false)
    }
    expect(JSON.stringify(cursorOf(familyTab, pro.doc.clientID))).toBe(JSON.stringify(before))
    expect(familyTab.provider.awareness.getStates().has(arriving.doc.clientID)).toBe(false)

    // The family's own presence still reaches the chair and the professionals.
    const mine = uniqueCursor()
    familyTab.provider.awareness.setLocalState({ cursor: mine })
    await waitFor(() => JSON.stringify(cursorOf(chair, familyTab.doc.clientID)) === JSON.stringify(mine))
    await waitFor(() => JSON.stringify(cursorOf(pro, familyTab.doc.clientID)) === JSON.stringify(mine))

    // The police officer's new tab leaves before the end: its departure is news the family gets at the end.
    const departed = arriving.doc.clientID
    arriving.destroy()
    await waitFor(() => !chair.provider.awareness.getStates().has(departed))

    endClosedSession(chair.doc)
    await lasting(c, false)
    // After: the then-current state, without a reload; never the state in between.
    await waitFor(() => anyContains(everyFrame(family, familyFrom), cursorText(last)))
    await waitFor(() => anyContains(everyFrame(viewer, viewerFrom), cursorText(last)))
    await waitFor(() => anyContains(everyFrame(lateFamily), cursorText(last)))
    await waitFor(() => JSON.stringify(cursorOf(familyTab, pro.doc.clientID)) === JSON.stringify(last))
    expect(familyTab.provider.awareness.getStates().has(departed)).toBe(false)
    for (const frames of [everyFrame(family), everyFrame(viewer), everyFrame(lateFamily)]) {
      expect(anyContains(frames, cursorText(during))).toBe(false)
    }

    // And presence flows again as it did before.
    const again = uniqueCursor()
    pro.provider.awareness.setLocalState({ cursor: again })
    await waitFor(() => JSON.stringify(cursorOf(familyTab, pro.doc.clientID)) === JSON.stringify(again))
    await waitFor(() => anyContains(everyFrame(viewer), cursorText(again)))
  })

  it('a closed session already lasting when the room loads holds presence back from the start', async () => {
    const c = (conference = await startConference())
    const [chair] = c.observers as [TestClient, TestClient]
    startClosedSession(chair.doc, recordedBy(c.chair))
    await lasting(c, true)
    await c.server.app.rooms.getLoaded(c.map.id)?.settle()
    await c.server.restart()

    const pro = c.connect(c.professional)
    await pro.synced
    const during = uniqueCursor()
    pro.provider.awareness.setLocalState({ cursor: during })
    const family = await c.hostile(c.family, { answer: true })
    const chairAgain = c.connect(c.chair)
    await chairAgain.synced
    await waitFor(() => JSON.stringify(cursorOf(chairAgain, pro.doc.clientID)) === JSON.stringify(during))
    await fetchDocument(family.raw)
    expect(anyContains(everyFrame(family), cursorText(during))).toBe(false)

    endClosedSession(chairAgain.doc)
    await lasting(c, false)
    await waitFor(() => anyContains(everyFrame(family), cursorText(during)))
  })

  it('[CLOSED-1] a closed session forged by a professional is reverted and holds nothing back', async () => {
    const c = (conference = await startConference())
    const family = await c.hostile(c.family, { answer: true })
    const hostilePro = await c.hostile(c.professional)
    await hostilePro.edit((doc) => startClosedSession(doc, recordedBy(c.professional)))
    await waitFor(() => hostilePro.refusals.length > 0)
    expect(readConference(c.serverDoc()).closedSessions).toEqual([])

    const pro = c.connect(c.police)
    await pro.synced
    const cursor = uniqueCursor()
    pro.provider.awareness.setLocalState({ cursor })
    await waitFor(() => anyContains(everyFrame(family), cursorText(cursor)))
  })
})
