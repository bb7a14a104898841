// A stock y-websocket client repeats every presence change it hears back to the server. On one instance the room
// charges those echoes bytes only (rooms/AwarenessRelay.ts, FrameBudget.ts); a client relayed through another
// instance must not be charged them as its own awareness frames there either, or a busy meeting would close it
// with 4429 while the same client connected to the authority stays (decision 0049).
import { afterEach, expect, it } from 'vitest'
import { joinAs, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { describeWithRedis } from './support/cluster.ts'
import { startClusterConference } from './support/clusterConference.ts'
import type { ClusterConference } from './support/clusterConference.ts'

let conference: ClusterConference | undefined
const timers: NodeJS.Timeout[] = []

afterEach(async () => {
  for (const timer of timers.splice(0)) clearInterval(timer)
  await conference?.close()
  conference = undefined
})

/** How often each person's pointer is published (apps/web RemoteCursors.ts: CURSOR_INTERVAL_MS). */
const CURSOR_INTERVAL_MS = 100

describeWithRedis('presence in a busy meeting', () => {
  it('a relayed client echoing everyone’s pointers is charged as a local one is, and stays connected', async () => {
    const c = (conference = await startClusterConference())
    const people = [
      c.chair,
      c.professional,
      c.family,
      await joinAs(c.first, c.map.links.professional, { name: 'PC Jones', agency: 'Police' }),
    ]
    // Everyone moving a pointer at once, on the authority (the second): four people, two tabs each.
    const movers: TestClient[] = []
    for (const who of [...people, ...people, ...people]) movers.push(c.connect(c.second, who))
    await Promise.all(movers.map((client) => client.synced))
    // Two people who only watch, each a stock client that echoes what it hears: one on the authority, one relayed.
    const student = await joinAs(c.first, c.map.links.viewer, { name: 'Student' })
    const local = c.connect(c.second, student)
    const relayed = c.connect(c.first, student)
    await Promise.all([local.synced, relayed.synced])

    let moves = 0
    for (const [i, mover] of movers.entries()) {
      timers.push(
        setInterval(() => {
          moves++
          mover.provider.awareness.setLocalStateField('cursor', { x: i, y: moves })
        }, CURSOR_INTERVAL_MS / 2),
      )
    }
    // Eighty pointer moves a second, for longer than a relayed client's awareness burst and throttle would last.
    const heard = (client: TestClient) => client.provider.awareness.getStates().size
    await waitFor(() => heard(relayed) >= movers.length && heard(local) >= movers.length)
    const started = Date.now()
    await waitFor(() => Date.now() - started > 10_000 || relayed.closes.length > 0, 20_000, {
      intervalMs: 200,
    })
    console.info(`${moves} pointer moves in ${Date.now() - started} ms`)
    expect(local.closes).toEqual([])
    expect(relayed.closes).toEqual([])
  }, 60_000)
})
