// The server's entry (src/main.ts), held back: its modules are loaded now, and it runs once a line arrives on
// stdin. A test that restarts the server many times starts the next process while the current one still serves,
// so a restart costs what main.ts does (open the store, listen), not loading Node modules through tsx.
import { createInterface } from 'node:readline'
import '../../src/buildApp.ts'
import '../../src/config.ts'

process.stdout.write('loaded\n')
const lines = createInterface({ input: process.stdin })
await new Promise<void>((resolve) => lines.once('line', () => resolve()))
lines.close()
await import('../../src/main.ts')
