import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ROLES } from '@mapboard/protocol'
import { mapIdFromLink, tokenFromLink } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'

let server: TestServer | undefined
let tempDir: string | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
  if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true })
  tempDir = undefined
})

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  if (server === undefined) throw new Error('no server')
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

function expectErrorShape(body: unknown, statusCode: number): void {
  expect(body).toEqual({
    statusCode,
    code: expect.any(String),
    error: expect.any(String),
    message: expect.any(String),
  })
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.ts:\d+/)
}

describe('GET /healthz', () => {
  it('answers ok', async () => {
    server = await startServer()
    const response = await fetch(`${server.url}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })
})

describe('POST /api/maps', () => {
  it('creates a map with one link per role', async () => {
    server = await startServer()
    const response = await post('/api/maps', { title: '  Initial conference  ' })
    expect(response.status).toBe(201)
    const body = (await response.json()) as { id: string; title: string; links: Record<string, string> }
    expect(body.title).toBe('Initial conference')
    expect(Object.keys(body.links).sort()).toEqual([...ROLES].sort())
    for (const role of ROLES) {
      const link = body.links[role] ?? ''
      expect(link.startsWith(`${server.url}/m/${body.id}#`)).toBe(true)
      expect(mapIdFromLink(link)).toBe(body.id)
      expect(tokenFromLink(link)).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    }
    expect(new Set(Object.values(body.links)).size).toBe(4)
    const links = await server.app.store.listLinks(body.id)
    expect(links.map((link) => link.role).sort()).toEqual([...ROLES].sort())
    const days = ((links[0]?.expiresAt ?? 0) - (links[0]?.createdAt ?? 0)) / 86_400_000
    expect(days).toBe(30)
  })

  it('puts the configured public origin into links', async () => {
    server = await startServer({ publicOrigin: 'https://mapboard.example.org' })
    const map = await server.createMap('Review')
    expect(map.links.family.startsWith(`https://mapboard.example.org/m/${map.id}#`)).toBe(true)
  })

  it.each([
    ['no title', {}],
    ['an empty title', { title: '' }],
    ['a blank title', { title: '   ' }],
    ['a title over 200 characters', { title: 'x'.repeat(201) }],
    ['a title that is not a string', { title: 42 }],
    ['a body that is not JSON', '{"title": '],
  ])('refuses %s with 400', async (_case, body) => {
    server = await startServer()
    const response = await post('/api/maps', body)
    expect(response.status).toBe(400)
    expectErrorShape(await response.json(), 400)
  })

  it('refuses an unknown field with 400 INVALID_REQUEST instead of dropping it', async () => {
    server = await startServer()
    const response = await post('/api/maps', { title: 'Review', colour: 'red' })
    expect(response.status).toBe(400)
    const body = (await response.json()) as { code: string; message: string }
    expectErrorShape(body, 400)
    expect(body.code).toBe('INVALID_REQUEST')
    expect(body.message).toMatch(/additional properties/i)
  })

  it('needs the admin token when one is configured', async () => {
    server = await startServer({ adminToken: 'correct horse battery staple' })
    const attempts: Array<Record<string, string>> = [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: 'Basic correct horse battery staple' },
    ]
    for (const headers of attempts) {
      const response = await post('/api/maps', { title: 'x' }, headers)
      expect(response.status).toBe(401)
      expectErrorShape(await response.json(), 401)
    }
    const ok = await post(
      '/api/maps',
      { title: 'x' },
      { authorization: 'Bearer correct horse battery staple' },
    )
    expect(ok.status).toBe(201)
  })
})

describe('errors', () => {
  it('answers unknown routes with a JSON 404 that does not repeat the URL', async () => {
    server = await startServer()
    const response = await fetch(`${server.url}/api/nothing?token=secret-looking-value`)
    expect(response.status).toBe(404)
    const text = await response.text()
    expect(text).not.toContain('secret-looking-value')
    expectErrorShape(JSON.parse(text), 404)
  })
})

describe('web app', () => {
  it('tells to build the web app when there is no build', async () => {
    tempDir = await mkdtemp(join(tmpdir(), 'mapboard-web-'))
    server = await startServer({ webDistDir: join(tempDir, 'missing') })
    const response = await fetch(`${server.url}/`)
    expect(response.status).toBe(503)
    expect(await response.text()).toContain('pnpm build')
  })

  it('serves index.html for / and /m/<id>, assets as files, with a same-origin CSP', async () => {
    tempDir = await mkdtemp(join(tmpdir(), 'mapboard-web-'))
    await mkdir(join(tempDir, 'assets'))
    await writeFile(join(tempDir, 'index.html'), '<!doctype html><title>Mapboard</title>')
    await writeFile(join(tempDir, 'assets', 'app-1234.js'), 'console.log(1)')
    server = await startServer({ webDistDir: tempDir })
    const map = await server.createMap('A map')

    for (const path of ['/', `/m/${map.id}`]) {
      const response = await fetch(`${server.url}${path}`)
      expect(response.status).toBe(200)
      expect(await response.text()).toContain('<title>Mapboard</title>')
      expect(response.headers.get('cache-control')).toBe('no-cache')
    }
    const asset = await fetch(`${server.url}/assets/app-1234.js`)
    expect(asset.status).toBe(200)
    expect(asset.headers.get('cache-control')).toContain('immutable')

    const response = await fetch(`${server.url}/m/x`)
    const csp = response.headers.get('content-security-policy') ?? ''
    const directives = new Map(
      csp.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/)
        return [name, values] as const
      }),
    )
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('style-src')).toEqual(["'self'"])
    expect(directives.get('font-src')).toEqual(["'self'"])
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('connect-src')).toEqual(["'self'", server.url.replace('http:', 'ws:')])
    expect(csp).not.toContain('unsafe-inline')
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')

    expect((await fetch(`${server.url}/nothing-here.js`)).status).toBe(404)
  })

  it('answers a browser opening an unknown address with the page and 404; the API and other callers keep JSON', async () => {
    tempDir = await mkdtemp(join(tmpdir(), 'mapboard-web-'))
    await writeFile(join(tempDir, 'index.html'), '<!doctype html><title>Mapboard</title>')
    const started = await startServer({ webDistDir: tempDir })
    server = started
    // inject, because fetch sends its own Sec-Fetch-Mode.
    const open = (url: string, headers: Record<string, string>, method: 'GET' | 'POST' = 'GET') =>
      started.app.inject({ method, url, headers })
    const navigation = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'sec-fetch-mode': 'navigate' }

    for (const path of ['/m/does-not-exist', '/mistyped', '/m/does-not-exist/extra', '/m/a/b?x=1']) {
      const response = await open(path, navigation)
      expect(response.statusCode, path).toBe(404)
      expect(response.headers['content-type'], path).toContain('text/html')
      expect(response.body, path).toContain('<title>Mapboard</title>')
      expect(response.headers['content-security-policy'], path).toContain("script-src 'self'")
    }
    // A browser without Sec-Fetch-* is told apart by what it accepts.
    const plain = await open('/mistyped', { accept: 'text/html' })
    expect(plain.statusCode).toBe(404)
    expect(plain.headers['content-type']).toContain('text/html')

    // The API, the socket path and the health check answer exactly as before, even to a navigation.
    for (const path of ['/api/nothing', '/api/maps/does-not-exist/nothing', '/sync', '/healthz/x']) {
      const response = await open(path, navigation)
      expect(response.statusCode, path).toBe(404)
      expect(response.headers['content-type'], path).toContain('application/json')
      expectErrorShape(response.json(), 404)
    }
    // A script asking for a missing file, a fetch, or a POST, gets JSON too.
    for (const [path, headers, method] of [
      ['/missing.js', { accept: '*/*', 'sec-fetch-mode': 'no-cors' }, 'GET'],
      ['/mistyped', { accept: 'text/html', 'sec-fetch-mode': 'cors' }, 'GET'],
      ['/mistyped', navigation, 'POST'],
    ] as const) {
      const response = await open(path, headers, method)
      expect(response.statusCode, path).toBe(404)
      expect(response.headers['content-type'], `${method} ${path}`).toContain('application/json')
    }
  })
})
