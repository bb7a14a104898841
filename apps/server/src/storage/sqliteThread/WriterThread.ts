import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { callArgs, decodeAppendResults, decodeError, OPENED_ID, tightBytes } from './storeCalls.ts'
import type { StoreAnswer, StoreMethod, StoreRequest } from './storeCalls.ts'

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * How to start sqliteWriter: from the build, dist/sqliteWriter.js (build.ts makes it an entry of its own, beside
 * the chunk this code is bundled into); from source (vitest, tsx), the .ts file, after registering tsx's loader in
 * the thread (tsx's `--import` registers itself only on the main thread). The thread never inherits the process's
 * own flags (the bench's probe, --cpu-prof).
 */
function startWorker(path: string): Worker {
  const options = { workerData: { path }, execArgv: [] }
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./sqliteWriter.js', import.meta.url), options)
  // tsx's ESM API (`tsx/esm/api`, its `import` condition, which a require cannot pick).
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'))
  const tsx = pathToFileURL(join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href
  const entry = new URL('./sqliteWriter.ts', import.meta.url).href
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}) })`
  return new Worker(bootstrap, { ...options, eval: true })
}

/**
 * The main thread's end of the SQLite writer thread (sqliteWriter.ts): sends it store calls, in order, and
 * resolves each with its answer. If the thread dies, every call waiting and every later one fails with why.
 */
export class WriterThread {
  readonly #worker: Worker
  readonly #pending = new Map<number, Pending>()
  #nextId = OPENED_ID + 1
  /** Why calls fail from now on: the store closed, or its thread died. */
  #stopped: Error | undefined
  #closing: Promise<void> | undefined

  private constructor(worker: Worker) {
    this.#worker = worker
    worker.on('message', (answer: StoreAnswer) => this.#answered(answer))
    worker.on('error', (error) => this.#stop(error))
    worker.on('exit', (code) => this.#stop(new Error(`the SQLite writer thread ended (exit code ${code})`)))
  }

  /** Starts a thread that opens (creating if need be) the database at `path`; rejects as SqliteMapStore throws. */
  static async start(path: string): Promise<WriterThread> {
    const thread = new WriterThread(startWorker(path))
    try {
      await thread.#expect(OPENED_ID)
    } catch (error) {
      await thread.#worker.terminate()
      throw error
    }
    return thread
  }

  /** Runs `method` of the thread's SqliteMapStore with `args` (cloned: pass nothing a clone cannot carry). */
  call(method: StoreMethod, args: unknown[]): Promise<unknown> {
    if (this.#stopped !== undefined) return Promise.reject(this.#stopped)
    const sent = this.#send({
      id: this.#nextId++,
      method,
      args: tightBytes(callArgs(method, args)) as unknown[],
    })
    return method === 'appendToMaps' ? sent.then(decodeAppendResults) : sent
  }

  /** Closes the database once every call sent before has run, then ends the thread. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (this.#stopped === undefined) {
        const closed = this.#send({ id: this.#nextId++, method: 'close' })
        this.#stopped = new Error('the store is closed')
        await closed
      }
      await this.#worker.terminate()
    })()
    return this.#closing
  }

  #expect(id: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject })
      // The thread keeps the process alive only while a call waits for it, as a synchronous store would.
      if (this.#pending.size === 1) this.#worker.ref()
    })
  }

  #send(request: StoreRequest): Promise<unknown> {
    const answered = this.#expect(request.id)
    try {
      this.#worker.postMessage(request)
    } catch (error) {
      // A value that cannot be cloned (a caller's mistake): this call fails, the others go on.
      this.#settle(request.id)?.reject(error)
    }
    return answered
  }

  #settle(id: number): Pending | undefined {
    const pending = this.#pending.get(id)
    this.#pending.delete(id)
    if (this.#pending.size === 0) this.#worker.unref()
    return pending
  }

  #answered(answer: StoreAnswer): void {
    const pending = this.#settle(answer.id)
    if (pending === undefined) return
    if (answer.ok) pending.resolve(answer.value)
    else pending.reject(decodeError(answer.error))
  }

  #stop(error: Error): void {
    this.#stopped ??= error
    const waiting = [...this.#pending.values()]
    this.#pending.clear()
    this.#worker.unref()
    for (const pending of waiting) pending.reject(error)
  }
}
