import fp from 'fastify-plugin'
import { sendError } from '../http/errors.ts'
import type { MapErasure } from '../storage/MapErasure.ts'

/** The addresses that name a map: its page, its API and its sync sockets. */
const MAP_ADDRESS = /^\/(m|api\/maps|sync)\/([A-Za-z0-9_-]{1,64})(?:[/?#]|$)/

const ERASED_PAGE = `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>This map has been erased</title></head>
<body>
<main>
<h1>This map has been erased</h1>
<p>Nothing of it is kept here any more, so this link no longer opens anything.</p>
<p>If you need the record of the meeting, ask the chair or the team that arranged it.</p>
</main>
</body>
</html>
`

/**
 * Every address of an erased map answers 410 before anything else looks at it (decision 0042): its page with a
 * plain page saying so, its API and its sync upgrade with JSON `MAP_ERASED` (a socket is never opened).
 */
export const erasedMaps = fp<{ store: MapErasure }>(
  async (app, { store }) => {
    app.addHook('onRequest', async (request, reply) => {
      const match = MAP_ADDRESS.exec(request.url)
      const [, kind, mapId] = match ?? []
      if (mapId === undefined || (await store.getErasure(mapId)) === undefined) return
      if (kind === 'm') {
        await reply
          .code(410)
          .header('cache-control', 'no-cache')
          .type('text/html; charset=utf-8')
          .send(ERASED_PAGE)
        return
      }
      await sendError(reply, 410, 'MAP_ERASED', 'This map has been erased')
    })
  },
  { name: 'mapboard-erased-maps', fastify: '5.x' },
)
