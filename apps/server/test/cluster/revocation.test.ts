// Revoking a link closes its sockets on every instance, whichever instance the chair revoked it through
// (decision 0047).
import { afterEach, expect, it } from 'vitest'
import { CloseCode } from '@mapboard/protocol'
import type { LinkInfo } from '@mapboard/protocol'
import { joinAs, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { api } from '../support/api.ts'
import { describeWithRedis } from './support/cluster.ts'
import { startClusterConference } from './support/clusterConference.ts'
import type { ClusterConference } from './support/clusterConference.ts'

let conference: ClusterConference | undefined

afterEach(async () => {
  await conference?.close()
  conference = undefined
})

/** When each client's socket was closed with Forbidden (ms since the epoch), once it has been. */
function closedAt(client: TestClient): { at: number | undefined } {
  const seen: { at: number | undefined } = { at: undefined }
  client.provider.on('connection-close', (event) => {
    if (event?.code === CloseCode.Forbidden && seen.at === undefined) seen.at = Date.now()
  })
  return seen
}

describeWithRedis('revoking a link', () => {
  it('closes its sockets on every instance, the authority’s and the relayed ones', async () => {
    const c = (conference = await startClusterConference())
    const chair = c.connect(c.first, c.chair)
    await chair.synced
    const nurse = await joinAs(c.first, c.map.links.professional, { name: 'Jo Nurse', agency: 'Health' })
    // Two people of the professionals' link: one on the authority, one relayed through the second instance.
    const onAuthority = c.connect(c.first, nurse)
    const relayed = c.connect(c.second, c.professional)
    await Promise.all([onAuthority.synced, relayed.synced])
    const closes = [closedAt(onAuthority), closedAt(relayed)]

    const links = await api(c.second.url, 'GET', `/api/maps/${c.map.id}/links`, c.chair.token)
    const link = (links.body as LinkInfo[]).find((candidate) => candidate.role === 'professional')
    if (link === undefined) throw new Error('the map has no professional link')
    // Revoked through the instance that is not the authority.
    const revoked = await api(c.second.url, 'DELETE', `/api/maps/${c.map.id}/links/${link.id}`, c.chair.token)
    expect(revoked.status).toBe(204)
    const answeredAt = Date.now()
    await waitFor(() => closes.every((close) => close.at !== undefined), 5000, {
      message: 'a socket of the revoked link stayed open',
    })
    const slowest = Math.max(...closes.map((close) => (close.at ?? answeredAt) - answeredAt))
    console.info(`revocation closed the sockets on both instances ${slowest} ms after the answer`)
    // The chair's own link was not revoked: its socket stays.
    expect(chair.provider.wsconnected).toBe(true)
    expect(chair.closes).toEqual([])
  }, 60_000)
})
