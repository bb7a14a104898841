// A map served by two (or more) instances, with a chair, a professional and the family joined, and clients
// connected to whichever instance a test names. The first client to connect makes its instance the map's authority.
import type { CreateMapResponse, JoinResponse } from '@mapboard/protocol'
import { connectClient, joinAs } from '@mapboard/test-kit'
import type { ConnectClientOptions, TestClient } from '@mapboard/test-kit'
import { createMapOn } from '../../support/serverProcess.ts'
import type { ServerProcess } from '../../support/serverProcess.ts'
import { startCluster } from './cluster.ts'
import type { TestCluster } from './cluster.ts'

export interface ClusterConference {
  readonly cluster: TestCluster
  readonly first: ServerProcess
  readonly second: ServerProcess
  /** Every instance, `first` and `second` the first two. */
  readonly instances: readonly ServerProcess[]
  readonly map: CreateMapResponse
  readonly chair: JoinResponse
  readonly professional: JoinResponse
  readonly family: JoinResponse
  /** A y-websocket client of the map (or of `room`, e.g. its professionals' document) on `instance`. */
  connect(
    instance: ServerProcess,
    who: JoinResponse,
    options?: ConnectClientOptions & { room?: string },
  ): TestClient
  /** Destroys the clients, ends the instances, removes their data and keys. */
  close(): Promise<void>
}

export interface ClusterConferenceOptions {
  /** How many instances (default 2). */
  count?: number
  env?: NodeJS.ProcessEnv
}

export async function startClusterConference({
  count = 2,
  env = {},
}: ClusterConferenceOptions = {}): Promise<ClusterConference> {
  const cluster = await startCluster(count, env)
  const [first, second] = cluster.instances
  if (first === undefined || second === undefined) throw new Error('the cluster did not start two instances')
  const map = await createMapOn(first, 'Review conference', env.MAPBOARD_ADMIN_TOKEN)
  const chair = await joinAs(first, map.links.chair, { name: 'Ann Chair', agency: 'Reviewing' })
  const professional = await joinAs(second, map.links.professional, {
    name: 'Sam Worker',
    agency: 'Social care',
  })
  const family = await joinAs(second, map.links.family, { name: 'Mum' })
  const clients: TestClient[] = []
  return {
    cluster,
    first,
    second,
    instances: [...cluster.instances],
    map,
    chair,
    professional,
    family,
    connect(instance, who, { room = map.id, ...options } = {}) {
      const client = connectClient(instance, room, who, options)
      clients.push(client)
      return client
    },
    async close() {
      for (const client of clients.splice(0)) client.destroy()
      await cluster.close()
    },
  }
}
