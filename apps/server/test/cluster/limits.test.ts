// The HTTP limits across instances (decision 0049): counted in Redis for all of them together, so joins spread
// over two instances are refused at the same count, with the same answer, as on one; and when Redis does not
// answer, each instance goes on by its own count — nobody is let in unlimited, nobody is locked out.
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { Redis } from 'ioredis'
import { afterEach, expect, it } from 'vitest'
import type { CreateMapResponse } from '@mapboard/protocol'
import { tokenFromLink } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import { SharedRateCounts } from '../../src/cluster/SharedRateCounts.ts'
import { DEFAULT_REQUEST_LIMITS } from '../../src/http/RequestLimits.ts'
import { createMapOn } from '../support/serverProcess.ts'
import { REDIS_URL, describeWithRedis, startCluster } from './support/cluster.ts'
import type { TestCluster } from './support/cluster.ts'

const cleanup: Array<() => Promise<void>> = []

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

interface Answer {
  status: number
  body: unknown
  retryAfter: string | null
}

async function join(baseUrl: string, map: CreateMapResponse, name: string): Promise<Answer> {
  const response = await fetch(`${baseUrl}/api/maps/${map.id}/join`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${tokenFromLink(map.links.family)}`,
    },
    body: JSON.stringify({ name }),
  })
  return {
    status: response.status,
    body: await response.json(),
    retryAfter: response.headers.get('retry-after'),
  }
}

/** `limit.max` joins with the family link, the i-th through `urls[i % urls.length]`; then the answer to one more. */
async function joinPastTheLimit(urls: readonly string[], map: CreateMapResponse): Promise<Answer> {
  const { max } = DEFAULT_REQUEST_LIMITS.joinPerLink
  for (let i = 0; i < max; i++) {
    const url = urls[i % urls.length] ?? ''
    const answer = await join(url, map, `Relative ${i}`)
    expect(answer.status, `join ${i + 1} through ${url}: ${JSON.stringify(answer.body)}`).toBe(200)
  }
  return join(urls[max % urls.length] ?? '', map, 'One too many')
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} }

describeWithRedis('HTTP limits across instances', () => {
  it('joins with one link spread over two instances are refused at the limit, with the answer one instance gives', async () => {
    const cluster: TestCluster = await startCluster(2)
    cleanup.push(() => cluster.close())
    const urls = cluster.instances.map((instance) => instance.url)
    const map = await createMapOn(cluster.instances[0] ?? { url: '' }, 'Conference')
    const refused = await joinPastTheLimit(urls, map)

    const single: TestServer = await startServer()
    cleanup.push(() => single.close())
    const alone = await joinPastTheLimit([single.url], await single.createMap('Conference'))

    expect(alone.status).toBe(429)
    expect(refused.status).toBe(429)
    expect(refused.body).toEqual(alone.body)
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED' })
    const seconds = Number(refused.retryAfter)
    expect(Number.isInteger(seconds) && seconds > 0).toBe(true)
    expect(seconds).toBeLessThanOrEqual(DEFAULT_REQUEST_LIMITS.joinPerLink.windowMs / 1000)
    // Another link of the map is counted apart, on either instance.
    for (const url of urls) {
      const viewer = await fetch(`${url}/api/maps/${map.id}/join`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${tokenFromLink(map.links.viewer)}`,
        },
        body: JSON.stringify({ name: 'Student' }),
      })
      expect(viewer.status).toBe(200)
    }
  }, 60_000)

  it('two instances count one key together in Redis', async () => {
    const prefix = `mapboard-test:${randomUUID()}:limit:`
    const redis = new Redis(REDIS_URL)
    cleanup.push(async () => {
      await redis.del(`${prefix}join`)
      redis.disconnect()
    })
    const instances = [0, 1].map(() => new SharedRateCounts({ redis, prefix, logger: quiet }))
    const counts: number[] = []
    for (let i = 0; i < 6; i++) counts.push((await instances[i % 2]?.count('join', 60_000))?.current ?? 0)
    expect(counts).toEqual([1, 2, 3, 4, 5, 6])
    const ttl = await redis.pttl(`${prefix}join`)
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual(60_000)
  })

  it('with Redis not answering, an instance counts alone and says so once: its limit still holds, and nobody is locked out', async () => {
    // A port nobody listens on: every command waits for a connection that never comes.
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as AddressInfo
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const redis = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 2 })
    redis.on('error', () => {})
    cleanup.push(async () => {
      redis.disconnect()
    })
    const warnings: string[] = []
    const logger = { ...quiet, warn: (_obj: object, message: string) => void warnings.push(message) }
    const counts = new SharedRateCounts({ redis, prefix: 'unreachable:', logger, timeoutMs: 100 })
    // The first waits out the timeout; the next, within a second, do not ask Redis again.
    const answers = []
    const started = Date.now()
    for (let i = 0; i < 4; i++) answers.push(await counts.count('join', 60_000, started))
    expect(answers.map((answer) => answer.current)).toEqual([1, 2, 3, 4])
    for (const answer of answers) {
      expect(answer.ttl).toBeGreaterThan(0)
      expect(answer.ttl).toBeLessThanOrEqual(60_000)
    }
    // Another key has a count of its own.
    expect((await counts.count('other', 60_000, started)).current).toBe(1)
    expect(warnings).toEqual(['HTTP limits fall back to this instance’s own count'])
  })
})
