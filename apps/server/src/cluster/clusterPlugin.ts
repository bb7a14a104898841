import fp from 'fastify-plugin'
import { CLUSTER_NEEDS_POSTGRES, ConfigError } from '../config.ts'
import type { RoomStore } from '../rooms/Room.ts'
import { ClusterPlacement } from './ClusterPlacement.ts'
import { FencedRoomStore } from './FencedRoomStore.ts'
import { RedisLink } from './RedisLink.ts'
import { RoomLeases } from './RoomLeases.ts'
import { SharedRateCounts } from './SharedRateCounts.ts'

export const DEFAULT_REDIS_PREFIX = 'mapboard:'

/** What the rooms use of the cluster: where each room is served, and the store their writes are fenced in. */
export interface Cluster {
  readonly instanceId: string
  readonly placement: ClusterPlacement
  readonly store: RoomStore
  /** The HTTP limits' counts, shared by every instance (decision 0049). */
  readonly rateCounts: SharedRateCounts
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Set when `MAPBOARD_REDIS_URL` is: this instance serves maps together with others (decision 0047). */
    cluster: Cluster | null
  }
}

/**
 * Several instances (`MAPBOARD_REDIS_URL`): connects to Redis and gives the rooms a placement and a fenced store.
 * Registered before the rooms, so it closes after them: their last writes and lease releases go out first.
 */
export const clusterPlugin = fp(
  async (app) => {
    const { redisUrl, redisPrefix, intakeLimits, keepaliveIntervalMs } = app.config
    if (redisUrl === undefined) {
      app.decorate('cluster', null)
      return
    }
    // Only a store that checks each write's fence in its transaction keeps a paused authority from writing over
    // the next one; a SQLite file cannot be shared by several instances anyway.
    if (!app.store.fencesWrites) throw new ConfigError(CLUSTER_NEEDS_POSTGRES)
    const logger = app.log.child({ component: 'cluster' })
    // Redis delivers to the placement, which needs the link first.
    const deliver: { to?: ClusterPlacement } = {}
    const link = await RedisLink.open({
      url: redisUrl,
      prefix: redisPrefix ?? DEFAULT_REDIS_PREFIX,
      logger,
      onMessage: (message) => deliver.to?.receive(message),
      onDown: () => deliver.to?.down(),
    })
    const leases = new RoomLeases({ link, logger, onLost: (room) => app.rooms.evict(room) })
    const placement = new ClusterPlacement({ link, leases, logger, intakeLimits, keepaliveIntervalMs })
    deliver.to = placement
    app.decorate('cluster', {
      instanceId: link.instanceId,
      placement,
      store: new FencedRoomStore(app.store, leases),
      rateCounts: new SharedRateCounts({ redis: link.commands, prefix: link.key('limit:'), logger }),
    })
    app.addHook('onClose', async () => {
      placement.close()
      leases.close()
      await link.close()
    })
    logger.info({ instance: link.instanceId }, 'serving maps together with other instances')
  },
  { name: 'mapboard-cluster', fastify: '5.x', dependencies: ['mapboard-config', 'mapboard-storage'] },
)
