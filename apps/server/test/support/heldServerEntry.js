// The built server's entry (dist/main.js), held back: its modules are loaded now, and it runs once a line arrives
// on stdin. A test that restarts the server many times starts the next process while the current one still
// serves, so a restart costs what main.ts does (open the store, listen), not loading Node modules.
//
// Plain JavaScript, run by plain Node: the tests start the server as `pnpm start` does, from the build. main.js
// shares its code with index.js (one chunk), so importing index.js first loads all of it.
import { createInterface } from 'node:readline'
import '../../dist/index.js'

process.stdout.write('loaded\n')
const lines = createInterface({ input: process.stdin })
await new Promise((resolve) => lines.once('line', () => resolve(undefined)))
lines.close()
await import('../../dist/main.js')
