import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance as MapboardApp } from 'fastify'
import { buildApp } from '../buildApp.ts'
import type { BuildAppOptions } from '../buildApp.ts'
import type { CreateMapResponse } from '@mapboard/protocol'

export interface StartServerOptions extends Omit<BuildAppOptions, 'host' | 'port'> {
  /** Use this data dir instead of a fresh temporary one; it is then left in place on close. */
  dataDir?: string
}

export interface TestServer {
  /** The running app (a new one after `restart()`). */
  readonly app: MapboardApp
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  /** `ws://127.0.0.1:<port>/sync` — the y-websocket server URL (the map id is the room name). */
  readonly wsUrl: string
  readonly dataDir: string
  /** `POST /api/maps`, with the admin token if the server has one; throws unless the answer is 201. */
  createMap(title: string): Promise<CreateMapResponse>
  /** Closes the app and starts a new one on the same data dir and, if it is free, the same port. */
  restart(): Promise<void>
  /** Closes the app and removes the temporary data dir. */
  close(): Promise<void>
}

const HOST = '127.0.0.1'

/** Starts the real server (buildApp) on a free port with its data in a temporary directory. */
export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  const ownsDataDir = options.dataDir === undefined
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'mapboard-test-')))

  const listen = async (port: number): Promise<{ app: MapboardApp; port: number }> => {
    const app = buildApp({ ...options, dataDir, host: HOST, port })
    try {
      await app.listen({ host: HOST, port })
    } catch (error) {
      await app.close()
      throw error
    }
    return { app, port: (app.server.address() as AddressInfo).port }
  }

  let current = await listen(0)
  let closed = false

  const server: TestServer = {
    get app() {
      return current.app
    },
    get url() {
      return `http://${HOST}:${current.port}`
    },
    get wsUrl() {
      return `ws://${HOST}:${current.port}/sync`
    },
    dataDir,
    async createMap(title) {
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (options.adminToken !== undefined) headers.authorization = `Bearer ${options.adminToken}`
      const response = await fetch(`${server.url}/api/maps`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ title }),
      })
      if (response.status !== 201) {
        throw new Error(`POST /api/maps answered ${response.status}: ${await response.text()}`)
      }
      return (await response.json()) as CreateMapResponse
    },
    async restart() {
      if (options.store !== undefined)
        throw new Error('restart() cannot reuse a store passed in: close() closes it')
      const port = current.port
      await current.app.close()
      try {
        current = await listen(port)
      } catch {
        current = await listen(0)
      }
    },
    async close() {
      if (closed) return
      closed = true
      await current.app.close()
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true })
    },
  }
  return server
}
