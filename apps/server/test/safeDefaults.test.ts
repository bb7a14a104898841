// What a hostile client can send before the upgrade or to the link-making routes: another site's Origin, a
// spoofed Host, a token given twice, a token whose signature is spelt differently.
import { request as httpRequest } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { CreateMapResponse } from '@mapboard/protocol'
import { tokenFromLink } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { StartServerOptions, TestServer } from '@mapboard/server/testing'
import { expectError } from './support/api.ts'

let server: TestServer | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
})

async function started(options: StartServerOptions = {}): Promise<{ s: TestServer; map: CreateMapResponse }> {
  server = await startServer(options)
  return { s: server, map: await server.createMap('Conference') }
}

/** Opens `/sync/<mapId>?<query>` with the given headers: 101, or the refusal's status and parsed body. */
async function upgrade(
  s: TestServer,
  mapId: string,
  query: string,
  headers: { origin?: string } = {},
): Promise<{ status: number; body: unknown }> {
  const socket = new WebSocket(
    `${s.wsUrl}/${mapId}?${query}`,
    headers.origin === undefined ? {} : { origin: headers.origin },
  )
  socket.on('error', () => {})
  return new Promise((resolve) => {
    socket.once('open', () => {
      socket.terminate()
      resolve({ status: 101, body: null })
    })
    socket.once('unexpected-response', (_request, response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        socket.terminate()
        resolve({
          status: response.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
        })
      })
    })
  })
}

/** A request with a Host header of our choosing (fetch will not send one), answered as status + JSON. */
async function withHost(
  s: TestServer,
  method: 'GET' | 'POST',
  path: string,
  host: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const url = new URL(path, s.url)
  const headers: Record<string, string> = { host }
  if (token !== undefined) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
        }),
      )
    })
    outgoing.on('error', reject)
    outgoing.end(body === undefined ? undefined : JSON.stringify(body))
  })
}

const query = (token: string) => `token=${encodeURIComponent(token)}`

describe('Origin of a sync upgrade', () => {
  it('accepts no Origin (a Node client), the server’s own origin and loopback pages; refuses others with 403', async () => {
    const { s, map } = await started()
    const token = tokenFromLink(map.links.family)
    expect((await upgrade(s, map.id, query(token))).status).toBe(101)
    expect((await upgrade(s, map.id, query(token), { origin: s.url })).status).toBe(101)
    // The vite dev server's page, proxied to this server.
    expect((await upgrade(s, map.id, query(token), { origin: 'http://localhost:5173' })).status).toBe(101)
    for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1.evil.example:3000']) {
      const refused = await upgrade(s, map.id, query(token), { origin })
      expectError(refused, 403, 'ORIGIN_FORBIDDEN')
    }
  })

  it('with a public origin, accepts it and the configured list only', async () => {
    const { s, map } = await started({
      publicOrigin: 'https://maps.example.org',
      allowedOrigins: ['https://maps-staging.example.org'],
    })
    const token = tokenFromLink(map.links.family)
    expect((await upgrade(s, map.id, query(token))).status).toBe(101)
    for (const origin of ['https://maps.example.org', 'https://maps-staging.example.org']) {
      expect((await upgrade(s, map.id, query(token), { origin })).status, origin).toBe(101)
    }
    for (const origin of [s.url, 'http://localhost:5173', 'https://evil.example']) {
      expectError(await upgrade(s, map.id, query(token), { origin }), 403, 'ORIGIN_FORBIDDEN')
    }
  })
})

describe('the token of a sync upgrade', () => {
  it('answers a token given twice with 400, not 500', async () => {
    const { s, map } = await started()
    const token = tokenFromLink(map.links.family)
    const twice = await upgrade(s, map.id, `${query(token)}&${query(token)}`)
    expectError(twice, 400, 'INVALID_REQUEST')
  })

  it('refuses a signature spelt other than as issued, though it decodes to the same bytes', async () => {
    const { s, map } = await started()
    const token = tokenFromLink(map.links.family)
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const last = alphabet.indexOf(token.slice(-1))
    const respelt = `${token.slice(0, -1)}${alphabet[last ^ 1] ?? ''}`
    const signature = (t: string) => Buffer.from(t.split('.')[1] ?? '', 'base64url')
    expect(respelt).not.toBe(token)
    expect(signature(respelt)).toEqual(signature(token))
    expect((await upgrade(s, map.id, query(token))).status).toBe(101)
    expectError(await upgrade(s, map.id, query(respelt)), 401, 'TOKEN_INVALID')
  })
})

describe('the origin in invite links', () => {
  it('refuses to build links on a Host that is not loopback or listed, and makes no map', async () => {
    const { s, map } = await started()
    const chair = tokenFromLink(map.links.chair)
    expectError(
      await withHost(s, 'POST', '/api/maps', 'evil.example', undefined, { title: 'Spoofed' }),
      421,
      'HOST_NOT_ALLOWED',
    )
    expectError(
      await withHost(s, 'POST', `/api/maps/${map.id}/links`, 'evil.example', chair, { role: 'family' }),
      421,
      'HOST_NOT_ALLOWED',
    )
    expectError(
      await withHost(s, 'GET', `/api/maps/${map.id}/links`, 'evil.example:80', chair),
      421,
      'HOST_NOT_ALLOWED',
    )
    expect(await s.app.store.listLinks(map.id)).toHaveLength(4)
    // Loopback names are this machine, whatever the port.
    const local = await withHost(s, 'POST', '/api/maps', 'localhost:5173', undefined, { title: 'Local' })
    expect(local.status).toBe(201)
    expect((local.body as CreateMapResponse).links.family).toMatch(/^http:\/\/localhost:5173\/m\//)
  })

  it('uses a listed host, and ignores the Host when a public origin is set', async () => {
    const { s } = await started({ allowedHosts: ['maps.council.internal'] })
    const listed = await withHost(s, 'POST', '/api/maps', 'maps.council.internal:8080', undefined, {
      title: 'Listed',
    })
    expect(listed.status).toBe(201)
    expect((listed.body as CreateMapResponse).links.chair).toMatch(
      /^http:\/\/maps\.council\.internal:8080\/m\//,
    )
    await s.close()

    const { s: behindProxy } = await started({ publicOrigin: 'https://maps.example.org' })
    const spoofed = await withHost(behindProxy, 'POST', '/api/maps', 'evil.example', undefined, {
      title: 'x',
    })
    expect(spoofed.status).toBe(201)
    for (const link of Object.values((spoofed.body as CreateMapResponse).links)) {
      expect(link.startsWith('https://maps.example.org/m/')).toBe(true)
    }
  })
})
