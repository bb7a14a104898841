import { existsSync } from 'node:fs'
import { join, sep } from 'node:path'
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import fastifyStatic from '@fastify/static'

const NOT_BUILT =
  'The Mapboard web app has not been built yet. Run `pnpm build` (or start with `pnpm start`, which builds it), ' +
  'then restart the server.\n'

/**
 * The built web app. Every `/m/<mapId>` serves index.html (the page reads its token from the fragment);
 * hashed files under /assets are cached for good, everything else is revalidated.
 */
export const webRoutes: FastifyPluginAsync<{ distDir: string }> = async (app, { distDir }) => {
  if (!existsSync(join(distDir, 'index.html'))) {
    app.log.warn({ distDir }, 'no web build found; serving a hint instead')
    const notBuilt = async (_request: unknown, reply: FastifyReply) =>
      reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT)
    app.get('/', notBuilt)
    app.get('/m/:mapId', notBuilt)
    return
  }
  const assetsDir = join(distDir, 'assets') + sep
  await app.register(fastifyStatic, {
    root: distDir,
    wildcard: true,
    index: ['index.html'],
    cacheControl: false,
    setHeaders(reply, path) {
      reply.header(
        'cache-control',
        path.startsWith(assetsDir) ? 'public, max-age=31536000, immutable' : 'no-cache',
      )
    },
  })
  app.get('/m/:mapId', async (_request, reply) => reply.sendFile('index.html'))
}
