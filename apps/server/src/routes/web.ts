import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, sep } from 'node:path'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import fastifyStatic from '@fastify/static'
import type { NotFoundPage } from '../http/errors.ts'
import type { MapCatalog } from '../storage/MapCatalog.ts'

const NOT_BUILT =
  'The Mapboard web app has not been built yet. Run `pnpm build` (or start with `pnpm start`, which builds it), ' +
  'then restart the server.\n'

/** Paths that are never pages: the JSON API, the sync socket and the health check keep their JSON 404. */
const NOT_PAGES = /^\/(?:api|sync|healthz)(?:[/?]|$)/

/**
 * Whether a request is a person's browser opening an address (a link, the address bar, a reload), as opposed to
 * a script or tool asking for data: those keep the JSON answers the contracts fix.
 */
export function isPageNavigation(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false
  if (NOT_PAGES.test(request.url)) return false
  const mode = request.headers['sec-fetch-mode']
  if (mode !== undefined) return mode === 'navigate'
  return (request.headers.accept ?? '').includes('text/html')
}

/**
 * The web app's page with status 404, for a browser that opened an address with nothing behind it: the app sees
 * the status (or the path) and shows "This map could not be found" in its own fonts and styles, not raw JSON.
 */
export function webNotFoundPage(distDir: string): NotFoundPage {
  const indexPath = join(distDir, 'index.html')
  return async (request, reply) => {
    if (!isPageNavigation(request) || !existsSync(indexPath)) return undefined
    return sendPage(reply.code(404), indexPath)
  }
}

async function sendPage(reply: FastifyReply, indexPath: string): Promise<FastifyReply> {
  return reply
    .header('cache-control', 'no-cache')
    .type('text/html; charset=utf-8')
    .send(await readFile(indexPath))
}

/**
 * The built web app. Every `/m/<mapId>` serves index.html (the page reads its token from the fragment), with
 * status 404 when there is no such map; hashed files under /assets are cached for good, everything else is
 * revalidated.
 */
export const webRoutes: FastifyPluginAsync<{ distDir: string; maps: MapCatalog }> = async (
  app,
  { distDir, maps },
) => {
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
  app.get<{ Params: { mapId: string } }>('/m/:mapId', async (request, reply) => {
    // Map ids are 128 random bits: saying that one does not exist tells a guesser nothing.
    const map = await maps.getMap(request.params.mapId)
    if (map === undefined) reply.code(404)
    return reply.sendFile('index.html')
  })
}
