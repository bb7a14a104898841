import WebSocket from 'ws'
import type { CloseInfo, SyncServer } from './connectClient.ts'

export type UpgradeResult = { status: 101 } | { status: number; body: string }

export interface RawSocket {
  socket: WebSocket
  /** 101 once open, or the HTTP status and body with which the server refused the upgrade. */
  upgrade: Promise<UpgradeResult>
  /** Resolves when the socket has closed, with the code the server sent (1006 for no close frame). */
  closed: Promise<CloseInfo>
  /** Every binary frame received, in order. */
  messages: Uint8Array[]
  /** Sends bytes once the socket is open. */
  send(frame: Uint8Array | string): Promise<void>
}

/**
 * A bare websocket to `/sync/<mapId>` that speaks no protocol by itself: for sending hand-made (or broken) frames
 * and watching exactly what the server answers.
 */
export interface RawSocketOptions {
  /** Answer the server's pings (default true); false plays a peer whose network vanished. */
  autoPong?: boolean
}

export function connectRawSocket(
  server: SyncServer,
  mapId: string,
  token: string | undefined,
  options: RawSocketOptions = {},
): RawSocket {
  const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`
  const socket = new WebSocket(`${server.wsUrl}/${mapId}${query}`, { autoPong: options.autoPong ?? true })
  const messages: Uint8Array[] = []
  socket.binaryType = 'nodebuffer'
  socket.on('message', (data, isBinary) => {
    if (isBinary && Buffer.isBuffer(data)) messages.push(new Uint8Array(data))
  })
  const upgrade = new Promise<UpgradeResult>((resolve, reject) => {
    socket.once('open', () => resolve({ status: 101 }))
    socket.once('unexpected-response', (_request, response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })
        socket.terminate()
      })
    })
    socket.once('error', (error) => reject(error))
  })
  upgrade.catch(() => {})
  const closed = new Promise<CloseInfo>((resolve) => {
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }))
  })
  // An 'error' without a listener would be thrown; the promises above report what matters.
  socket.on('error', () => {})
  return {
    socket,
    upgrade,
    closed,
    messages,
    async send(frame) {
      const result = await upgrade
      if (result.status !== 101) throw new Error(`socket not open (HTTP ${result.status})`)
      await new Promise<void>((resolve, reject) =>
        socket.send(frame, (error) => (error ? reject(error) : resolve())),
      )
    },
  }
}
