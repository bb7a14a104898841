// The servers under test. Each runs as its own process (see orchestrator/ServerProcess.ts).
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const SERVER_IDS = [
  'mapboard',
  'mapboard-nochecks',
  'mapboard-inline',
  'mapboard-memory',
  'y-websocket',
  'hocuspocus',
  'hocuspocus-sqlite',
  'mapboard-postgres',
  'mapboard-cluster',
] as const
export type ServerId = (typeof SERVER_IDS)[number]

/** Which client library speaks to it: y-websocket's WebsocketProvider or @hocuspocus/provider. */
export type ClientProtocol = 'y-websocket' | 'hocuspocus'
export type ServerFamily = 'mapboard' | 'y-websocket' | 'hocuspocus'
/** Services on 127.0.0.1 a server needs besides itself (see servers/benchServices.ts). */
export type BenchService = 'postgres' | 'redis'

export interface ServerKind {
  id: ServerId
  label: string
  family: ServerFamily
  protocol: ClientProtocol
  /** Stores every change on disk (when, differs: see the report). */
  durable: boolean
  /** Checks every update against permission rules. */
  checks: boolean
  /** Only there to attribute Mapboard's cost (durability, checks): runs the edit-latency workloads only. */
  attribution: boolean
  script: string
  /** Node options before the script: Mapboard's take the server from its build (see FROM_SERVER_BUILD). */
  nodeArgs: readonly string[]
  env: Record<string, string>
  /** The server takes its port from PORT (and prints it) instead of listening on port 0. */
  fixedPort: boolean
  /** Processes serving the same maps (more than 1: a cluster sharing PostgreSQL and Redis, decision 0047). */
  instances: number
  /** What it needs running on 127.0.0.1; a fresh database (and Redis key prefix) is made for each start. */
  services: readonly BenchService[]
}

/**
 * `@mapboard/server` resolves to its build (apps/server/dist/index.js, `pnpm --filter @mapboard/server build`)
 * under this export condition, as `pnpm start` runs it; the bench's own files around it still run through tsx.
 */
export const FROM_SERVER_BUILD = ['--conditions=mapboard-build'] as const

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)

/** The reference server's own bin (src/server.js), run as it is, with HOST and PORT. */
function yWebsocketServerBin(): string {
  return join(dirname(require.resolve('@y/websocket-server/package.json')), 'src', 'server.js')
}

export function serverKind(id: ServerId): ServerKind {
  const mapboard = join(here, 'mapboardServer.ts')
  const hocuspocus = join(here, 'hocuspocusServer.ts')
  switch (id) {
    case 'mapboard':
      return {
        id,
        label: 'Mapboard (SQLite, checks on)',
        family: 'mapboard',
        protocol: 'y-websocket',
        durable: true,
        checks: true,
        attribution: false,
        script: mapboard,
        nodeArgs: FROM_SERVER_BUILD,
        env: { BENCH_STORE: 'sqlite', BENCH_CHECKS: 'on' },
        fixedPort: false,
        instances: 1,
        services: [],
      }
    case 'mapboard-nochecks':
      return {
        id,
        label: 'Mapboard (SQLite, checks off)',
        family: 'mapboard',
        protocol: 'y-websocket',
        durable: true,
        checks: false,
        attribution: true,
        script: mapboard,
        nodeArgs: FROM_SERVER_BUILD,
        env: { BENCH_STORE: 'sqlite', BENCH_CHECKS: 'off' },
        fixedPort: false,
        instances: 1,
        services: [],
      }
    case 'mapboard-inline':
      return {
        id,
        label: 'Mapboard (SQLite on the event loop, checks on)',
        family: 'mapboard',
        protocol: 'y-websocket',
        durable: true,
        checks: true,
        attribution: true,
        script: mapboard,
        nodeArgs: FROM_SERVER_BUILD,
        env: { BENCH_STORE: 'sqlite-inline', BENCH_CHECKS: 'on' },
        fixedPort: false,
        instances: 1,
        services: [],
      }
    case 'mapboard-memory':
      return {
        id,
        label: 'Mapboard (memory, checks off)',
        family: 'mapboard',
        protocol: 'y-websocket',
        durable: false,
        checks: false,
        attribution: true,
        script: mapboard,
        nodeArgs: FROM_SERVER_BUILD,
        env: { BENCH_STORE: 'memory', BENCH_CHECKS: 'off' },
        fixedPort: false,
        instances: 1,
        services: [],
      }
    case 'y-websocket':
      return {
        id,
        label: 'y-websocket server (reference)',
        family: 'y-websocket',
        protocol: 'y-websocket',
        durable: false,
        checks: false,
        attribution: false,
        script: yWebsocketServerBin(),
        nodeArgs: [],
        env: {},
        fixedPort: true,
        instances: 1,
        services: [],
      }
    case 'hocuspocus':
      return {
        id,
        label: 'Hocuspocus (memory)',
        family: 'hocuspocus',
        protocol: 'hocuspocus',
        durable: false,
        checks: false,
        attribution: false,
        script: hocuspocus,
        nodeArgs: [],
        env: { BENCH_STORE: 'memory' },
        fixedPort: false,
        instances: 1,
        services: [],
      }
    case 'hocuspocus-sqlite':
      return {
        id,
        label: 'Hocuspocus (SQLite)',
        family: 'hocuspocus',
        protocol: 'hocuspocus',
        durable: true,
        checks: false,
        attribution: false,
        script: hocuspocus,
        nodeArgs: [],
        env: { BENCH_STORE: 'sqlite' },
        fixedPort: false,
        instances: 1,
        services: [],
      }
    case 'mapboard-postgres':
      return {
        id,
        label: 'Mapboard (PostgreSQL, checks on)',
        family: 'mapboard',
        protocol: 'y-websocket',
        durable: true,
        checks: true,
        attribution: false,
        script: mapboard,
        nodeArgs: FROM_SERVER_BUILD,
        env: { BENCH_STORE: 'postgres', BENCH_CHECKS: 'on' },
        fixedPort: false,
        instances: 1,
        services: ['postgres'],
      }
    case 'mapboard-cluster':
      return {
        id,
        label: 'Mapboard, two instances (PostgreSQL + Redis, checks on)',
        family: 'mapboard',
        protocol: 'y-websocket',
        durable: true,
        checks: true,
        attribution: false,
        script: mapboard,
        nodeArgs: FROM_SERVER_BUILD,
        env: { BENCH_STORE: 'postgres', BENCH_CHECKS: 'on' },
        fixedPort: false,
        instances: 2,
        services: ['postgres', 'redis'],
      }
  }
}

/** The servers `pnpm bench`'s comparison runs by default; the PostgreSQL ones are src/clusterCost.ts's. */
export const COMPARISON_SERVER_IDS: readonly ServerId[] = SERVER_IDS.filter(
  (id) => serverKind(id).services.length === 0,
)

export function isServerId(value: string): value is ServerId {
  return (SERVER_IDS as readonly string[]).includes(value)
}
