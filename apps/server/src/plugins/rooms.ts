import fp from 'fastify-plugin'
import { permissionRules } from '../rooms/permissionRules.ts'
import { RoomOperations } from '../rooms/RoomOperations.ts'
import { RoomRegistry } from '../rooms/RoomRegistry.ts'
import type { RulesFactory } from '../rooms/UpdateGate.ts'

declare module 'fastify' {
  interface FastifyInstance {
    rooms: RoomRegistry
    /** What HTTP routes do with a live room, run where the room is served (decision 0047). */
    roomOperations: RoomOperations
  }
}

/**
 * The live rooms. Registered after storage, so on close (hooks run last-registered first) the rooms store what is
 * pending before the store closes. Rules: map-model's permission rules unless others are given; `false` applies
 * every writer's update unchecked (benchmarks measure the rules' cost against that). `now`: the rooms' clock.
 */
export const roomsPlugin = fp<{ rules?: RulesFactory | false; now?: () => number }>(
  async (app, { rules = permissionRules, now }) => {
    const { unloadGraceMs, compactionThreshold, keepaliveIntervalMs, resyncTimeoutMs, intakeLimits } =
      app.config
    const logger = app.log.child({ component: 'rooms' })
    const { cluster } = app
    const options = {
      // Several instances: rooms are placed by their leases, and write only while they hold them (decision 0047).
      store: cluster?.store ?? app.store,
      ...(cluster === null ? {} : { placement: cluster.placement }),
      logger,
      unloadGraceMs,
      compactionThreshold,
      keepaliveIntervalMs,
      resyncTimeoutMs,
      intakeLimits,
      ...(now === undefined ? {} : { now }),
    }
    if (rules === false) logger.warn('permission rules are off: every writer’s update is applied unchecked')
    const rooms = new RoomRegistry(rules === false ? options : { ...options, rules })
    const operations = new RoomOperations({
      registry: rooms,
      logger,
      ...(cluster === null ? {} : { placement: cluster.placement }),
    })
    cluster?.placement.attach(rooms, operations)
    app.decorate('rooms', rooms)
    app.decorate('roomOperations', operations)
    app.addHook('onClose', async () => {
      await rooms.close()
    })
  },
  {
    name: 'mapboard-rooms',
    fastify: '5.x',
    dependencies: ['mapboard-config', 'mapboard-storage', 'mapboard-cluster'],
  },
)
