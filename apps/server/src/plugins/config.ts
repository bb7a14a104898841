import fp from 'fastify-plugin'
import type { ServerConfig } from '../config.ts'

declare module 'fastify' {
  interface FastifyInstance {
    config: Readonly<ServerConfig>
    /** The server's clock, ms since the epoch (tests pass a fake one as `buildApp({ now })`). */
    clock: () => number
  }
}

/** The resolved configuration, for every plugin and route to read. */
export const configPlugin = fp<{ config: ServerConfig; now?: () => number }>(
  async (app, { config, now = Date.now }) => {
    app.decorate('config', Object.freeze({ ...config }))
    app.decorate('clock', now)
  },
  { name: 'mapboard-config', fastify: '5.x' },
)
