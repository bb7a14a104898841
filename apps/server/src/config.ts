import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { IntakeLimits } from './rooms/FrameBudget.ts'

/** Everything the server can be told. `buildApp` fills in defaults for what its caller leaves out. */
export interface ServerConfig {
  host: string
  port: number
  /** Where the SQLite file and the generated token secret live. */
  dataDir: string
  /** Origin put into join links and the CSP, e.g. `https://mapboard.example.org`. Unset: the request's own. */
  publicOrigin: string | undefined
  /** HMAC secret for join tokens (>= 32 chars). Unset: generated once and kept in the data dir. */
  secret: string | undefined
  /** When set, `POST /api/maps` needs `Authorization: Bearer <adminToken>`. */
  adminToken: string | undefined
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
}

export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_PORT = 3000
export const DEFAULT_UNLOAD_GRACE_MS = 30_000
export const DEFAULT_COMPACTION_THRESHOLD = 300
export const DEFAULT_LINK_TTL_MS = 30 * 24 * 60 * 60 * 1000
/** `apps/web/dist`, found from this file so the server can be started from any directory. */
export const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url))

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

/** Reads the `HOST`, `PORT` and `MAPBOARD_*` variables. Relative paths resolve against `cwd`. */
export function configFromEnv(
  env: NodeJS.ProcessEnv,
  cwd: string = process.cwd(),
): Omit<ServerConfig, 'keepaliveIntervalMs' | 'resyncTimeoutMs' | 'intakeLimits'> {
  return {
    host: nonEmpty(env.HOST) ?? DEFAULT_HOST,
    port: integer(env, 'PORT', DEFAULT_PORT, 0, 65535),
    dataDir: resolve(cwd, nonEmpty(env.MAPBOARD_DATA_DIR) ?? './data'),
    publicOrigin: origin(nonEmpty(env.MAPBOARD_PUBLIC_ORIGIN)),
    secret: nonEmpty(env.MAPBOARD_SECRET),
    adminToken: nonEmpty(env.MAPBOARD_ADMIN_TOKEN),
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
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
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

/** Normalises `https://host:port/` to `https://host:port`; refuses anything that is not an http(s) origin. */
export function origin(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError(`MAPBOARD_PUBLIC_ORIGIN is not a URL: "${value}"`)
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== value.replace(/\/$/, '')) {
    throw new ConfigError(
      `MAPBOARD_PUBLIC_ORIGIN must be an origin like https://mapboard.example.org, not "${value}"`,
    )
  }
  return url.origin
}
