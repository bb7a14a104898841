import { resolve } from 'node:path'
import Fastify from 'fastify'
import type { FastifyInstance } from 'fastify'
import helmet from '@fastify/helmet'
import websocket from '@fastify/websocket'
import { KEEPALIVE_INTERVAL_MS } from '@mapboard/protocol'
import { DEFAULT_REPORTS_POLICY } from '@mapboard/map-model'
import {
  DEFAULT_COMPACTION_THRESHOLD,
  DEFAULT_HOST,
  DEFAULT_LINK_TTL_MS,
  DEFAULT_PORT,
  DEFAULT_REQUEST_LIMITS,
  DEFAULT_UNLOAD_GRACE_MS,
  DEFAULT_WEB_DIST_DIR,
  origin,
} from './config.ts'
import type { ServerConfig } from './config.ts'
import { installErrorHandlers } from './http/errors.ts'
import type { RequestLimits } from './http/RequestLimits.ts'
import { loggerOptions } from './http/logging.ts'
import type { LoggerOption } from './http/logging.ts'
import { securityHeaders } from './http/securityHeaders.ts'
import { clusterPlugin } from './cluster/clusterPlugin.ts'
import { authPlugin } from './plugins/auth.ts'
import { configPlugin } from './plugins/config.ts'
import { limitsPlugin } from './plugins/limits.ts'
import { retentionPlugin } from './plugins/retention.ts'
import { roomsPlugin } from './plugins/rooms.ts'
import { storagePlugin } from './plugins/storage.ts'
import { tokensPlugin } from './plugins/tokens.ts'
import { DEFAULT_INTAKE_LIMITS } from './rooms/FrameBudget.ts'
import { RESYNC_TIMEOUT_MS } from './rooms/ResyncPolicy.ts'
import type { RulesFactory } from './rooms/UpdateGate.ts'
import type { MapStore } from './storage/MapStore.ts'
import { auditRoutes } from './routes/audit.ts'
import { exportRoutes } from './routes/exports.ts'
import { healthRoutes } from './routes/health.ts'
import { joinRoutes } from './routes/join.ts'
import { linkRoutes } from './routes/links.ts'
import { mapRoutes } from './routes/maps.ts'
import { restorationRoutes } from './routes/restorations.ts'
import { closingRoutes } from './routes/closing.ts'
import { erasedMaps } from './routes/erasedMaps.ts'
import { erasureRoutes } from './routes/erasure.ts'
import { scalingRoutes } from './routes/scaling.ts'
import { refuseStrayUpgrades, syncRoutes, websocketOptions } from './routes/sync.ts'
import { webNotFoundPage, webRoutes } from './routes/web.ts'

export interface BuildAppOptions extends Omit<Partial<ServerConfig>, 'limits'> {
  /** Replaces the named HTTP limits; the others keep their defaults (http/RequestLimits.ts). */
  limits?: Partial<RequestLimits>
  /** `true` logs JSON at info to stdout; an options object (level, stream…) configures pino. Default: off. */
  logger?: LoggerOption
  /**
   * Permission rules for document updates (see UpdateGate). Default: map-model's rules (rooms/permissionRules.ts).
   * `false` turns them off — every writer's update is applied — for benchmarks, never in production.
   */
  rules?: RulesFactory | false
  /** The map store to use instead of the configured one (the app closes it on close). */
  store?: MapStore
  /** The clock of the facts the server stamps (a note's `receivedAt`), ms since the epoch. Default Date.now. */
  now?: () => number
}

export function resolveConfig(options: BuildAppOptions): ServerConfig {
  return {
    host: options.host ?? DEFAULT_HOST,
    port: options.port ?? DEFAULT_PORT,
    dataDir: resolve(options.dataDir ?? './data'),
    ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }),
    // Embedded use (the in-process tests, tools) keeps the store on the event loop unless asked: a thread per app
    // costs a second to start from source. `pnpm start` reads MAPBOARD_SQLITE_WRITER, whose default is the thread.
    sqliteWriter: options.sqliteWriter ?? 'inline',
    publicOrigin: origin(options.publicOrigin),
    secret: options.secret,
    adminToken: options.adminToken === '' ? undefined : options.adminToken,
    openCreation: options.openCreation ?? false,
    allowedOrigins: (options.allowedOrigins ?? []).map((value) => origin(value, 'allowedOrigins')),
    allowedHosts: (options.allowedHosts ?? []).map((value) => value.toLowerCase()),
    trustProxy: options.trustProxy,
    limits: { ...DEFAULT_REQUEST_LIMITS, ...options.limits },
    unloadGraceMs: options.unloadGraceMs ?? DEFAULT_UNLOAD_GRACE_MS,
    compactionThreshold: options.compactionThreshold ?? DEFAULT_COMPACTION_THRESHOLD,
    keepaliveIntervalMs: options.keepaliveIntervalMs ?? KEEPALIVE_INTERVAL_MS,
    resyncTimeoutMs: options.resyncTimeoutMs ?? RESYNC_TIMEOUT_MS,
    intakeLimits: options.intakeLimits ?? DEFAULT_INTAKE_LIMITS,
    linkTtlMs: options.linkTtlMs ?? DEFAULT_LINK_TTL_MS,
    webDistDir: resolve(options.webDistDir ?? DEFAULT_WEB_DIST_DIR),
    reportsPolicy: options.reportsPolicy ?? DEFAULT_REPORTS_POLICY,
    ...(options.letterCorrectionsText === undefined
      ? {}
      : { letterCorrectionsText: options.letterCorrectionsText }),
    ...(options.retentionDays === undefined ? {} : { retentionDays: options.retentionDays }),
    ...(options.redisUrl === undefined ? {} : { redisUrl: options.redisUrl }),
    ...(options.redisPrefix === undefined ? {} : { redisPrefix: options.redisPrefix }),
  }
}

/** The whole server, not listening yet: `main.ts` calls `listen`, tests use port 0 or `inject()`. */
export function buildApp(options: BuildAppOptions = {}): FastifyInstance {
  const config = resolveConfig(options)
  const app = Fastify({
    logger: loggerOptions(options.logger),
    bodyLimit: 64 * 1024,
    return503OnClosing: true,
    // Only the configured proxies may say who the client is; by default X-Forwarded-* is ignored.
    ...(config.trustProxy === undefined ? {} : { trustProxy: config.trustProxy }),
    ajv: {
      customOptions: {
        // A title of 42 is a client bug to report, not a string to make up.
        coerceTypes: false,
        // Unknown fields are refused (400), as `additionalProperties: false` says, not silently dropped: a
        // misspelt field would otherwise look accepted.
        removeAdditional: false,
      },
    },
  })
  installErrorHandlers(app, webNotFoundPage(config.webDistDir))
  if (config.adminToken === undefined) {
    app.log.warn('MAPBOARD_ADMIN_TOKEN is not set: anyone who can reach this server can create maps')
  }

  // Infrastructure, in dependency order (on close, hooks run in reverse: rooms store their updates, then the
  // store closes).
  app.register(configPlugin, options.now === undefined ? { config } : { config, now: options.now })
  app.register(storagePlugin, options.store === undefined ? {} : { store: options.store })
  app.register(tokensPlugin)
  app.register(authPlugin)
  // Before the limits, which count in Redis when there is a cluster.
  app.register(clusterPlugin)
  app.register(limitsPlugin)
  app.register(roomsPlugin, {
    ...(options.rules === undefined ? {} : { rules: options.rules }),
    ...(options.now === undefined ? {} : { now: options.now }),
  })
  app.register(retentionPlugin)
  app.register(helmet, securityHeaders(config.publicOrigin))
  app.register(websocket, websocketOptions)
  app.register(refuseStrayUpgrades)

  // Each route takes, as its `store` option, only the kinds of stored data it uses; all are the one store.
  const store = (parent: FastifyInstance) => ({ store: parent.store })
  // Before every route: an erased map's addresses answer 410 whatever route they would reach.
  app.register(erasedMaps, store)
  app.register(healthRoutes)
  app.register(mapRoutes, store)
  app.register(joinRoutes, store)
  app.register(linkRoutes, store)
  app.register(scalingRoutes, store)
  app.register(exportRoutes, store)
  app.register(restorationRoutes, store)
  app.register(closingRoutes, store)
  app.register(erasureRoutes, store)
  app.register(auditRoutes, store)
  app.register(syncRoutes, store)
  app.register(webRoutes, (parent: FastifyInstance) => ({ distDir: config.webDistDir, maps: parent.store }))
  return app
}
