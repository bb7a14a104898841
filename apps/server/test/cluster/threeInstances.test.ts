// Three instances serve one map (decision 0047): one is its authority, the other two relay their clients to it.
// Edits travel between clients of all three; when the authority is killed under continuous edits from the other
// two, one of them takes the map over, everyone reconnects, and nothing any client saw is lost; revoking a link
// closes its sockets on all three.
import { afterEach, expect, it } from 'vitest'
import { addNote, readMap } from '@mapboard/map-model'
import { CloseCode } from '@mapboard/protocol'
import type { LinkInfo } from '@mapboard/protocol'
import { joinAs, noteAuthor, tokenFromLink, waitFor } from '@mapboard/test-kit'
import type { SyncServer, TestClient } from '@mapboard/test-kit'
import { api } from '../support/api.ts'
import { startNoteWriter } from '../support/noteWriter.ts'
import type { NoteWriter } from '../support/noteWriter.ts'
import type { ServerProcess } from '../support/serverProcess.ts'
import { startBalancer } from './support/balancer.ts'
import type { Balancer } from './support/balancer.ts'
import { describeWithRedis } from './support/cluster.ts'
import { startClusterConference } from './support/clusterConference.ts'
import type { ClusterConference } from './support/clusterConference.ts'
import { lostNotes, noteTexts, observe as observeOn, sameState, wroteAfter } from './support/failover.ts'
import type { Observer } from './support/failover.ts'

let conference: ClusterConference | undefined
let balancer: Balancer | undefined
const writers: NoteWriter[] = []
const observers: Observer[] = []

afterEach(async () => {
  for (const writer of writers.splice(0)) writer.stop()
  for (const observer of observers.splice(0)) observer.client.destroy()
  await balancer?.close()
  balancer = undefined
  await conference?.close()
  conference = undefined
})

function observe(server: SyncServer, mapId: string, token: string): Observer {
  const observer = observeOn(server, mapId, token)
  observers.push(observer)
  return observer
}

const texts = (client: TestClient): string[] => readMap(client.doc).notes.map((note) => note.text)

async function threeInstances(): Promise<{
  c: ClusterConference
  first: ServerProcess
  second: ServerProcess
  third: ServerProcess
}> {
  const c = (conference = await startClusterConference({ count: 3 }))
  const [first, second, third] = c.instances
  if (first === undefined || second === undefined || third === undefined)
    throw new Error('not three instances')
  return { c, first, second, third }
}

describeWithRedis('three instances', () => {
  it('clients of one map on all three see each other’s edits', async () => {
    const { c, first, second, third } = await threeInstances()
    // The chair's client makes the first the authority; the other two relay theirs to it.
    const chair = c.connect(first, c.chair)
    await chair.synced
    const worker = c.connect(second, c.professional)
    const family = c.connect(third, c.family)
    await Promise.all([worker.synced, family.synced])
    const clients = [chair, worker, family]

    addNote(chair.doc, { zone: 'past-harm', text: 'On the authority', ...noteAuthor(c.chair) })
    addNote(worker.doc, { zone: 'past-harm', text: 'Relayed from the second', ...noteAuthor(c.professional) })
    addNote(family.doc, {
      zone: 'existing-strengths',
      text: 'Relayed from the third',
      ...noteAuthor(c.family),
    })
    const all = ['On the authority', 'Relayed from the second', 'Relayed from the third']
    for (const [i, client] of clients.entries()) {
      await waitFor(() => all.every((text) => texts(client).includes(text)), 5000, {
        message: `client ${i} did not see every instance’s edit`,
      })
    }
    await waitFor(() => clients.every((client) => sameState(client.doc, chair.doc)))
    expect(texts(worker).sort()).toEqual(texts(chair).sort())
    expect(texts(family).sort()).toEqual(texts(chair).sort())
    expect(clients.flatMap((client) => client.closes)).toEqual([])
  }, 60_000)

  it('the authority killed under continuous edits from the other two: everyone reconnects, nothing seen is lost', async () => {
    const { c, first, second, third } = await threeInstances()
    const lb = (balancer = await startBalancer([first.port, second.port, third.port]))
    const viewer = tokenFromLink(c.map.links.viewer)
    // Through the balancer the first client lands on the first instance, which becomes the authority.
    const watchFirst = observe(lb, c.map.id, viewer)
    await watchFirst.client.synced
    const watchSecond = observe(second, c.map.id, viewer)
    const watchThird = observe(third, c.map.id, viewer)
    // The writers are on the other two, relayed to the first until it dies.
    const workerWriter = startNoteWriter(second, c.map.id, c.professional.token, {
      label: 'Worker',
      intervalMs: 40,
      editChance: 0.3,
    })
    const chairWriter = startNoteWriter(third, c.map.id, c.chair.token, {
      label: 'Chair',
      intervalMs: 40,
      editChance: 0.3,
    })
    writers.push(workerWriter, chairWriter)
    const watching = [watchFirst, watchSecond, watchThird]
    await Promise.all([
      ...watching.map((w) => w.client.synced),
      workerWriter.client.synced,
      chairWriter.client.synced,
    ])
    const both = (seen: Set<string>) => wroteAfter('Chair', 5)(seen) && wroteAfter('Worker', 5)(seen)
    await waitFor(() => watching.every((w) => both(w.seen)), 15_000, {
      message: 'the writers’ notes did not reach every instance’s observer',
    })

    await first.kill('SIGKILL')
    const killedAt = Date.now()
    const addedAtKill = { chair: chairWriter.added, worker: workerWriter.added }
    const recovered = (seen: Set<string>) =>
      wroteAfter('Chair', addedAtKill.chair + 5)(seen) && wroteAfter('Worker', addedAtKill.worker + 5)(seen)
    await waitFor(() => watching.every((w) => recovered(w.seen)), 30_000, {
      message: 'neither remaining instance took the map over',
    })
    console.info(
      `both writers' notes reached all three observers again ${Date.now() - killedAt} ms after the kill`,
    )

    for (const writer of writers) writer.pause()
    // Everyone converges; a client that connects now, on either instance left, loads what the new authority holds.
    const fresh = [observe(second, c.map.id, viewer), observe(third, c.map.id, viewer)]
    await Promise.all(fresh.map((f) => f.client.synced))
    const everyone = [workerWriter.client.doc, chairWriter.client.doc, ...watching.map((w) => w.client.doc)]
    const reference = fresh[0]?.client.doc
    if (reference === undefined) throw new Error('no fresh observer')
    await waitFor(
      () => [...everyone, ...fresh.map((f) => f.client.doc)].every((doc) => sameState(doc, reference)),
      15_000,
      {
        message: 'the clients did not converge after the failover',
      },
    )
    const stored = noteTexts(reference)
    for (const w of watching) expect(lostNotes(w.seen, stored)).toEqual([])
    expect(stored.size).toBeGreaterThan(addedAtKill.chair + addedAtKill.worker)
  }, 120_000)

  it('revoking a link closes its sockets on all three, whichever instance it was revoked through', async () => {
    const { c, first, second, third } = await threeInstances()
    const chair = c.connect(first, c.chair)
    await chair.synced
    const nurse = await joinAs(first, c.map.links.professional, { name: 'Jo Nurse', agency: 'Health' })
    const officer = await joinAs(third, c.map.links.professional, { name: 'PC Jones', agency: 'Police' })
    // Three people of the professionals' link, one on each instance; the first is the authority.
    const linked = [c.connect(first, nurse), c.connect(second, c.professional), c.connect(third, officer)]
    // The family's device on the third: another link, which stays.
    const family = c.connect(third, c.family)
    await Promise.all([...linked, family].map((client) => client.synced))

    const links = await api(third.url, 'GET', `/api/maps/${c.map.id}/links`, c.chair.token)
    const link = (links.body as LinkInfo[]).find((candidate) => candidate.role === 'professional')
    if (link === undefined) throw new Error('the map has no professional link')
    // Revoked through the third instance, which is not the authority.
    const revoked = await api(third.url, 'DELETE', `/api/maps/${c.map.id}/links/${link.id}`, c.chair.token)
    expect(revoked.status).toBe(204)
    for (const [i, client] of linked.entries()) {
      await waitFor(() => client.closes.some((close) => close.code === CloseCode.Forbidden), 5000, {
        message: `the revoked link's socket on instance ${i + 1} stayed open`,
      })
    }
    // The others stay, and still get edits.
    addNote(chair.doc, { zone: 'past-harm', text: 'After the revocation', ...noteAuthor(c.chair) })
    await waitFor(() => texts(family).includes('After the revocation'))
    expect([...chair.closes, ...family.closes]).toEqual([])
  }, 60_000)
})
