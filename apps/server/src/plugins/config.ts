import fp from 'fastify-plugin'
import type { ServerConfig } from '../config.ts'

declare module 'fastify' {
  interface FastifyInstance {
    config: Readonly<ServerConfig>
  }
}

/** The resolved configuration, for every plugin and route to read. */
export const configPlugin = fp<{ config: ServerConfig }>(
  async (app, { config }) => {
    app.decorate('config', Object.freeze({ ...config }))
  },
  { name: 'mapboard-config', fastify: '5.x' },
)
