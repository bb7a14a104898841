// The SQLite writer thread: the one connection of a ThreadedSqliteMapStore, as the synchronous SqliteMapStore,
// on a thread of its own, so a commit's fsync blocks this thread and never the server's event loop.
//
// Group commit: while this thread is busy (a commit, its fsync), the main thread's calls queue up on the port.
// Each time it gets to them it takes every call waiting, in order, and runs each stretch of consecutive
// `appendToMaps` calls as one `appendToMaps` — one transaction, one fsync — then answers each call with its own
// results. Every store method does all of its database work synchronously, so the calls run one after the other
// in the order they were sent, and an answer leaves only once its transaction has committed.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads'
import type { MessagePort } from 'node:worker_threads'
import type { MapAppend } from '../DocumentLog.ts'
import { SqliteMapStore } from '../SqliteMapStore.ts'
import { encodeAppendResults, encodeError, isStoreMethod, movableBytes, OPENED_ID } from './storeCalls.ts'
import type { StoreAnswer, StoreRequest } from './storeCalls.ts'

function parent(): MessagePort {
  if (parentPort === null) throw new Error('sqliteWriter.ts runs as a worker thread (ThreadedSqliteMapStore)')
  return parentPort
}

const port = parent()
const { path } = workerData as { path: string }

/** The store, or undefined (and the main thread told why) when the database would not open. */
function open(): SqliteMapStore | undefined {
  try {
    const opened = new SqliteMapStore(path)
    port.postMessage({ id: OPENED_ID, ok: true, value: null } satisfies StoreAnswer)
    return opened
  } catch (error) {
    port.postMessage({ id: OPENED_ID, ok: false, error: encodeError(error) } satisfies StoreAnswer)
    return undefined
  }
}

/** Posts the call's answer once its promise settles (a microtask: the database work is done already). */
function answer(id: number, outcome: Promise<unknown>): Promise<void> {
  return outcome.then(
    (value) => {
      const transfer: ArrayBuffer[] = []
      const moved = movableBytes(value, transfer)
      port.postMessage({ id, ok: true, value: moved } satisfies StoreAnswer, transfer)
    },
    (error: unknown) => port.postMessage({ id, ok: false, error: encodeError(error) } satisfies StoreAnswer),
  )
}

type AppendRequest = { id: number; method: 'appendToMaps'; args: [readonly MapAppend[]] }

const isAppend = (request: StoreRequest): request is AppendRequest => request.method === 'appendToMaps'

/** Several appendToMaps calls as one transaction; each call gets its share of the results, or the failure. */
async function appendTogether(store: SqliteMapStore, requests: readonly AppendRequest[]): Promise<void> {
  const [only] = requests
  if (requests.length === 1 && only !== undefined) {
    await answer(only.id, store.appendToMaps(only.args[0]).then(encodeAppendResults))
    return
  }
  const all = requests.flatMap((request) => request.args[0])
  const together = store.appendToMaps(all)
  let from = 0
  const answers = requests.map((request) => {
    const start = from
    const count = request.args[0].length
    from += count
    return answer(
      request.id,
      together.then((results) => encodeAppendResults(results.slice(start, start + count))),
    )
  })
  await Promise.all(answers)
}

async function run(store: SqliteMapStore, request: StoreRequest): Promise<void> {
  if (request.method === 'close') {
    // The last answer: once it is sent the port closes and the thread ends.
    await answer(request.id, store.close())
    port.close()
    return
  }
  const { id, method, args } = request
  if (!isStoreMethod(method) || !Array.isArray(args)) {
    await answer(id, Promise.reject(new Error(`the SQLite writer thread has no method ${String(method)}`)))
    return
  }
  const call = store[method] as (...callArgs: unknown[]) => Promise<unknown>
  let outcome: Promise<unknown>
  try {
    outcome = call.apply(store, args)
  } catch (error) {
    outcome = Promise.reject(error)
  }
  await answer(id, outcome)
}

/**
 * Runs every call waiting, in order, each answered before the next starts (its commit then reaches the main thread
 * without waiting behind the next one's fsync).
 */
async function runWaiting(store: SqliteMapStore, first: StoreRequest): Promise<void> {
  const waiting = [first]
  for (let next = receiveMessageOnPort(port); next !== undefined; next = receiveMessageOnPort(port))
    waiting.push(next.message as StoreRequest)
  let appends: AppendRequest[] = []
  for (const request of waiting) {
    if (isAppend(request)) {
      appends.push(request)
      continue
    }
    if (appends.length > 0) await appendTogether(store, appends)
    appends = []
    await run(store, request)
  }
  if (appends.length > 0) await appendTogether(store, appends)
}

const store = open()
if (store === undefined) port.close()
else {
  // One batch after the other, even if a store method ever awaited real I/O.
  let running = Promise.resolve()
  port.on('message', (request: StoreRequest) => {
    running = running.then(() => runWaiting(store, request))
  })
}
