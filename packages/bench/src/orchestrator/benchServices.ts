// PostgreSQL and Redis on 127.0.0.1 for the servers that need them (ServerKind.services): a database made fresh
// for each server start and dropped after it, and a Redis key prefix of its own whose keys are removed after it.
// MAPBOARD_BENCH_POSTGRES_URL (a user and database to connect as, never changed) and MAPBOARD_BENCH_REDIS_URL
// point elsewhere.
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import pg from 'pg'
import type { BenchService } from '../servers/serverKinds.ts'

/** Tried in turn: the Debian package's superuser, then the machine's root user (both trusted on loopback here). */
const POSTGRES_ADMIN_URLS = [
  'postgres://postgres@127.0.0.1:5432/postgres',
  'postgres://root@127.0.0.1:5432/postgres',
]
export const REDIS_URL = process.env.MAPBOARD_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379'

let adminUrl: Promise<string | undefined> | undefined

/** The first PostgreSQL way in that answers, or undefined. */
function postgresAdminUrl(): Promise<string | undefined> {
  adminUrl ??= (async () => {
    const given = process.env.MAPBOARD_BENCH_POSTGRES_URL
    for (const url of given === undefined ? POSTGRES_ADMIN_URLS : [given]) {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 })
      try {
        await client.connect()
        return url
      } catch {
        // The next one.
      } finally {
        await client.end().catch(() => {})
      }
    }
    return undefined
  })()
  return adminUrl
}

function redisClient(): Redis {
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  redis.on('error', () => {})
  return redis
}

async function redisAnswers(): Promise<boolean> {
  const redis = redisClient()
  try {
    await redis.connect()
    return (await redis.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    redis.disconnect()
  }
}

/** Of `services`, those that do not answer, each with what was tried. */
export async function missingServices(services: readonly BenchService[]): Promise<string[]> {
  const missing: string[] = []
  if (services.includes('postgres') && (await postgresAdminUrl()) === undefined) {
    const tried = process.env.MAPBOARD_BENCH_POSTGRES_URL ?? POSTGRES_ADMIN_URLS.join(' or ')
    missing.push(`PostgreSQL (${tried.replace(/\/\/[^@/]*@/g, '//…@')})`)
  }
  if (services.includes('redis') && !(await redisAnswers())) missing.push(`Redis (${REDIS_URL})`)
  return missing
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = await postgresAdminUrl()
  if (url === undefined) throw new Error('no PostgreSQL server answers')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

/** What one server start was given; `release` drops the database and removes the Redis keys. */
export interface ServiceLease {
  env: Record<string, string>
  release(): Promise<void>
}

/** A fresh database and/or Redis key prefix for one start of a server that needs `services`. */
export async function leaseServices(services: readonly BenchService[]): Promise<ServiceLease> {
  const env: Record<string, string> = {}
  const undo: Array<() => Promise<void>> = []
  const id = randomBytes(6).toString('hex')
  if (services.includes('postgres')) {
    const name = `mapboard_bench_${id}`
    await admin((client) => client.query(`CREATE DATABASE ${name}`))
    const url = new URL((await postgresAdminUrl()) ?? '')
    url.pathname = `/${name}`
    env.BENCH_DATABASE_URL = url.toString()
    undo.push(() =>
      admin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
    )
  }
  if (services.includes('redis')) {
    const prefix = `mapboard-bench:${id}:`
    env.BENCH_REDIS_URL = REDIS_URL
    env.BENCH_REDIS_PREFIX = prefix
    undo.push(() => deleteKeys(prefix))
  }
  return {
    env,
    async release() {
      for (const step of undo.reverse()) await step()
    },
  }
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = redisClient()
  try {
    await redis.connect()
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)
      cursor = next
      if (keys.length > 0) await redis.del(...keys)
    } while (cursor !== '0')
  } finally {
    redis.disconnect()
  }
}
