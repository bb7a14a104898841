// Several server processes serving the same maps (decision 0047): one PostgreSQL database of their own per cluster
// (and a shared data dir for the signing secret), one Redis with a key prefix of their own, each instance on port 0.
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { describe } from 'vitest'
import { freshPostgresDatabase } from '../../support/postgresDatabase.ts'
import { startServerProcess } from '../../support/serverProcess.ts'
import type { ServerProcess } from '../../support/serverProcess.ts'

export const REDIS_URL = process.env.MAPBOARD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

/** Whether the test Redis answers; the cluster suites are skipped, saying so, when it does not. */
export async function redisAnswers(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  redis.on('error', () => {})
  try {
    await redis.connect()
    return (await redis.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    redis.disconnect()
  }
}

const redisUp = await redisAnswers()
// CI installs and starts Redis (scripts/install.sh): there a missing Redis is a failure, not a skip.
if (!redisUp && process.env.CI) throw new Error(`cluster tests: no Redis at ${REDIS_URL}`)
if (!redisUp) {
  console.warn(
    `cluster tests skipped: no Redis at ${REDIS_URL} (start one, or set MAPBOARD_TEST_REDIS_URL, to run them)`,
  )
}

/** `describe` for suites that need the test Redis: skipped, with a warning, where none answers. */
export const describeWithRedis = describe.skipIf(!redisUp)

export interface TestCluster {
  readonly instances: ServerProcess[]
  /** The Redis key prefix this cluster's instances use. */
  readonly prefix: string
  /** postgres://… of the cluster's database, to look at what the instances stored. */
  readonly databaseUrl: string
  /** Starts one more instance on the same database and Redis, with `env` added to the cluster's. */
  add(env?: NodeJS.ProcessEnv): Promise<ServerProcess>
  /** Ends every instance still running, and removes the data dir and the Redis keys. */
  close(): Promise<void>
}

export async function startCluster(count: number, env: NodeJS.ProcessEnv = {}): Promise<TestCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'mapboard-cluster-'))
  const dataDir = join(dir, 'data')
  const prefix = `mapboard-test:${randomUUID()}:`
  const database = await freshPostgresDatabase()
  const instanceEnv = {
    MAPBOARD_REDIS_URL: REDIS_URL,
    MAPBOARD_REDIS_PREFIX: prefix,
    MAPBOARD_DATABASE_URL: database.url,
    ...env,
  }
  const instances: ServerProcess[] = []
  const add = async (extra: NodeJS.ProcessEnv = {}) => {
    const instance = await startServerProcess({ dataDir, env: { ...instanceEnv, ...extra } })
    instances.push(instance)
    return instance
  }
  // One after the other: the first creates the database file and the secret the others then find.
  for (let i = 0; i < count; i++) await add()
  return {
    instances,
    prefix,
    databaseUrl: database.url,
    add,
    async close() {
      await Promise.all(instances.map((instance) => instance.kill('SIGKILL')))
      await rm(dir, { recursive: true, force: true })
      await deleteKeys(prefix)
      await database.drop()
    },
  }
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL)
  try {
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
