import fp from 'fastify-plugin'
import { RoomRegistry } from '../rooms/RoomRegistry.ts'
import type { UpdateRules } from '../rooms/UpdateGate.ts'

declare module 'fastify' {
  interface FastifyInstance {
    rooms: RoomRegistry
  }
}

/**
 * The live rooms. Registered after storage, so on close (hooks run last-registered first) the rooms store what is
 * pending before the store closes.
 */
export const roomsPlugin = fp<{ rules?: UpdateRules }>(
  async (app, { rules }) => {
    const { unloadGraceMs, compactionThreshold, keepaliveIntervalMs } = app.config
    const logger = app.log.child({ component: 'rooms' })
    const options = { store: app.store, logger, unloadGraceMs, compactionThreshold, keepaliveIntervalMs }
    const rooms = new RoomRegistry(rules === undefined ? options : { ...options, rules })
    app.decorate('rooms', rooms)
    app.addHook('onClose', async () => {
      await rooms.close()
    })
  },
  { name: 'mapboard-rooms', fastify: '5.x', dependencies: ['mapboard-config', 'mapboard-storage'] },
)
