// The roster across instances (rooms/Attendance.ts, decision 0047): every connection of a map, wherever its client
// connected, is one of the authority's room, so a participant connected through two instances is one attendee,
// present until the last of their connections closes.
import { afterEach, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { readConference } from '@mapboard/map-model'
import type { AttendanceEntry } from '@mapboard/map-model'
import type { JoinResponse } from '@mapboard/protocol'
import { waitFor } from '@mapboard/test-kit'
import { describeWithRedis } from './support/cluster.ts'
import { startClusterConference } from './support/clusterConference.ts'
import type { ClusterConference } from './support/clusterConference.ts'

let conference: ClusterConference | undefined

afterEach(async () => {
  await conference?.close()
  conference = undefined
})

const entriesOf = (doc: Y.Doc, who: JoinResponse): AttendanceEntry[] =>
  readConference(doc).attendance.filter((entry) => entry.participantId === who.participant.id)

describeWithRedis('attendance across instances', () => {
  it('a participant connected through two instances is one attendee, present until their last connection closes', async () => {
    const c = (conference = await startClusterConference({ count: 3 }))
    const [first, second, third] = c.instances
    if (first === undefined || second === undefined || third === undefined)
      throw new Error('not three instances')
    // The chair makes the first the authority; the professional is connected through the other two.
    const chair = c.connect(first, c.chair)
    await chair.synced
    const onSecond = c.connect(second, c.professional)
    const onThird = c.connect(third, c.professional)
    await Promise.all([onSecond.synced, onThird.synced])
    await waitFor(() => entriesOf(chair.doc, c.professional)[0]?.present === true, 5000, {
      message: 'the professional never showed as present',
    })
    const [joined] = entriesOf(chair.doc, c.professional)
    expect(entriesOf(chair.doc, c.professional)).toHaveLength(1)

    // One of the two closes. The family's device opens through the same instance after it: its arrival is relayed
    // behind the close, so once the family shows as present, the close has been counted.
    onSecond.destroy()
    const family = c.connect(second, c.family)
    await family.synced
    await waitFor(() => entriesOf(chair.doc, c.family)[0]?.present === true, 5000, {
      message: 'the family never showed as present',
    })
    expect(entriesOf(chair.doc, c.professional)).toEqual([joined])

    // The last one closes: gone, with the join time of their first connection.
    onThird.destroy()
    await waitFor(() => entriesOf(chair.doc, c.professional)[0]?.present === false, 5000, {
      message: 'the professional still shows as present after their last connection closed',
    })
    const [left] = entriesOf(chair.doc, c.professional)
    expect(entriesOf(chair.doc, c.professional)).toHaveLength(1)
    expect(left?.joinedAt).toBe(joined?.joinedAt)
    expect(left?.leftAt).toEqual(expect.any(Number))
    expect(entriesOf(chair.doc, c.chair)[0]?.present).toBe(true)
  }, 60_000)
})
