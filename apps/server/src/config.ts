import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_REPORTS_POLICY } from '@mapboard/map-model'
import type { ReportsPolicy } from '@mapboard/map-model'
import { DEFAULT_REQUEST_LIMITS } from './http/RequestLimits.ts'
import type { RequestLimits } from './http/RequestLimits.ts'
import { isLoopbackHost } from './http/loopback.ts'
import type { IntakeLimits } from './rooms/FrameBudget.ts'

/** Everything the server can be told. `buildApp` fills in defaults for what its caller leaves out. */
export interface ServerConfig {
  host: string
  port: number
  /** Where the SQLite file and the generated token secret live. */
  dataDir: string
  /**
   * The PostgreSQL database to keep everything in instead of the SQLite file (`MAPBOARD_DATABASE_URL`,
   * `postgres://user:password@host:port/database`; decision 0045). Unset: SQLite in `dataDir`.
   */
  databaseUrl?: string
  /**
   * Where the SQLite store's connection runs (`MAPBOARD_SQLITE_WRITER`; decision 0050): 'thread', a worker thread
   * of its own, so the event loop never waits for a commit's fsync; or 'inline', on the event loop (the
   * synchronous store, for comparison). Ignored with `databaseUrl`.
   */
  sqliteWriter: SqliteWriter
  /** Origin put into join links and the CSP, e.g. `https://mapboard.example.org`. Unset: the request's own. */
  publicOrigin: string | undefined
  /** HMAC secret for join tokens (>= 32 chars). Unset: generated once and kept in the data dir. */
  secret: string | undefined
  /** When set, `POST /api/maps` needs `Authorization: Bearer <adminToken>`. */
  adminToken: string | undefined
  /**
   * Open creation (no admin token) on a `host` other than loopback is meant, not an accident
   * (`MAPBOARD_OPEN_CREATION=1`; see `checkOpenCreation`).
   */
  openCreation: boolean
  /**
   * Origins, besides `publicOrigin`, whose pages may open `/sync` sockets (`MAPBOARD_ALLOWED_ORIGINS`). Without a
   * public origin, same-origin and loopback pages may too (http/upgradeOrigin.ts).
   */
  allowedOrigins: readonly string[]
  /**
   * Without a public origin, links are built from the request's `Host` only when it is loopback or one of these
   * host names (`MAPBOARD_ALLOWED_HOSTS`); otherwise link-making requests are refused (routes/requestOrigin.ts).
   */
  allowedHosts: readonly string[]
  /**
   * Proxies whose `X-Forwarded-For` names the client (`MAPBOARD_TRUST_PROXY`: addresses, CIDR ranges or
   * `loopback`, comma-separated), so that limits per address count clients, not the proxy. Unset: none.
   */
  trustProxy: string | undefined
  /** The HTTP limits (http/RequestLimits.ts). Not read from the environment. */
  limits: RequestLimits
  /** A room stays loaded this long after its last client left. */
  unloadGraceMs: number
  /** Updates in a map's log before it is folded into a snapshot. */
  compactionThreshold: number
  keepaliveIntervalMs: number
  /**
   * How long a connection whose update built on content the server lacks has to send that content once asked
   * again, before it is closed with 4501 (rooms/Room.ts). Not read from the environment.
   */
  resyncTimeoutMs: number
  /** How fast one connection, and one participant, may send frames (rooms/FrameBudget.ts). Not read from the environment. */
  intakeLimits: IntakeLimits
  /** Lifetime of a new join link. */
  linkTtlMs: number
  /** The built web app (vite's `dist`). */
  webDistDir: string
  /**
   * When agencies' reports are due before a conference, for the record's "Shared late" list
   * (`MAPBOARD_REPORTS_INITIAL_HOURS`, `MAPBOARD_REPORTS_REVIEW_WORKING_DAYS`, `MAPBOARD_EXTRA_BANK_HOLIDAYS`;
   * England and Wales by default: map-model's DEFAULT_REPORTS_POLICY).
   */
  reportsPolicy: ReportsPolicy
  /**
   * Days after a map was closed before its live data is erased, its records kept (`MAPBOARD_RETENTION_DAYS`,
   * decision 0042). Unset: closed maps are kept until an administrator erases them.
   */
  retentionDays?: number
  /** How the family letter tells people to ask for a correction or complain (`MAPBOARD_LETTER_CORRECTIONS_TEXT`); the record's default when absent. */
  letterCorrectionsText?: string
  /**
   * Redis for several instances serving the same maps (`MAPBOARD_REDIS_URL`, decision 0047). Unset: this process
   * serves every map it is asked for on its own, as a single server does.
   */
  redisUrl?: string
  /** Prefix of every Redis key and channel the instances use (`MAPBOARD_REDIS_PREFIX`, default `mapboard:`). */
  redisPrefix?: string
}

export type SqliteWriter = 'thread' | 'inline'

export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_PORT = 3000
export const DEFAULT_UNLOAD_GRACE_MS = 30_000
export const DEFAULT_COMPACTION_THRESHOLD = 300
export const DEFAULT_SQLITE_WRITER: SqliteWriter = 'thread'
export const DEFAULT_LINK_TTL_MS = 30 * 24 * 60 * 60 * 1000
export { DEFAULT_REQUEST_LIMITS }
/** `apps/web/dist`, found from this file so the server can be started from any directory. */
export const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url))

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

export const CLUSTER_NEEDS_POSTGRES =
  'MAPBOARD_REDIS_URL (several instances) needs MAPBOARD_DATABASE_URL=postgres://… as well: the instances share one PostgreSQL database, which fences off the writes of an instance that is no longer a map’s authority'

/** Reads the `HOST`, `PORT` and `MAPBOARD_*` variables. Relative paths resolve against `cwd`. */
export function configFromEnv(
  env: NodeJS.ProcessEnv,
  cwd: string = process.cwd(),
): Omit<ServerConfig, 'keepaliveIntervalMs' | 'resyncTimeoutMs' | 'limits' | 'intakeLimits'> {
  const config = {
    host: nonEmpty(env.HOST) ?? DEFAULT_HOST,
    port: integer(env, 'PORT', DEFAULT_PORT, 0, 65535),
    dataDir: dataDirFromEnv(env, cwd),
    databaseUrl: databaseUrlFromEnv(env),
    sqliteWriter: sqliteWriter(env),
    publicOrigin: origin(nonEmpty(env.MAPBOARD_PUBLIC_ORIGIN)),
    secret: nonEmpty(env.MAPBOARD_SECRET),
    adminToken: nonEmpty(env.MAPBOARD_ADMIN_TOKEN),
    openCreation: flag(env, 'MAPBOARD_OPEN_CREATION'),
    allowedOrigins: list(env.MAPBOARD_ALLOWED_ORIGINS).map((value) =>
      origin(value, 'MAPBOARD_ALLOWED_ORIGINS'),
    ),
    allowedHosts: list(env.MAPBOARD_ALLOWED_HOSTS).map(allowedHost),
    trustProxy: nonEmpty(env.MAPBOARD_TRUST_PROXY),
    unloadGraceMs: integer(env, 'MAPBOARD_UNLOAD_GRACE_MS', DEFAULT_UNLOAD_GRACE_MS, 0, 24 * 60 * 60 * 1000),
    compactionThreshold: integer(
      env,
      'MAPBOARD_COMPACTION_THRESHOLD',
      DEFAULT_COMPACTION_THRESHOLD,
      1,
      1_000_000,
    ),
    linkTtlMs: integer(env, 'MAPBOARD_LINK_TTL_DAYS', 30, 1, 3650) * 24 * 60 * 60 * 1000,
    webDistDir: resolve(cwd, nonEmpty(env.MAPBOARD_WEB_DIST) ?? DEFAULT_WEB_DIST_DIR),
    reportsPolicy: reportsPolicy(env),
    letterCorrectionsText: nonEmpty(env.MAPBOARD_LETTER_CORRECTIONS_TEXT),
    retentionDays: optionalInteger(env, 'MAPBOARD_RETENTION_DAYS', 1, 36_500),
    redisUrl: redisUrl(nonEmpty(env.MAPBOARD_REDIS_URL)),
    redisPrefix: nonEmpty(env.MAPBOARD_REDIS_PREFIX),
  }
  checkOpenCreation(config)
  if (config.redisUrl !== undefined && config.databaseUrl === undefined)
    throw new ConfigError(CLUSTER_NEEDS_POSTGRES)
  return config
}

/** `MAPBOARD_DATA_DIR` (default `./data`) against `cwd`: the server's data, and what backup and restore work on. */
export function dataDirFromEnv(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): string {
  return resolve(cwd, nonEmpty(env.MAPBOARD_DATA_DIR) ?? './data')
}

/**
 * `MAPBOARD_DATABASE_URL`: a postgres:// (or postgresql://) URL, or undefined for SQLite. The value is never
 * repeated in an error, since it may hold a password.
 */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const raw = nonEmpty(env.MAPBOARD_DATABASE_URL)
  if (raw === undefined) return undefined
  let url: URL | undefined
  try {
    url = new URL(raw)
  } catch {
    url = undefined
  }
  if (
    url === undefined ||
    (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') ||
    url.host === ''
  ) {
    throw new ConfigError(
      'MAPBOARD_DATABASE_URL must be a PostgreSQL URL like postgres://mapboard:password@db.example.org:5432/mapboard',
    )
  }
  return raw
}

function sqliteWriter(env: NodeJS.ProcessEnv): SqliteWriter {
  const raw = nonEmpty(env.MAPBOARD_SQLITE_WRITER)
  if (raw === undefined) return DEFAULT_SQLITE_WRITER
  if (raw === 'thread' || raw === 'inline') return raw
  throw new ConfigError(`MAPBOARD_SQLITE_WRITER must be thread or inline, not "${raw}"`)
}

/**
 * Refuses to start a server anyone on the network could fill with maps by mistake: without an admin token,
 * creation is open, which is fine on loopback (local use) and elsewhere only when asked for explicitly.
 */
export function checkOpenCreation(config: Pick<ServerConfig, 'host' | 'adminToken' | 'openCreation'>): void {
  if (config.adminToken !== undefined || config.openCreation || isLoopbackHost(config.host)) return
  throw new ConfigError(
    `MAPBOARD_ADMIN_TOKEN is not set, so anyone who can reach HOST=${config.host} could create maps. ` +
      'Set MAPBOARD_ADMIN_TOKEN to a long random secret (creating a map then needs ' +
      '"Authorization: Bearer <that secret>"), or set MAPBOARD_OPEN_CREATION=1 if open creation is meant, ' +
      'or listen on 127.0.0.1 only (HOST=127.0.0.1).',
  )
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = nonEmpty(env[name])
  if (raw === undefined || raw === '0' || raw.toLowerCase() === 'false') return false
  if (raw === '1' || raw.toLowerCase() === 'true') return true
  throw new ConfigError(`${name} must be 1 or 0, not "${raw}"`)
}

/** A comma-separated list, blanks dropped. */
function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

/** A host name or IP literal, optionally with a port, as a `Host` header would carry it; lower case. */
function allowedHost(value: string): string {
  if (!/^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(value)) {
    throw new ConfigError(
      `MAPBOARD_ALLOWED_HOSTS takes host names like maps.example.org or maps.example.org:8080, not "${value}"`,
    )
  }
  return value.toLowerCase()
}

/** The reports policy: England and Wales's, with the deployment's own numbers and extra holidays if it sets them. */
function reportsPolicy(env: NodeJS.ProcessEnv): ReportsPolicy {
  const defaults = DEFAULT_REPORTS_POLICY
  const extra = list(env.MAPBOARD_EXTRA_BANK_HOLIDAYS)
  for (const day of extra) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
      throw new ConfigError(`MAPBOARD_EXTRA_BANK_HOLIDAYS takes dates like 2027-01-04, not "${day}"`)
  }
  return {
    initialHours: integer(env, 'MAPBOARD_REPORTS_INITIAL_HOURS', defaults.initialHours, 0, 24 * 30),
    reviewWorkingDays: integer(
      env,
      'MAPBOARD_REPORTS_REVIEW_WORKING_DAYS',
      defaults.reviewWorkingDays,
      0,
      60,
    ),
    bankHolidays: extra.length === 0 ? defaults.bankHolidays : [...defaults.bankHolidays, ...extra],
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}

/** A whole number in range, or undefined when the variable is unset (the feature is off). */
function optionalInteger(env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined {
  return nonEmpty(env[name]) === undefined ? undefined : integer(env, name, 0, min, max)
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env[name])
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`)
  }
  return value
}

/** `redis://…` or `rediss://…`; anything else is refused at start rather than at the first map. */
function redisUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (url?.protocol !== 'redis:' && url?.protocol !== 'rediss:') {
    throw new ConfigError('MAPBOARD_REDIS_URL must be a URL like redis://127.0.0.1:6379')
  }
  return value
}

/** Normalises `https://host:port/` to `https://host:port`; refuses anything that is not an http(s) origin. */
export function origin(value: string, name?: string): string
export function origin(value: string | undefined, name?: string): string | undefined
export function origin(value: string | undefined, name = 'MAPBOARD_PUBLIC_ORIGIN'): string | undefined {
  if (value === undefined) return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError(`${name} is not a URL: "${value}"`)
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.origin !== value.replace(/\/$/, '').toLowerCase()
  ) {
    throw new ConfigError(`${name} must be an origin like https://mapboard.example.org, not "${value}"`)
  }
  return url.origin
}
