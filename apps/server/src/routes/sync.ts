import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { WebsocketPluginOptions } from '@fastify/websocket'
import WebSocket from 'ws'
import { CloseCode, MAX_MESSAGE_BYTES, closeCodeReason } from '@mapboard/protocol'
import type { TokenClaims } from '@mapboard/protocol'
import { sendError } from '../http/errors.ts'
import { Connection } from '../rooms/Connection.ts'
import { authorizeLink } from '../tokens/authorizeLink.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the sync route once the token has been checked, before the upgrade. */
    syncClaims: TokenClaims | null
  }
}

export const SYNC_ROUTE = '/sync/:mapId'

interface SyncRoute {
  Params: { mapId: string }
  Querystring: { token?: string }
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
      if (!request.ws || request.routeOptions.url === SYNC_ROUTE) return
      await sendError(reply, 404, 'NOT_FOUND', 'Websockets are served at /sync/<mapId> only')
    })
  },
  { name: 'mapboard-stray-upgrades', fastify: '5.x', dependencies: ['@fastify/websocket'] },
)

/**
 * `/sync/<mapId>?token=…`: the y-websocket endpoint. The token and the map are checked before the upgrade
 * (401/404 JSON); after it, this route only adapts the `ws` socket to a Connection and hands it to the rooms.
 */
export const syncRoutes: FastifyPluginAsync = async (app) => {
  app.decorateRequest('syncClaims', null)

  const authorize = async (request: FastifyRequest<SyncRoute>, reply: FastifyReply): Promise<void> => {
    const { mapId } = request.params
    if (!MAP_ID.test(mapId)) {
      await sendError(reply, 404, 'MAP_NOT_FOUND', 'There is no such map')
      return
    }
    const result = await authorizeLink(app.store, app.tokens, mapId, request.query.token)
    if (!result.ok) {
      request.log.info({ mapId, code: result.code }, 'refused a sync connection')
      await sendError(reply, result.statusCode, result.code, result.message)
      return
    }
    request.syncClaims = result.claims
  }

  app.get<SyncRoute>(SYNC_ROUTE, { websocket: true, preValidation: authorize }, (socket, request) => {
    const claims = request.syncClaims
    if (claims === null) {
      socket.close(CloseCode.Unauthorized, closeCodeReason(CloseCode.Unauthorized))
      return
    }
    const connection = new Connection(
      {
        send: (data) => socket.send(data),
        close: (code, reason) => socket.close(code, reason),
        terminate: () => socket.terminate(),
        ping: () => socket.ping(),
      },
      {
        mapId: claims.mapId,
        role: claims.role,
        linkId: claims.linkId,
        participant: claims.participant ?? { id: `link-${claims.linkId}`, name: '', agency: '' },
      },
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
      { mapId: claims.mapId, role: claims.role, connection: connection.id },
      'sync connection open',
    )
    app.rooms.connect(connection).catch((error: unknown) => {
      request.log.error({ mapId: claims.mapId, err: error }, 'could not join a room')
      connection.close(CloseCode.ServerError)
    })
  })
}
