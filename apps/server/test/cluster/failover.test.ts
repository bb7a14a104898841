// The authority of a map is killed with SIGKILL while people on both instances keep writing. Its clients
// reconnect, through the load balancer, to the other instance, which takes the lease once it lapses and loads the
// map from the store; the other instance's relayed clients reconnect there too. Nothing any client saw is lost,
// and every writer's notes, those written while it was cut off included, end up with everyone (decision 0047).
import { afterEach, expect, it } from 'vitest'
import { tokenFromLink, waitFor } from '@mapboard/test-kit'
import type { SyncServer } from '@mapboard/test-kit'
import { startNoteWriter } from '../support/noteWriter.ts'
import type { NoteWriter } from '../support/noteWriter.ts'
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

describeWithRedis('the authority killed under continuous edits', () => {
  it('its clients reconnect to the other instance and no update any client saw is lost', async () => {
    const c = (conference = await startClusterConference())
    const lb = (balancer = await startBalancer([c.first.port, c.second.port]))
    const viewer = tokenFromLink(c.map.links.viewer)
    // Through the balancer, everyone lands on the first instance, which becomes the authority.
    const watchFirst = observe(lb, c.map.id, viewer)
    await watchFirst.client.synced
    const chairWriter = startNoteWriter(lb, c.map.id, c.chair.token, { label: 'Chair', intervalMs: 40 })
    // Directly on the second: relayed to the first until it dies.
    const watchSecond = observe(c.second, c.map.id, viewer)
    const workerWriter = startNoteWriter(c.second, c.map.id, c.professional.token, {
      label: 'Worker',
      intervalMs: 40,
      editChance: 0.3,
    })
    writers.push(chairWriter, workerWriter)
    await Promise.all([watchSecond.client.synced, chairWriter.client.synced, workerWriter.client.synced])
    const bothWriters = (seen: Set<string>) =>
      [...seen].some((text) => text.startsWith('Chair #')) &&
      [...seen].some((text) => text.startsWith('Worker #'))
    await waitFor(
      () => bothWriters(watchFirst.seen) && bothWriters(watchSecond.seen) && watchSecond.seen.size > 20,
    )

    await c.first.kill('SIGKILL')
    const killedAt = Date.now()
    const addedAtKill = { chair: chairWriter.added, worker: workerWriter.added }
    // Writing goes on; the second instance takes over and both writers' later notes reach both observers.
    const recovered = (seen: Set<string>) =>
      wroteAfter('Chair', addedAtKill.chair + 5)(seen) && wroteAfter('Worker', addedAtKill.worker + 5)(seen)
    await waitFor(() => recovered(watchFirst.seen) && recovered(watchSecond.seen), 30_000, {
      message: 'the second instance did not take over the map',
    })
    console.info(`both writers' notes flowed again ${Date.now() - killedAt} ms after the kill`)

    for (const writer of writers) writer.pause()
    // Everyone converges on one state, and a client that connects now loads it from the new authority's store.
    const fresh = observe(c.second, c.map.id, viewer)
    await fresh.client.synced
    const everyone = [
      chairWriter.client.doc,
      workerWriter.client.doc,
      watchFirst.client.doc,
      watchSecond.client.doc,
    ]
    await waitFor(() => everyone.every((doc) => sameState(doc, fresh.client.doc)), 15_000, {
      message: 'the clients did not converge after the failover',
    })
    const stored = noteTexts(fresh.client.doc)
    for (const seen of [watchFirst.seen, watchSecond.seen]) expect(lostNotes(seen, stored)).toEqual([])
    expect(stored.size).toBeGreaterThan(addedAtKill.chair + addedAtKill.worker)
  }, 120_000)
})
