import WebSocket from 'ws'
import { afterEach, expect, it } from 'vitest'
import { addNote, readMap } from '@mapboard/map-model'
import { connectClient, connectRawSocket, noteAuthor, tokenFromLink, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import { redactUrl } from '../src/http/logging.ts'
import { captureLogs } from './support/captureLogs.ts'

let server: TestServer | undefined
const clients: TestClient[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server?.close()
  server = undefined
})

it('the tokens of join links and the admin token never appear in the log', async () => {
  const logs = captureLogs()
  const adminToken = 'admin-secret-value-0123456789'
  server = await startServer({ adminToken, logger: { level: 'trace', stream: logs.stream } })
  const map = await server.createMap('Logged map')
  const tokens = Object.values(map.links).map(tokenFromLink)

  // A real client syncing and editing, with its token in the sync URL.
  const chair = connectClient(server, map.id, tokenFromLink(map.links.chair))
  clients.push(chair)
  await chair.synced
  addNote(chair.doc, { zone: 'past-harm', text: 'a note', ...noteAuthor(tokenFromLink(map.links.chair)) })
  const viewer = connectClient(server, map.id, tokenFromLink(map.links.viewer))
  clients.push(viewer)
  await viewer.synced
  await waitFor(() => readMap(viewer.doc).notes.length === 1)

  // Refused and failing connections, which are logged too.
  const family = tokenFromLink(map.links.family)
  expect((await connectRawSocket(server, 'NoSuchMap', family).upgrade).status).toBe(404)
  const tampered = `${family.slice(0, -4)}AAAA`
  expect((await connectRawSocket(server, map.id, tampered).upgrade).status).toBe(401)
  const broken = connectRawSocket(server, map.id, tokenFromLink(map.links.professional))
  await broken.send(new Uint8Array([42]))
  await broken.closed
  await fetch(`${server.url}/sync/${map.id}?token=${family}`) // plain HTTP, no upgrade
  // A client pointed at the wrong path (the origin instead of /sync) still must not get its token logged.
  for (const path of [`/${map.id}`, '/healthz', `/m/${map.id}`]) {
    const stray = connectRawSocket({ wsUrl: server.url.replace('http:', 'ws:') }, path.slice(1), family)
    expect((await stray.upgrade).status, path).toBe(404)
  }
  await fetch(`${server.url}/nowhere?token=${family}`)

  await server.close()
  const text = logs.text()
  // The log did record these requests, with their URLs redacted…
  expect(text).toContain('?token=[redacted]')
  expect(text).toContain('room loaded')
  expect(text).toContain('malformed message')
  // …and nothing secret.
  for (const token of [...tokens, tampered]) {
    expect(text).not.toContain(token)
    const [payload = '', signature = ''] = token.split('.')
    expect(text).not.toContain(payload)
    expect(text).not.toContain(signature)
  }
  expect(text).not.toContain(adminToken)
  expect(text.toLowerCase()).not.toContain('authorization')
})

it('no token reaches the log however the query is malformed', async () => {
  const logs = captureLogs()
  server = await startServer({ logger: { level: 'trace', stream: logs.stream } })
  const map = await server.createMap('Logged map')
  const token = tokenFromLink(map.links.family)
  const queries = [
    `x=1?token=${token}`,
    `token%00=${token}`,
    `%74oken=${token}`,
    `to+ken=${token}`,
    `token=${token}&token=${token}`,
    `token=${token}&%E0%A4%A`,
    `${token}=1`,
    `t=${token}`,
  ]
  for (const query of queries) {
    const path = `/sync/${map.id}?${query}`
    const socket = new WebSocket(`${server.wsUrl.replace('/sync', '')}${path}`)
    socket.on('error', () => {})
    await new Promise<void>((resolve) => {
      socket.once('open', () => resolve())
      socket.once('unexpected-response', () => resolve())
      socket.once('close', () => resolve())
    })
    socket.terminate()
    await fetch(`${server.url}${path}`)
    await fetch(`${server.url}/api/maps/${map.id}/links?${query}`)
  }
  await server.close()
  const text = logs.text()
  expect(text).toContain(`/sync/${map.id}?[redacted]`)
  const [payload = '', signature = ''] = token.split('.')
  expect(text).not.toContain(payload)
  expect(text).not.toContain(signature)
})

it('redactUrl hides token values whatever their position or case', () => {
  expect(redactUrl('/sync/abc?token=x.y')).toBe('/sync/abc?token=[redacted]')
  expect(redactUrl('/sync/abc?a=1&TOKEN=x.y&b=2')).toBe(
    '/sync/abc?a=[redacted]&TOKEN=[redacted]&b=[redacted]',
  )
  expect(redactUrl('/sync/abc?%74oken=x.y')).toBe('/sync/abc?token=[redacted]')
  expect(redactUrl('/healthz')).toBe('/healthz')
  // Only known plain parameters keep their values.
  expect(redactUrl('/api/maps/abc/audit?format=csv')).toBe('/api/maps/abc/audit?format=csv')
})

it.each([
  [
    'a token inside another parameter’s value',
    '/sync/abc?x=1?token=PAYLOAD.SIGNATURE',
    '/sync/abc?x=[redacted]',
  ],
  [
    'a name that decodes to more than “token”',
    '/sync/abc?token%00=PAYLOAD.SIGNATURE',
    '/sync/abc?[redacted]=[redacted]',
  ],
  ['a name with a plus', '/sync/abc?to+ken=PAYLOAD.SIGNATURE', '/sync/abc?[redacted]=[redacted]'],
  [
    'a token as a name',
    '/sync/abc?PAYLOADPAYLOADPAYLOADPAYLOAD.SIGNATURE',
    '/sync/abc?[redacted]=[redacted]',
  ],
  ['a query that does not decode', '/sync/abc?token=PAYLOAD.SIGNATURE&%E0%A4%A', '/sync/abc?[redacted]'],
  ['a fragment', '/sync/abc#token=PAYLOAD.SIGNATURE', '/sync/abc#[redacted]'],
  ['a long value of a known parameter', `/audit?format=${'PAYLOAD'.repeat(6)}`, '/audit?format=[redacted]'],
])('redactUrl leaves no token in %s', (_case, url, logged) => {
  expect(redactUrl(url)).toBe(logged)
  expect(redactUrl(url)).not.toMatch(/PAYLOAD|SIGNATURE/)
})
