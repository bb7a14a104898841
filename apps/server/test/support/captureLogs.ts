// A log stream for a test server (`startServer({ logger: { stream } })`) that keeps what the server wrote: as text,
// or as the JSON lines pino writes.
import { Writable } from 'node:stream'

export interface CapturedLogs {
  stream: Writable
  text(): string
  lines(): Array<Record<string, unknown>>
}

export function captureLogs(): CapturedLogs {
  const chunks: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'))
      done()
    },
  })
  const text = (): string => chunks.join('')
  return {
    stream,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  }
}
