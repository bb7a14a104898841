// The hostile suite across instances (decision 0049): the essential attacks of a modified client
// (support/attacks.ts) sent from instance A against a victim on instance B — once with the attacker relayed through
// A to the authority B, once with the victim relayed and the attacker on the authority — and, for comparison, on
// one instance. Each time the attacker gets the answer one instance gives, the victim's document never shows the
// attack, and the victim stays connected and in sync, its own next edit reaching everyone.
import { randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addNote, readMap } from '@mapboard/map-model'
import type { MapSnapshot } from '@mapboard/map-model'
import type { JoinResponse } from '@mapboard/protocol'
import { connectClient, joinAs, noteAuthor, waitFor } from '@mapboard/test-kit'
import type { SyncServer, TestClient } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import { writeTheScene, NOTES } from '../permissions/conference.ts'
import { ESSENTIAL_ATTACKS } from '../support/attacks.ts'
import type { Attack, AttackScene, Attacker } from '../support/attacks.ts'
import { bytesContain } from '../support/download.ts'
import { awarenessFrame, fetchDocument } from '../support/frames.ts'
import { HostileClient } from '../support/hostileClient.ts'
import type { HostileClientOptions } from '../support/hostileClient.ts'
import { createMapOn } from '../support/serverProcess.ts'
import { describeWithRedis, startCluster } from './support/cluster.ts'
import type { TestCluster } from './support/cluster.ts'

type Instance = SyncServer & { readonly url: string }

interface Placement {
  name: string
  /** Where the attacker connects. */
  attackerOn(): Instance
  /** Where the victims (the chair and the police officer) connect. */
  victimOn(): Instance
  /** The instance that becomes the map's authority (its first client connects there). */
  authority(): Instance
}

/**
 * A cluster per placement: each test makes a map, and map creation is limited per address (30 in 10 minutes) —
 * counted across a cluster's instances.
 */
const clusters: TestCluster[] = []
let single: TestServer | undefined
const clients: TestClient[] = []
const hostiles: HostileClient[] = []

beforeAll(async () => {
  clusters.push(...(await Promise.all([startCluster(2), startCluster(2)])))
  single = await startServer()
}, 60_000)

afterAll(async () => {
  await Promise.all(clusters.splice(0).map((cluster) => cluster.close()))
  await single?.close()
})

afterEach(() => {
  for (const client of clients.splice(0)) client.destroy()
  for (const hostile of hostiles.splice(0)) hostile.close()
})

const instance = (cluster: number, index: number): Instance => {
  const found = clusters[cluster]?.instances[index]
  if (found === undefined) throw new Error('the cluster is not running')
  return found
}
const alone = (): Instance => {
  if (single === undefined) throw new Error('the single server is not running')
  return single
}

const PLACEMENTS: readonly Placement[] = [
  { name: 'on one instance', attackerOn: alone, victimOn: alone, authority: alone },
  {
    name: 'the attacker relayed through another instance than the authority',
    attackerOn: () => instance(0, 0),
    victimOn: () => instance(0, 1),
    authority: () => instance(0, 1),
  },
  {
    name: 'the attacker on the authority, the victim relayed',
    attackerOn: () => instance(1, 0),
    victimOn: () => instance(1, 1),
    authority: () => instance(1, 0),
  },
]

function connect(server: Instance, mapId: string, who: JoinResponse): TestClient {
  const client = connectClient(server, mapId, who)
  clients.push(client)
  return client
}

interface Stage {
  scene: AttackScene
  people: Record<Attacker | 'viewer', JoinResponse>
  mapId: string
  /** The victims: the chair and the police officer, connected to the victims' instance. */
  chair: TestClient
  police: TestClient
  /** The map as everyone read it before the attack. */
  before: MapSnapshot
  /** Every view of the map the victims' documents had from the attack on. */
  views: MapSnapshot[]
}

/**
 * A map with the permission tests' scene, written by its authors on the authority (so it becomes the authority)
 * and locked by the chair from the victims' instance.
 */
async function stage(placement: Placement): Promise<Stage> {
  const authority = placement.authority()
  const map = await createMapOn(authority, 'Initial child protection conference')
  const joinOn = (link: string, who: { name: string; agency?: string }) => joinAs(authority, link, who)
  const people = {
    chair: await joinOn(map.links.chair, { name: 'Ann Chair', agency: 'Independent reviewing' }),
    professional: await joinOn(map.links.professional, { name: 'Sam Okafor', agency: 'Social care' }),
    police: await joinOn(map.links.professional, { name: 'PC Jones', agency: 'Police' }),
    family: await joinOn(map.links.family, { name: 'Mum' }),
    viewer: await joinOn(map.links.viewer, { name: 'Student' }),
  }
  const authors = [connect(authority, map.id, people.professional), connect(authority, map.id, people.family)]
  await Promise.all(authors.map((client) => client.synced))
  const chair = connect(placement.victimOn(), map.id, people.chair)
  const police = connect(placement.victimOn(), map.id, people.police)
  await Promise.all([chair.synced, police.synced])
  const [professional, family] = authors as [TestClient, TestClient]
  await writeTheScene({ chair, professional, family }, people)
  await waitFor(() => readMap(police.doc).locks.length === 1 && sameDoc(police.doc, chair.doc))
  for (const author of authors) author.destroy()
  const before = readMap(chair.doc)
  const views: MapSnapshot[] = []
  for (const victim of [chair, police]) victim.doc.on('update', () => views.push(readMap(victim.doc)))
  return {
    scene: {
      audience: 'shared',
      notes: NOTES,
      ...people,
      victim: { clientId: chair.doc.clientID, nextClock: Y.getState(chair.doc.store, chair.doc.clientID) },
    },
    people,
    mapId: map.id,
    chair,
    police,
    before,
    views,
  }
}

const sameDoc = (a: Y.Doc, b: Y.Doc): boolean => Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b))

async function hostile(
  placement: Placement,
  s: Stage,
  who: Attacker,
  options?: HostileClientOptions,
): Promise<HostileClient> {
  const client = await HostileClient.connect(placement.attackerOn(), s.mapId, s.people[who].token, options)
  hostiles.push(client)
  return client
}

/**
 * The victims were never closed, never read anything but the map as it was, and are in sync: newcomers on both
 * instances read what they read, and the chair's next edit — at the clock a crafted delete aimed at — reaches
 * everyone.
 */
async function expectVictimsUntouched(placement: Placement, s: Stage): Promise<void> {
  const newcomers = [
    connect(placement.victimOn(), s.mapId, s.people.viewer),
    connect(placement.attackerOn(), s.mapId, s.people.viewer),
  ]
  await Promise.all(newcomers.map((client) => client.synced))
  for (const doc of [s.chair.doc, s.police.doc]) {
    await waitFor(() => newcomers.every((newcomer) => sameDoc(newcomer.doc, doc)), 5000, {
      message: 'a victim is not in sync with what the authority holds',
    })
  }
  expect(readMap(s.chair.doc)).toEqual(s.before)
  // Every view either victim's document gave since the attack: the map as it was.
  expect(s.views.filter((view) => JSON.stringify(view) !== JSON.stringify(s.before))).toEqual([])
  expect([...s.chair.closes, ...s.police.closes]).toEqual([])

  const text = `Carrying on ${randomBytes(4).toString('hex')}`
  addNote(s.chair.doc, { zone: 'next-steps', text, ...noteAuthor(s.people.chair) })
  for (const client of [s.police, ...newcomers]) {
    await waitFor(() => readMap(client.doc).notes.some((note) => note.text === text), 5000, {
      message: 'the victim’s next edit did not reach everyone',
    })
  }
  await waitFor(() => sameDoc(s.police.doc, s.chair.doc))
  expect(readMap(s.police.doc).notes).toHaveLength(s.before.notes.length + 1)
}

async function expectOutcome(attack: Attack, client: HostileClient, s: Stage, marker: string): Promise<void> {
  if ('refused' in attack.outcome) {
    await waitFor(() => client.refusals.length > 0, 5000, { message: `no refusal (${attack.name})` })
    expect(client.refusals.map((refusal) => refusal.rule)).toEqual([attack.outcome.refused])
    // Its own view snaps back once it has what the server sent it.
    await client.sync()
    expect(readMap(client.doc)).toEqual(s.before)
    expect(client.open).toBe(true)
    return
  }
  expect(await client.closeCode()).toBe(attack.outcome.closed)
  const { refusals } = attack.outcome
  if (refusals !== undefined) {
    expect(client.refusals).toHaveLength(refusals)
    return
  }
  // Refused before anything of it was applied: not a byte of it reached a victim.
  for (const victim of [s.chair, s.police]) {
    expect(bytesContain(Y.encodeStateAsUpdate(victim.doc), marker)).toBe(false)
  }
}

describeWithRedis('the hostile suite across instances', () => {
  describe.each(PLACEMENTS)('$name', (placement) => {
    it.each(ESSENTIAL_ATTACKS.map((attack) => [attack.name, attack] as const))(
      '%s',
      async (_name, attack) => {
        const s = await stage(placement)
        const marker = `ATTACK-${randomBytes(6).toString('hex')}`
        const client = await hostile(placement, s, attack.attacker, attack.options?.(s.scene))
        await attack.send(client, s.scene, marker)
        await expectOutcome(attack, client, s, marker)
        await expectVictimsUntouched(placement, s)
      },
      60_000,
    )

    it('awareness: the sender’s claimed user is replaced by its token’s; the victim’s own state is not the sender’s to set', async () => {
      const s = await stage(placement)
      s.chair.provider.awareness.setLocalState({ cursor: { x: 1, y: 2 } })
      await waitFor(
        () => s.police.provider.awareness.getStates().get(s.chair.doc.clientID)?.cursor !== undefined,
      )
      const client = await hostile(placement, s, 'family')
      const forged = `FORGED-${randomBytes(6).toString('hex')}`
      await client.raw.send(
        awarenessFrame([{ clientId: s.chair.doc.clientID, clock: 10_000, state: { cursor: forged } }]),
      )
      await client.raw.send(
        awarenessFrame([
          {
            clientId: 777_777,
            clock: 1,
            state: {
              user: { id: s.people.chair.participant.id, name: forged, role: 'chair' },
              cursor: { x: 5 },
            },
          },
        ]),
      )
      // Frames are handled in order: once its document answer is back, both awareness frames have been.
      await fetchDocument(client.raw)
      await waitFor(() => s.police.provider.awareness.getStates().has(777_777), 5000, {
        message: 'the sender’s own awareness never reached the victims',
      })
      const { id, name, role, agency } = s.people.family.participant
      expect(s.police.provider.awareness.getStates().get(777_777)).toEqual({
        user: { id, name, role, agency },
        cursor: { x: 5 },
      })
      for (const victim of [s.chair, s.police]) {
        expect(victim.provider.awareness.getStates().get(s.chair.doc.clientID)?.cursor).toEqual({
          x: 1,
          y: 2,
        })
        expect(JSON.stringify([...victim.provider.awareness.getStates().values()])).not.toContain(forged)
      }
      expect(client.open).toBe(true)
      await expectVictimsUntouched(placement, s)
    }, 60_000)
  })
})
