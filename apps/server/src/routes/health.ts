import type { FastifyPluginAsync } from 'fastify'

/** `GET /healthz` answers once the app is ready, which includes the store being open. */
export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/healthz',
    { schema: { response: { 200: { type: 'object', properties: { status: { type: 'string' } } } } } },
    async () => ({ status: 'ok' }),
  )
}
