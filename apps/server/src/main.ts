import { buildApp } from './buildApp.ts'
import { ConfigError, configFromEnv } from './config.ts'

let config
try {
  // Relative paths are the user's: pnpm runs this script inside apps/server but says where it was started.
  config = configFromEnv(process.env, process.env.INIT_CWD ?? process.cwd())
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  process.stderr.write(`${error.message}\n`)
  process.exit(2)
}

const app = buildApp({ ...config, logger: { level: process.env.LOG_LEVEL ?? 'info' } })

try {
  await app.listen({ host: config.host, port: config.port })
} catch (error) {
  app.log.error({ err: error }, 'could not start')
  process.exit(1)
}

const address = app.server.address()
const port = typeof address === 'object' && address !== null ? address.port : config.port
const host = config.host.includes(':') ? `[${config.host}]` : config.host
process.stdout.write(`Mapboard is running at http://${host}:${port}\n`)

let stopping = false
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return
  stopping = true
  app.log.info({ signal }, 'shutting down')
  // Clients are told to reconnect, pending updates are stored, then the database closes.
  const deadline = setTimeout(() => process.exit(1), 10_000)
  deadline.unref()
  app.close().then(
    () => process.exit(0),
    (error: unknown) => {
      app.log.error({ err: error }, 'unclean shutdown')
      process.exit(1)
    },
  )
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
