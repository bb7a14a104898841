// Entry of the Mapboard server under test: buildApp with the variant's options on 127.0.0.1, port 0; prints the
// port and tells the orchestrator over IPC. Started as
// `node --conditions=mapboard-build --import tsx --import ./probe.ts mapboardServer.ts`: @mapboard/server is then
// its build (apps/server/dist/index.js), as `pnpm start` runs it; this file and the probe go through tsx.
//
//   BENCH_DATA_DIR         where SQLite lives (the orchestrator makes and removes it)
//   BENCH_STORE            'sqlite' (default: durable, WAL, synchronous=FULL, on the writer thread),
//                          'sqlite-inline' (the same on the event loop), 'postgres' or 'memory'
//   BENCH_DATABASE_URL     postgres://… of the database (BENCH_STORE=postgres)
//   BENCH_REDIS_URL        Redis shared with the other instances (several instances, decision 0047)
//   BENCH_REDIS_PREFIX     the key prefix of this run's instances
//   BENCH_SECRET           the signing secret, the same in every instance (default: a random one)
//   BENCH_CHECKS           'on' (default: the server's permission rules) or 'off' (no rules; structure checks stay)
//   BENCH_UNLOAD_GRACE_MS  how long an empty room stays loaded
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { buildApp } from '@mapboard/server'
import type { BuildAppOptions } from '@mapboard/server'
import type { ListeningMessage } from '../ipc.ts'
import { mapboardRules } from './mapboardRules.ts'
import { mapboardStore } from './mapboardStore.ts'
import type { BenchStoreKind } from './mapboardStore.ts'

const env = process.env
const dataDir = env.BENCH_DATA_DIR
if (dataDir === undefined) throw new Error('BENCH_DATA_DIR is not set')

const storeKind: BenchStoreKind =
  env.BENCH_STORE === 'memory' || env.BENCH_STORE === 'postgres' || env.BENCH_STORE === 'sqlite-inline'
    ? env.BENCH_STORE
    : 'sqlite'

const options: BuildAppOptions = {
  host: '127.0.0.1',
  port: 0,
  dataDir,
  secret: env.BENCH_SECRET ?? randomBytes(32).toString('base64url'),
  unloadGraceMs: Number(env.BENCH_UNLOAD_GRACE_MS ?? 30_000),
  logger: false,
  // Every simulated participant comes from 127.0.0.1: the per-address HTTP limits would otherwise stop the bench
  // from creating its hundreds of maps and joins (the limits themselves are tested in the server's tests).
  limits: {
    mapCreationPerIp: { max: 1_000_000, windowMs: 60_000 },
    joinPerIp: { max: 1_000_000, windowMs: 60_000 },
    joinPerLink: { max: 1_000_000, windowMs: 60_000 },
  },
  ...mapboardRules(env.BENCH_CHECKS !== 'off'),
  ...(await mapboardStore(storeKind, dataDir, env.BENCH_DATABASE_URL)),
  ...(env.BENCH_REDIS_URL === undefined ? {} : { redisUrl: env.BENCH_REDIS_URL }),
  ...(env.BENCH_REDIS_PREFIX === undefined ? {} : { redisPrefix: env.BENCH_REDIS_PREFIX }),
}

const app = buildApp(options)
await app.listen({ host: '127.0.0.1', port: 0 })
const { port } = app.server.address() as AddressInfo
process.stdout.write(`mapboard listening on port ${port}\n`)
process.send?.({ type: 'listening', port } satisfies ListeningMessage)

const stop = () => {
  const deadline = setTimeout(() => process.exit(1), 5000)
  deadline.unref()
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
