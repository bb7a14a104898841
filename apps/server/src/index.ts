// Public entry of @mapboard/server: what main.ts and the bench need to start the server. Tests start it through
// the second entry point, @mapboard/server/testing (src/testing/).
export { buildApp, resolveConfig } from './buildApp.ts'
export type { BuildAppOptions } from './buildApp.ts'
export { configFromEnv, ConfigError } from './config.ts'
export type { ServerConfig } from './config.ts'
export type { RulesFactory, UpdateRules, UpdateAuthor, Verdict } from './rooms/UpdateGate.ts'
export { permissionRules } from './rooms/permissionRules.ts'
export type { MapStore } from './storage/MapStore.ts'
export type { MapCatalog, MapRecord } from './storage/MapCatalog.ts'
export type {
  DocumentLog,
  StoredDocument,
  MapAppend,
  MapAppendResult,
  QuarantineEntry,
  QuarantinedEntry,
  Restoration,
} from './storage/DocumentLog.ts'
export type { LinkStore, LinkRecord } from './storage/LinkStore.ts'
export type { ClientIdStore, ClientIdRecord } from './storage/ClientIdStore.ts'
export type { ScalingStore, ScalingSubmissionRecord } from './storage/ScalingStore.ts'
export { SqliteMapStore } from './storage/SqliteMapStore.ts'
export { ThreadedSqliteMapStore } from './storage/sqliteThread/ThreadedSqliteMapStore.ts'
export { MemoryMapStore } from './storage/MemoryMapStore.ts'
export { PostgresMapStore } from './storage/postgres/PostgresMapStore.ts'
export type { FastifyInstance as MapboardApp } from 'fastify'
export type {
  ExportStore,
  ExportRecord,
  ExportSummary,
  ExportFormat,
  ExportAudience,
  ExportAuthor,
} from './storage/ExportStore.ts'
// The stored document as an export reads it (the benchmark builds its sample records the same way).
export { documentAt } from './export/documentAt.ts'
