// A load balancer in front of the instances, as a deployment has one: each new TCP connection goes to the first
// instance in the list that accepts it, so clients of an instance that died reconnect to the next one.
import { createServer, connect } from 'node:net'
import type { AddressInfo, Socket } from 'node:net'

export interface Balancer {
  /** The y-websocket server URL, as connectClient takes it. */
  readonly wsUrl: string
  close(): Promise<void>
}

export async function startBalancer(ports: readonly number[]): Promise<Balancer> {
  const open = new Set<Socket>()
  const track = (socket: Socket) => {
    open.add(socket)
    socket.once('close', () => open.delete(socket))
  }
  const server = createServer((client) => {
    track(client)
    client.pause()
    const tryBackend = (index: number) => {
      const port = ports[index]
      if (port === undefined) {
        client.destroy()
        return
      }
      const backend = connect(port, '127.0.0.1')
      backend.once('error', () => tryBackend(index + 1))
      backend.once('connect', () => {
        track(backend)
        backend.removeAllListeners('error')
        const end = () => {
          client.destroy()
          backend.destroy()
        }
        for (const socket of [client, backend]) {
          socket.on('error', end)
          socket.on('close', end)
        }
        client.pipe(backend)
        backend.pipe(client)
        client.resume()
      })
    }
    tryBackend(0)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    async close() {
      for (const socket of open) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
