// A database of its own for each test on the machine's PostgreSQL (127.0.0.1:5432, trust auth): made with a name
// no other run uses and dropped afterwards, so parallel runs never meet. MAPBOARD_TEST_POSTGRES_URL names another
// server or user to make them with (its database is only connected to, never changed).
import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** Tried in turn: the Debian package's superuser, then the machine's root user (both trusted on loopback here). */
const ADMIN_URLS = ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test']

export interface PostgresTestDatabase {
  /** postgres://… of the new database, as MAPBOARD_DATABASE_URL takes it. */
  url: string
  name: string
  /** Drops the database, ending whatever is still connected to it. */
  drop(): Promise<void>
}

let adminUrl: Promise<string | undefined> | undefined

/** The first way in that answers, or undefined when no PostgreSQL server is reachable. */
export function postgresAdminUrl(): Promise<string | undefined> {
  adminUrl ??= (async () => {
    const candidates = process.env.MAPBOARD_TEST_POSTGRES_URL ?? ADMIN_URLS.join(' ')
    for (const url of candidates.split(' ').filter((candidate) => candidate !== '')) {
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

/**
 * Whether the PostgreSQL tests can run here. In CI they must: CI starts PostgreSQL (scripts/install.sh), so there
 * a missing server fails the run instead of skipping its tests.
 */
export async function postgresAvailable(): Promise<boolean> {
  if ((await postgresAdminUrl()) !== undefined) return true
  if (process.env.CI === 'true') {
    throw new Error(
      'PostgreSQL is not reachable on 127.0.0.1:5432 (run scripts/install.sh --with-test-tools)',
    )
  }
  process.stderr.write(
    'Skipping the PostgreSQL tests: no PostgreSQL on 127.0.0.1:5432 (scripts/install.sh --with-test-tools starts one).\n',
  )
  return false
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = await postgresAdminUrl()
  if (url === undefined) throw new Error('no PostgreSQL server on 127.0.0.1:5432')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

/** Makes `mapboard_test_<random>` and resolves with its URL. */
export async function freshPostgresDatabase(): Promise<PostgresTestDatabase> {
  const name = `mapboard_test_${randomBytes(6).toString('hex')}`
  await admin((client) => client.query(`CREATE DATABASE ${name}`))
  const base = new URL((await postgresAdminUrl()) ?? '')
  base.pathname = `/${name}`
  return {
    url: base.toString(),
    name,
    drop: () =>
      admin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  }
}
