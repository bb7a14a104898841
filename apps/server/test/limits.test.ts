// The HTTP limits, at their production defaults (DEFAULT_REQUEST_LIMITS): every test counts up to a limit over
// real HTTP, then expects 429 RATE_LIMITED with Retry-After, and shows that the key is what it should be.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AUDIENCES } from '@mapboard/map-model'
import type { Audience } from '@mapboard/map-model'
import type { CreateMapResponse, JoinResponse } from '@mapboard/protocol'
import { joinAs } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import { DEFAULT_REQUEST_LIMITS } from '../src/http/RequestLimits.ts'
import type { MapStore } from '../src/storage/MapStore.ts'
import { SqliteMapStore } from '../src/storage/SqliteMapStore.ts'
import type { RateLimit } from '../src/http/RequestLimits.ts'
import { expectError } from './support/api.ts'
import type { ApiAnswer } from './support/api.ts'

let server: TestServer | undefined
let storeDir: string | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
  if (storeDir !== undefined) await rm(storeDir, { recursive: true, force: true })
  storeDir = undefined
})

/**
 * SQLite as shipped, except that reading a whole map takes `ms` longer. better-sqlite3 answers synchronously, so
 * an export would otherwise never let another request in while it runs; a networked store (PostgreSQL) does.
 */
async function slowLoadingStore(ms: number): Promise<MapStore> {
  storeDir = await mkdtemp(join(tmpdir(), 'mapboard-slow-store-'))
  const store = new SqliteMapStore(join(storeDir, 'mapboard.sqlite'))
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target)
      if (typeof value !== 'function') return value
      if (property !== 'load') return value.bind(target)
      return async (...args: unknown[]) => {
        await new Promise((resolve) => setTimeout(resolve, ms))
        return (value as (...a: unknown[]) => unknown).apply(target, args)
      }
    },
  })
}

interface Answer extends ApiAnswer {
  retryAfter: string | null
}

async function call(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  token?: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<Answer> {
  if (server === undefined) throw new Error('no server')
  const headers: Record<string, string> = { ...extraHeaders }
  if (token !== undefined) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const type = response.headers.get('content-type') ?? ''
  const text = type.startsWith('application/json') ? await response.text() : ''
  if (text === '') await response.arrayBuffer().catch(() => undefined)
  return {
    status: response.status,
    body: text === '' ? null : (JSON.parse(text) as unknown),
    retryAfter: response.headers.get('retry-after'),
  }
}

/** 429 RATE_LIMITED, with a Retry-After in whole seconds no longer than the limit's window. */
function expectLimited(answer: Answer, limit: RateLimit): void {
  expectError(answer, 429, 'RATE_LIMITED')
  const seconds = Number(answer.retryAfter)
  expect(Number.isInteger(seconds), `Retry-After ${answer.retryAfter}`).toBe(true)
  expect(seconds).toBeGreaterThan(0)
  expect(seconds).toBeLessThanOrEqual(limit.windowMs / 1000)
}

/** `count` requests one after another, each expected to answer `status`. */
async function repeat(count: number, status: number, request: (i: number) => Promise<Answer>): Promise<void> {
  for (let i = 0; i < count; i++) {
    const answer = await request(i)
    expect(answer.status, `request ${i + 1}: ${JSON.stringify(answer.body)}`).toBe(status)
  }
}

const createMap = (title: string) => call('POST', '/api/maps', undefined, { title })
const tokenOf = (link: string) => new URL(link).hash.slice(1)

describe('map creation', () => {
  it('allows the default number of maps per address, then answers 429 with Retry-After', async () => {
    server = await startServer()
    const limit = DEFAULT_REQUEST_LIMITS.mapCreationPerIp
    await repeat(limit.max, 201, (i) => createMap(`Map ${i}`))
    expectLimited(await createMap('One too many'), limit)
  })

  it('ignores X-Forwarded-For unless the proxy is trusted', async () => {
    const limit = DEFAULT_REQUEST_LIMITS.mapCreationPerIp
    const from = (address: string, title: string) =>
      call('POST', '/api/maps', undefined, { title }, { 'x-forwarded-for': address })
    server = await startServer()
    // A client that names a new address each time is still one address.
    await repeat(limit.max, 201, (i) => from(`10.0.0.${i + 1}`, `Map ${i}`))
    expectLimited(await from('10.0.1.1', 'One too many'), limit)
    await server.close()

    server = await startServer({ trustProxy: '127.0.0.1' })
    await repeat(limit.max, 201, (i) => from('10.0.0.1', `Map ${i}`))
    expectLimited(await from('10.0.0.1', 'One too many'), limit)
    expect((await from('10.0.0.2', 'Someone else')).status).toBe(201)
  })
})

describe('joining', () => {
  it('counts joins per link: a busy link is refused, the map’s other links still work', async () => {
    server = await startServer()
    const map = (await createMap('Conference')).body as CreateMapResponse
    const limit = DEFAULT_REQUEST_LIMITS.joinPerLink
    const join = (link: string, name: string) =>
      call('POST', `/api/maps/${map.id}/join`, tokenOf(link), { name })
    await repeat(limit.max, 200, (i) => join(map.links.family, `Relative ${i}`))
    expectLimited(await join(map.links.family, 'One too many'), limit)
    // The map's other links are not held up.
    expect((await join(map.links.viewer, 'Student')).status).toBe(200)
  })

  it('counts joins per address, more loosely, whatever the link', async () => {
    server = await startServer()
    const perIp = DEFAULT_REQUEST_LIMITS.joinPerIp
    const perLink = DEFAULT_REQUEST_LIMITS.joinPerLink
    const maps: CreateMapResponse[] = []
    while (maps.length * 4 * perLink.max < perIp.max + 1) {
      maps.push((await createMap(`Conference ${maps.length}`)).body as CreateMapResponse)
    }
    const links = maps.flatMap((map) => Object.values(map.links).map((link) => ({ map, link })))
    const join = (i: number) => {
      const { map, link } = links[i % links.length] ?? { map: maps[0], link: '' }
      return call('POST', `/api/maps/${map?.id ?? ''}/join`, tokenOf(link), {
        name: `Person ${i}`,
        agency: 'Agency',
      })
    }
    await repeat(perIp.max, 200, join)
    expectLimited(await join(perIp.max), perIp)
  })
})

describe('link creation', () => {
  it('allows the default number of new links per map', async () => {
    server = await startServer()
    const limit = DEFAULT_REQUEST_LIMITS.linkCreationPerMap
    const first = (await createMap('First')).body as CreateMapResponse
    const second = (await createMap('Second')).body as CreateMapResponse
    const createLink = (map: CreateMapResponse) =>
      call('POST', `/api/maps/${map.id}/links`, tokenOf(map.links.chair), { role: 'family' })
    await repeat(limit.max, 201, () => createLink(first))
    expectLimited(await createLink(first), limit)
    expect((await createLink(second)).status).toBe(201)
  })
})

describe('exports', () => {
  async function joinedMap(): Promise<{ map: CreateMapResponse; chair: JoinResponse }> {
    if (server === undefined) throw new Error('no server')
    const map = (await createMap('Exported conference')).body as CreateMapResponse
    const chair = await joinAs(server, map.links.chair, { name: 'Ann Chair', agency: 'Reviewing' })
    return { map, chair }
  }
  const exportPng = (who: JoinResponse, audience: Audience = 'shared') =>
    call(
      'GET',
      `/api/maps/${who.map.id}${audience === 'shared' ? '' : '/professionals'}/export.png`,
      who.token,
    )

  it.each(AUDIENCES)(
    'allows the default number of exports per participant (the %s record)',
    async (audience) => {
      server = await startServer()
      const { map, chair } = await joinedMap()
      const limit = DEFAULT_REQUEST_LIMITS.exportPerParticipant
      await repeat(limit.max, 200, () => exportPng(chair, audience))
      expectLimited(await exportPng(chair, audience), limit)
      // One allowance for both records: the other one does not open a second.
      expectLimited(await exportPng(chair, audience === 'shared' ? 'professionals' : 'shared'), limit)
      const teacher = await joinAs(server, map.links.professional, { name: 'Ms Reid', agency: 'School' })
      expect((await exportPng(teacher, audience)).status).toBe(200)
      expect(await server.app.store.listExports(map.id)).toHaveLength(limit.max + 1)
    },
  )

  it('allows the default number of exports per map to everyone but the chair', async () => {
    server = await startServer()
    const { map, chair } = await joinedMap()
    const perMap = DEFAULT_REQUEST_LIMITS.exportPerMap
    const perPerson = DEFAULT_REQUEST_LIMITS.exportPerParticipant
    const people: JoinResponse[] = []
    for (let i = 0; i * perPerson.max < perMap.max + 1; i++) {
      people.push(await joinAs(server, map.links.professional, { name: `Worker ${i}`, agency: 'Agency' }))
    }
    await repeat(perMap.max, 200, (i) => exportPng(people[Math.floor(i / perPerson.max)] ?? chair))
    const fresh = people[people.length - 1] ?? chair
    expectLimited(await exportPng(fresh), perMap)
    // The chair can still make the record.
    expect((await exportPng(chair)).status).toBe(200)
  })

  it('generates one export per map at a time and keeps nothing of a refused one', async () => {
    server = await startServer({ store: await slowLoadingStore(300) })
    const { map, chair } = await joinedMap()
    const other = await joinedMap()
    const path = `/api/maps/${map.id}/export.pdf`
    const answers = await Promise.all([
      call('GET', path, chair.token),
      call('GET', path, chair.token),
      // Another map is not held up.
      call('GET', `/api/maps/${other.map.id}/export.pdf`, other.chair.token),
    ])
    const statuses = answers.slice(0, 2).map((answer) => answer.status)
    expect(statuses.sort()).toEqual([200, 409])
    const refused = answers.find((answer) => answer.status === 409)
    if (refused === undefined) throw new Error('no refusal')
    expectError(refused, 409, 'EXPORT_IN_PROGRESS')
    expect(answers[2]?.status).toBe(200)
    expect(await server.app.store.listExports(map.id)).toHaveLength(1)
    // Once the first is done, the next one is made.
    expect((await call('GET', path, chair.token)).status).toBe(200)
    expect(await server.app.store.listExports(map.id)).toHaveLength(2)
  })
})

describe('scaling answers', () => {
  it('allows the default number of answers per participant', async () => {
    server = await startServer()
    const map = (await createMap('Scaled conference')).body as CreateMapResponse
    const chair = tokenOf(map.links.chair)
    const opened = await call('POST', `/api/maps/${map.id}/scaling`, chair, {
      subject: 'overall',
      chairScales: false,
    })
    const { roundId } = opened.body as { roundId: string }
    const worker = await joinAs(server, map.links.professional, { name: 'Sam', agency: 'Social care' })
    const mum = await joinAs(server, map.links.family, { name: 'Mum' })
    const answer = (who: JoinResponse, score: number) =>
      call('PUT', `/api/maps/${map.id}/scaling/${roundId}/submission`, who.token, {
        score,
        reason: 'Because',
      })
    const limit = DEFAULT_REQUEST_LIMITS.scalingAnswerPerParticipant
    await repeat(limit.max, 200, (i) => answer(worker, i % 11))
    expectLimited(await answer(worker, 5), limit)
    expect((await answer(mum, 7)).status).toBe(200)
  })
})
