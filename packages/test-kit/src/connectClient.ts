import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { MessageType } from '@mapboard/protocol'
import type { EditRefusal, JoinResponse } from '@mapboard/protocol'
import { readPermissionDenied } from './readPermissionDenied.ts'

export interface ConnectClientOptions {
  /** The document to sync; a new one by default. */
  doc?: Y.Doc
  /** `synced` rejects after this long (default 5000 ms). */
  timeoutMs?: number
  /** Longest wait between reconnection attempts (y-websocket's default 2500 ms); tests of restarts shorten it. */
  maxBackoffTime?: number
}

export interface CloseInfo {
  code: number
  reason: string
}

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Resolves when the client first receives the server's SyncStep2; rejects on a refused connection or timeout. */
  synced: Promise<void>
  /** Close codes the server sent, oldest first. */
  readonly closes: readonly CloseInfo[]
  /** Edits the server refused and reverted (its permission-denied messages), oldest first. */
  readonly refusals: readonly EditRefusal[]
  /** Disconnects and frees the provider (and the doc, unless it was passed in). */
  destroy(): void
}

/** What connectClient needs of a server; `startServer()`'s result fits. */
export interface SyncServer {
  readonly wsUrl: string
}

/**
 * A real y-websocket client, configured as the web app configures it: no BroadcastChannel (a reverted edit must
 * not leak into other tabs), `ws` as the WebSocket in Node. `token` is a link token or a participant token; a
 * JoinResponse (from `joinAs`) stands for its participant token.
 */
export function connectClient(
  server: SyncServer,
  mapId: string,
  token: string | JoinResponse,
  options: ConnectClientOptions = {},
): TestClient {
  const doc = options.doc ?? new Y.Doc()
  const provider = new WebsocketProvider(server.wsUrl, mapId, doc, {
    params: { token: typeof token === 'string' ? token : token.token },
    // ws implements the browser WebSocket API y-websocket uses; its TypeScript class is declared separately.
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    ...(options.maxBackoffTime === undefined ? {} : { maxBackoffTime: options.maxBackoffTime }),
  })
  const closes: CloseInfo[] = []
  const refusals: EditRefusal[] = []
  // y-websocket's own handler logs the refusal with the sync URL, token included; record it instead.
  provider.messageHandlers[MessageType.Auth] = (_encoder, decoder) => {
    const refusal = readPermissionDenied(decoder)
    if (refusal !== undefined) refusals.push(refusal)
  }
  provider.on('connection-close', (event) => {
    if (event !== null) closes.push({ code: event.code, reason: event.reason })
  })

  const synced = new Promise<void>((resolve, reject) => {
    const timeoutMs = options.timeoutMs ?? 5000
    const timer = setTimeout(() => fail(new Error(`client did not sync within ${timeoutMs} ms`)), timeoutMs)
    const onSync = (state: boolean) => {
      if (!state) return
      cleanup()
      resolve()
    }
    const onClosed = (event: CloseInfo) =>
      fail(new Error(`server closed the connection: ${event.code} ${event.reason}`))
    const fail = (error: Error) => {
      cleanup()
      reject(error)
    }
    const cleanup = () => {
      clearTimeout(timer)
      provider.off('sync', onSync)
      provider.off('closed', onClosed)
    }
    provider.on('sync', onSync)
    provider.on('closed', onClosed)
  })
  // A test that never awaits `synced` must not see an unhandled rejection.
  synced.catch(() => {})

  return {
    doc,
    provider,
    synced,
    closes,
    refusals,
    destroy() {
      provider.destroy()
      if (options.doc === undefined) doc.destroy()
    },
  }
}

/** The token in a join link `<origin>/m/<mapId>#<token>`. */
export function tokenFromLink(link: string): string {
  const token = new URL(link).hash.slice(1)
  if (token === '') throw new Error(`no token in ${link}`)
  return token
}

/** The map id in a join link `<origin>/m/<mapId>#<token>`. */
export function mapIdFromLink(link: string): string {
  const match = /^\/m\/([^/]+)$/.exec(new URL(link).pathname)
  if (match?.[1] === undefined) throw new Error(`no map id in ${link}`)
  return match[1]
}
