import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { seatPort } from './Target.ts'
import type { Target } from './Target.ts'

/** One simulated participant: a real Y.Doc synced by the real client library of its server. */
export interface BenchClient {
  readonly doc: Y.Doc
  /** Resolves with performance.now() at the first full sync; rejects if the connection closes for good first. */
  readonly synced: Promise<number>
  /** Close codes received, oldest first. */
  readonly closeCodes: readonly number[]
  destroy(): void
}

export interface ConnectOptions {
  /** Mapboard: the participant (or link) token. */
  token?: string
  /** `synced` rejects after this long. */
  timeoutMs: number
  /** Which of the target's processes to connect to (Target.ts seatPort); default the first. */
  seat?: number
  /**
   * Told of every frame as it arrives (bytes, performance.now()); the provider then gets it one macrotask later.
   * With many clients in one process, a long apply in one would otherwise delay noticing another's frame.
   */
  onFrame?: (bytes: number, at: number) => void
}

function frameBytes(data: unknown): number {
  if (data instanceof ArrayBuffer) return data.byteLength
  if (Array.isArray(data)) return data.reduce((sum: number, part: Buffer) => sum + part.length, 0)
  return data instanceof Uint8Array ? data.byteLength : 0
}

/** ws's WebSocket, timing each frame's arrival before handing it on (see ConnectOptions.onFrame). */
function timedWebSocket(onFrame: (bytes: number, at: number) => void): typeof WebSocket {
  return class TimedWebSocket extends WebSocket {
    override emit(event: string | symbol, ...args: unknown[]): boolean {
      if (event !== 'message') return super.emit(event, ...args)
      onFrame(frameBytes(args[0]), performance.now())
      setImmediate(() => super.emit(event, ...args))
      return true
    }
  }
}

/** ws implements the browser WebSocket API the providers use; its TypeScript class is declared separately. */
const asBrowserWebSocket = (socket: typeof WebSocket) => socket as unknown as typeof globalThis.WebSocket

/** Connects one client to `room` on `target`: y-websocket's provider for Mapboard and the reference server, Hocuspocus's own for Hocuspocus. */
export function connectBenchClient(target: Target, room: string, options: ConnectOptions): BenchClient {
  return target.protocol === 'hocuspocus'
    ? connectHocuspocus(target, room, options)
    : connectYWebsocket(target, room, options)
}

interface Settle {
  resolve(at: number): void
  reject(error: Error): void
}

function syncPromise(timeoutMs: number, room: string): { promise: Promise<number>; settle: Settle } {
  let settle: Settle = { resolve: () => {}, reject: () => {} }
  const promise = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${room}: not synced within ${timeoutMs} ms`)), timeoutMs)
    settle = {
      resolve(at) {
        clearTimeout(timer)
        resolve(at)
      },
      reject(error) {
        clearTimeout(timer)
        reject(error)
      },
    }
  })
  // A workload that never awaits `synced` must not see an unhandled rejection.
  promise.catch(() => {})
  return { promise, settle }
}

function connectYWebsocket(target: Target, room: string, options: ConnectOptions): BenchClient {
  const doc = new Y.Doc()
  const port = seatPort(target.ports, options.seat ?? 0)
  // Mapboard serves /sync/<mapId>?token=…; the reference server takes the room name as the whole path.
  const base = target.family === 'mapboard' ? `ws://127.0.0.1:${port}/sync` : `ws://127.0.0.1:${port}`
  const provider = new WebsocketProvider(base, room, doc, {
    params: options.token === undefined ? {} : { token: options.token },
    WebSocketPolyfill: asBrowserWebSocket(
      options.onFrame === undefined ? WebSocket : timedWebSocket(options.onFrame),
    ),
    disableBc: true,
  })
  const closeCodes: number[] = []
  const { promise, settle } = syncPromise(options.timeoutMs, room)
  provider.on('sync', (state: boolean) => {
    if (state) settle.resolve(performance.now())
  })
  provider.on('connection-close', (event) => {
    if (event === null) return
    closeCodes.push(event.code)
    // 44xx: the server refused us and y-websocket will not retry.
    if (event.code >= 4400 && event.code < 4500) settle.reject(new Error(`${room}: closed ${event.code}`))
  })
  return {
    doc,
    synced: promise,
    closeCodes,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

function connectHocuspocus(target: Target, room: string, options: ConnectOptions): BenchClient {
  const doc = new Y.Doc()
  // One socket per client, as one browser tab would have (Hocuspocus can multiplex documents over one socket).
  const socket = new HocuspocusProviderWebsocket({
    url: `ws://127.0.0.1:${seatPort(target.ports, options.seat ?? 0)}`,
    WebSocketPolyfill: options.onFrame === undefined ? WebSocket : timedWebSocket(options.onFrame),
  })
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: room, document: doc })
  const closeCodes: number[] = []
  const { promise, settle } = syncPromise(options.timeoutMs, room)
  provider.on('synced', () => settle.resolve(performance.now()))
  provider.on('close', ({ event }: { event: { code: number } }) => closeCodes.push(event.code))
  provider.attach()
  return {
    doc,
    synced: promise,
    closeCodes,
    destroy() {
      provider.destroy()
      socket.destroy()
      doc.destroy()
    },
  }
}
