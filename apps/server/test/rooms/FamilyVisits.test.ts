// When the room records that the family opened the map (decision 0039): a family participant's admission, by the
// room's clock and under the token's participant id, stored only when it can tell the record something new, and
// bounded however often a hostile client reconnects.
import { describe, expect, it } from 'vitest'
import { addNote, stampReceivedAt } from '@mapboard/map-model'
import type { Role } from '@mapboard/protocol'
import { Connection } from '../../src/rooms/Connection.ts'
import { MAX_VISITS_PER_PARTICIPANT } from '../../src/rooms/FamilyVisits.ts'
import type { Room } from '../../src/rooms/Room.ts'
import type { FamilyVisitRecord } from '../../src/storage/FamilyVisitStore.ts'
import { MemoryMapStore } from '../../src/storage/MemoryMapStore.ts'
import { Client, FakeSocket, MAP_ID, loadRoom, settled } from './roomHarness.ts'

/** A clock the test moves by hand. */
function clock(start = 1_765_000_000_000) {
  let now = start
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

/** Opens a connection as `participantId` with `role`, as a verified token would say. */
function open(room: Room, role: Role, participantId: string): Connection {
  const connection = new Connection(new FakeSocket(), {
    mapId: MAP_ID,
    audience: room.audience,
    role,
    linkId: `link-${role}`,
    participant: { id: participantId, name: `Name of ${participantId}`, agency: '' },
  })
  room.join(connection)
  return connection
}

/** A note the server has received now (as if a professional had just added it). */
async function noteArrives(room: Room, at: number, text = 'News'): Promise<void> {
  await room.writeAsServer((doc, origin) => {
    const id = addNote(doc, { zone: 'past-harm', text }, origin)
    stampReceivedAt(doc, new Map([[id, at]]), origin)
  })
}

const visitsOf = async (store: MemoryMapStore): Promise<Array<[string, number]>> =>
  (await store.listFamilyVisits(MAP_ID)).map((visit) => [visit.participantId, visit.visitedAt])

describe('FamilyVisits', () => {
  it("records a family participant's admission under their own id and the room's clock; no one else's", async () => {
    const time = clock()
    const { room, store } = await loadRoom({ now: time.now })
    for (const role of ['chair', 'professional', 'viewer'] as const) open(room, role, `p-${role}`)
    open(room, 'family', 'p-mum')
    await settled(room)
    expect(await visitsOf(store)).toEqual([['p-mum', time.now()]])
  })

  it('a family client that writes, or names someone else, records no visit for anyone else', async () => {
    const time = clock()
    const { room, store } = await loadRoom({ now: time.now })
    const family = new Client(room, 'family', 'Mum')
    await settled(room)
    time.advance(60_000)
    // Whatever it puts in its notes and presence, the visit is the token's participant's, made at admission.
    family.edit((doc) =>
      addNote(doc, {
        zone: 'existing-strengths',
        text: 'We visited',
        authorId: 'p-dad',
        author: 'Dad',
        agency: '',
      }),
    )
    await settled(room)
    const visits = await store.listFamilyVisits(MAP_ID)
    expect(visits.map((visit) => visit.participantId)).toEqual([family.author.authorId])
  })

  it('a reconnect with nothing new since is not stored; one after an item arrived is', async () => {
    const time = clock()
    const { room, store } = await loadRoom({ now: time.now })
    const first = time.now()
    open(room, 'family', 'p-mum').socketClosed()
    for (let i = 0; i < 20; i++) {
      time.advance(1000)
      open(room, 'family', 'p-mum').socketClosed()
    }
    await settled(room)
    expect(await visitsOf(store)).toEqual([['p-mum', first]])

    time.advance(60_000)
    await noteArrives(room, time.now())
    time.advance(60_000)
    const second = time.now()
    open(room, 'family', 'p-mum')
    // Two devices of the same person, or a second visit with nothing new: still one row for that news.
    time.advance(1000)
    open(room, 'family', 'p-mum')
    // Another family member's first visit is theirs to have.
    open(room, 'family', 'p-dad')
    await settled(room)
    expect(await visitsOf(store)).toEqual([
      ['p-mum', first],
      ['p-mum', second],
      ['p-dad', second + 1000],
    ])
  })

  it('what was stored before a restart still counts: reopening the room adds no row for the same news', async () => {
    const time = clock()
    const { room, store } = await loadRoom({ now: time.now })
    await noteArrives(room, time.now())
    time.advance(1000)
    open(room, 'family', 'p-mum')
    await settled(room)
    await room.close()

    const again = (await loadRoom({ now: time.now, store })).room
    time.advance(1000)
    open(again, 'family', 'p-mum')
    await settled(again)
    expect(await store.listFamilyVisits(MAP_ID)).toHaveLength(1)
    await again.close()
  })

  it(`a hostile pair cannot grow the table without bound: at most ${MAX_VISITS_PER_PARTICIPANT} rows for a participant`, async () => {
    const time = clock()
    const { room, store } = await loadRoom({ now: time.now })
    for (let i = 0; i < MAX_VISITS_PER_PARTICIPANT + 50; i++) {
      time.advance(1000)
      await noteArrives(room, time.now(), `Item ${i}`)
      time.advance(1000)
      open(room, 'family', 'p-hostile').socketClosed()
    }
    await settled(room)
    expect(await store.listFamilyVisits(MAP_ID)).toHaveLength(MAX_VISITS_PER_PARTICIPANT)
  })

  it('a visit the store refuses is logged, keeps nobody out, and the next opening is stored instead', async () => {
    const time = clock()
    const store = new FailingOnce()
    const { room, logger } = await loadRoom({ now: time.now, store })
    const connection = open(room, 'family', 'p-mum')
    await settled(room)
    expect(connection.closed).toBe(false)
    expect(logger.said('could not record a family visit')).toBe(true)
    time.advance(1000)
    open(room, 'family', 'p-mum')
    await settled(room)
    expect(await visitsOf(store)).toEqual([['p-mum', time.now()]])
  })

  it("the professionals' room records none: the family never opens it", async () => {
    const { room, store } = await loadRoom({ audience: 'professionals' })
    open(room, 'chair', 'p-chair')
    await settled(room)
    expect(await store.listFamilyVisits(MAP_ID)).toEqual([])
  })
})

/** A store whose first family visit write fails. */
class FailingOnce extends MemoryMapStore {
  #failed = false
  override async addFamilyVisit(visit: FamilyVisitRecord): Promise<void> {
    if (!this.#failed) {
      this.#failed = true
      throw new Error('disk full')
    }
    return super.addFamilyVisit(visit)
  }
}
