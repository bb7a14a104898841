// Entry of the Hocuspocus server under test (@hocuspocus/server 3.4), in memory or with a better-sqlite3 store.
//
//   BENCH_DATA_DIR  where SQLite lives
//   BENCH_STORE     'memory' (default) or 'sqlite': @hocuspocus/extension-database with better-sqlite3 fetch/store,
//                   WAL and synchronous=FULL like Mapboard's store. Hocuspocus stores the whole document, debounced
//                   (2 s, at most 10 s), after broadcasting — not each update before it is broadcast.
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import Database from 'better-sqlite3'
import { Database as DatabaseExtension } from '@hocuspocus/extension-database'
import { Server } from '@hocuspocus/server'
import type { Extension } from '@hocuspocus/server'
import type { ListeningMessage } from '../ipc.ts'

const env = process.env
const dataDir = env.BENCH_DATA_DIR
if (dataDir === undefined) throw new Error('BENCH_DATA_DIR is not set')

const extensions: Extension[] = []
let db: Database.Database | undefined
if (env.BENCH_STORE === 'sqlite') {
  db = new Database(join(dataDir, 'hocuspocus.sqlite'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec('CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, data BLOB NOT NULL) STRICT')
  const select = db.prepare<[string], { data: Buffer }>('SELECT data FROM documents WHERE name = ?')
  const upsert = db.prepare<[string, Uint8Array]>(
    'INSERT INTO documents (name, data) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET data = excluded.data',
  )
  extensions.push(
    new DatabaseExtension({
      fetch: async ({ documentName }) => {
        const row = select.get(documentName)
        return row === undefined ? null : new Uint8Array(row.data)
      },
      store: async ({ documentName, state }) => {
        upsert.run(documentName, state)
      },
    }),
  )
}

const server = new Server({ quiet: true, stopOnSignals: false, extensions })
// Server.listen() passes `address` where Node expects `host` and so listens on every interface; listen on the
// loopback address ourselves (the upgrade handler is already attached to the http server).
await new Promise<void>((resolve, reject) => {
  server.httpServer.once('error', reject)
  server.httpServer.listen(0, '127.0.0.1', resolve)
})
const { port } = server.httpServer.address() as AddressInfo
process.stdout.write(`hocuspocus listening on port ${port}\n`)
process.send?.({ type: 'listening', port } satisfies ListeningMessage)

const stop = () => {
  const deadline = setTimeout(() => process.exit(1), 5000)
  deadline.unref()
  server.destroy().then(
    () => {
      db?.close()
      process.exit(0)
    },
    () => process.exit(1),
  )
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
