import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { WebsocketPluginOptions } from '@fastify/websocket'
import WebSocket from 'ws'
import {
  CloseCode,
  MAX_MESSAGE_BYTES,
  PROFESSIONALS_ROOM_SUFFIX,
  closeCodeReason,
  mayOpenAudience,
} from '@mapboard/protocol'
import type { DocumentAudience } from '@mapboard/protocol'
import { sendError } from '../http/errors.ts'
import { upgradeOriginAllowed } from '../http/upgradeOrigin.ts'
import { Connection } from '../rooms/Connection.ts'
import type { LinkStore } from '../storage/LinkStore.ts'
import type { MapCatalog } from '../storage/MapCatalog.ts'
import { authorizeLink } from '../tokens/authorizeLink.ts'

export const SYNC_ROUTE = '/sync/:mapId'
/** The professionals' document of a map (architecture.md, "Audiences"): chair and professional tokens only. */
export const PROFESSIONALS_SYNC_ROUTE = `/sync/:mapId${PROFESSIONALS_ROOM_SUFFIX}`
const SYNC_ROUTES: ReadonlySet<string> = new Set([SYNC_ROUTE, PROFESSIONALS_SYNC_ROUTE])

interface SyncRoute {
  Params: { mapId: string }
  // A parameter given twice arrives as an array.
  Querystring: { token?: string | string[] }
}

const MAP_ID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * ws fails a frame longer than `maxPayload` with close code 1009 before reading it into memory; our clients are
 * told MessageTooLarge (4413), which also stops a y-websocket client from retrying the same frame.
 */
class SyncWebSocket extends WebSocket {
  override close(code?: number, data?: string | Buffer): void {
    if (code === 1009) super.close(CloseCode.MessageTooLarge, closeCodeReason(CloseCode.MessageTooLarge))
    else super.close(code, data)
  }
}

type WebSocketClass = NonNullable<NonNullable<WebsocketPluginOptions['options']>['WebSocket']>

/** Options for `@fastify/websocket`, which buildApp registers at the root (its upgrade listener is global). */
export const websocketOptions: WebsocketPluginOptions = {
  options: {
    maxPayload: MAX_MESSAGE_BYTES,
    // No compression: a small compressed frame could inflate past every limit.
    perMessageDeflate: false,
    // @fastify/websocket's types see ws's CommonJS declaration, ours the ESM one; ws only constructs the class.
    WebSocket: SyncWebSocket as unknown as WebSocketClass,
  },
  errorHandler(error, socket, request) {
    const code = (error as NodeJS.ErrnoException).code
    request.log.warn({ code, reason: error.message }, 'websocket error')
    // ws has already started closing on protocol errors (e.g. an oversized frame); anything else is dropped.
    if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) socket.terminate()
  },
  preClose(done) {
    // Clients reconnect after ServerShutdown, to this server once it is back or to another instance.
    for (const client of this.websocketServer.clients) {
      client.close(CloseCode.ServerShutdown, closeCodeReason(CloseCode.ServerShutdown))
    }
    this.websocketServer.close()
    done()
  },
}

/** setTimeout fires at once for delays past 2^31 - 1 ms (~24.8 days); links live longer than that. */
const MAX_TIMER_MS = 2 ** 31 - 1

/** Runs `action` at `time` (ms since the epoch), however far away; returns a cancel function. */
function runAt(time: number, action: () => void): () => void {
  let timer: NodeJS.Timeout | undefined
  const arm = () => {
    const delay = time - Date.now()
    if (delay <= 0) {
      action()
      return
    }
    timer = setTimeout(arm, Math.min(delay, MAX_TIMER_MS))
    timer.unref()
  }
  arm()
  return () => clearTimeout(timer)
}

function frameBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data)
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data
}

/**
 * A websocket upgrade to any other route is answered 404 before its handler runs: @fastify/websocket would
 * otherwise log the raw URL of such a request, and a misconfigured client puts its token there. Registered after
 * @fastify/websocket, whose own hooks mark the request (`request.ws`) and destroy the socket after the answer.
 */
export const refuseStrayUpgrades = fp(
  async (app) => {
    app.addHook('onRequest', async (request, reply) => {
      if (!request.ws || SYNC_ROUTES.has(request.routeOptions.url ?? '')) return
      await sendError(
        reply,
        404,
        'NOT_FOUND',
        'Websockets are served at /sync/<mapId> and /sync/<mapId>/professionals only',
      )
    })
  },
  { name: 'mapboard-stray-upgrades', fastify: '5.x', dependencies: ['@fastify/websocket'] },
)

/**
 * `/sync/<mapId>?token=…` and `/sync/<mapId>/professionals?token=…`: the y-websocket endpoints of a map's two
 * documents. The token and the map are checked before the upgrade (401/404 JSON), and for the professionals'
 * document the role too (403 AUDIENCE_FORBIDDEN: a family or viewer device never opens it); after it, this route
 * only adapts the `ws` socket to a Connection and hands it to the rooms.
 */
export const syncRoutes: FastifyPluginAsync<{ store: MapCatalog & LinkStore }> = async (app, { store }) => {
  for (const audience of ['shared', 'professionals'] as const) syncRoute(app, store, audience)
}

function syncRoute(app: FastifyInstance, store: MapCatalog & LinkStore, audience: DocumentAudience): void {
  const authorize = async (request: FastifyRequest<SyncRoute>, reply: FastifyReply): Promise<void> => {
    const { mapId } = request.params
    if (!upgradeOriginAllowed(request.headers.origin, request.headers.host, app.config)) {
      request.log.info({ mapId }, 'refused a sync connection from another origin')
      await sendError(reply, 403, 'ORIGIN_FORBIDDEN', 'Pages on this origin may not open Mapboard maps')
      return
    }
    if (!MAP_ID.test(mapId)) {
      await sendError(reply, 404, 'MAP_NOT_FOUND', 'There is no such map')
      return
    }
    const { token } = request.query
    if (Array.isArray(token)) {
      await sendError(reply, 400, 'INVALID_REQUEST', 'Give the token once')
      return
    }
    const result = await authorizeLink(store, app.tokens, mapId, token)
    if (!result.ok) {
      request.log.info({ mapId, code: result.code }, 'refused a sync connection')
      await sendError(reply, result.statusCode, result.code, result.message)
      return
    }
    if (!mayOpenAudience(result.claims.role, audience)) {
      request.log.warn({ mapId, role: result.claims.role }, "refused the professionals' document to a role")
      await sendError(reply, 403, 'AUDIENCE_FORBIDDEN', 'This part of the map is for professionals only')
      return
    }
    request.auth = { claims: result.claims, link: result.link }
  }

  const route = audience === 'shared' ? SYNC_ROUTE : PROFESSIONALS_SYNC_ROUTE
  app.get<SyncRoute>(route, { websocket: true, preValidation: authorize }, (socket, request) => {
    if (request.auth === null) {
      socket.close(CloseCode.Unauthorized, closeCodeReason(CloseCode.Unauthorized))
      return
    }
    const { claims, link } = request.auth
    const connection = new Connection(
      {
        send: (data) => socket.send(data),
        close: (code, reason) => socket.close(code, reason),
        terminate: () => socket.terminate(),
        ping: () => socket.ping(),
        pause: () => socket.pause(),
        resume: () => socket.resume(),
      },
      {
        mapId: claims.mapId,
        audience,
        role: claims.role,
        linkId: claims.linkId,
        participant: claims.participant ?? { id: `link-${claims.linkId}`, name: '', agency: '' },
      },
      { limits: app.config.intakeLimits },
    )
    // Listeners go on now, before the room has loaded; the connection queues what arrives meanwhile.
    socket.on('message', (data, isBinary) => {
      if (!isBinary) {
        request.log.warn(
          { mapId: claims.mapId, connection: connection.id },
          'closed a connection that sent text',
        )
        connection.close(CloseCode.BadMessage)
        return
      }
      connection.receive(frameBytes(data))
    })
    socket.on('pong', () => connection.receivePong())
    socket.on('close', () => connection.socketClosed())
    request.log.info(
      { mapId: claims.mapId, audience, role: claims.role, connection: connection.id },
      'sync connection open',
    )
    // A token that runs out while its socket is open ends the socket then, not at the next reconnect.
    const cancelExpiry = runAt(Math.min(claims.exp * 1000, link.expiresAt), () => {
      request.log.info(
        { mapId: claims.mapId, connection: connection.id },
        'closed a connection whose link expired',
      )
      connection.close(CloseCode.Unauthorized)
    })
    connection.onClose(cancelExpiry)
    app.rooms.connect(connection).catch((error: unknown) => {
      request.log.error({ mapId: claims.mapId, err: error }, 'could not join a room')
      connection.close(CloseCode.ServerError)
    })
    // The rooms now track this connection, so a revocation from here on closes it; one that landed between the
    // check before the upgrade and now is caught by looking again.
    store.getLink(claims.linkId).then(
      (current) => {
        if (current?.revokedAt === null) return
        request.log.info(
          { mapId: claims.mapId, connection: connection.id },
          'closed a connection whose link was revoked',
        )
        connection.close(CloseCode.Forbidden)
      },
      (error: unknown) => request.log.error({ mapId: claims.mapId, err: error }, 'could not re-check a link'),
    )
  })
}
