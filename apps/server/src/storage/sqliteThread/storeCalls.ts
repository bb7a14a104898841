// What the main thread and the SQLite writer thread say to each other: a call is a MapStore method by name with
// its arguments (structured clone), an answer is its value or its error. Errors cannot cross as they are — a
// structured clone keeps only an Error's message — so they travel as their name, message, code and stack and are
// rebuilt as the class callers look at (better-sqlite3's SqliteError with its `code`, e.g. SQLITE_FULL).
import Database from 'better-sqlite3'
import type { MapAppend, MapAppendResult } from '../DocumentLog.ts'
import type { MapStore } from '../MapStore.ts'

/** Every MapStore method but `close`, which ends the thread (`fencesWrites` is a property, not a call). */
export type StoreMethod = Exclude<keyof MapStore, 'close' | 'fencesWrites'>

export const STORE_METHODS = [
  'createMap',
  'getMap',
  'createDocument',
  'appendUpdates',
  'appendUpdate',
  'appendToMaps',
  'load',
  'compact',
  'quarantine',
  'listQuarantine',
  'createLink',
  'getLink',
  'listLinks',
  'revokeLink',
  'addParticipant',
  'getParticipant',
  'renameParticipant',
  'listParticipants',
  'claimClientIds',
  'listClientIds',
  'putScalingSubmission',
  'getScalingSubmission',
  'listScalingSubmissions',
  'countScalingSubmissions',
  'putExport',
  'getExport',
  'listExports',
  'addFamilyVisit',
  'listFamilyVisits',
  'deleteFamilyVisits',
  'closeMap',
  'reopenMap',
  'getClosure',
  'listClosedBefore',
  'eraseMap',
  'getErasure',
  'appendAudit',
  'readAudit',
  'eraseAudit',
] as const satisfies readonly StoreMethod[]

/** A method added to MapStore and not listed above fails to compile here. */
type Unlisted = Exclude<StoreMethod, (typeof STORE_METHODS)[number]>
export const EVERY_METHOD_LISTED: [Unlisted] extends [never] ? true : Unlisted = true

const METHOD_NAMES: ReadonlySet<string> = new Set(STORE_METHODS)

export function isStoreMethod(name: unknown): name is StoreMethod {
  return typeof name === 'string' && METHOD_NAMES.has(name)
}

/** Main thread → writer thread. Id 0 is the thread's answer to opening the database. */
export type StoreRequest =
  { id: number; method: StoreMethod; args: unknown[] } | { id: number; method: 'close' }

/** Writer thread → main thread. */
export type StoreAnswer =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: EncodedError }

export const OPENED_ID = 0

export interface EncodedError {
  name: string
  message: string
  code?: string
  stack?: string
}

export function encodeError(error: unknown): EncodedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) }
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined
  return {
    name: error.name,
    message: error.message,
    ...(code === undefined ? {} : { code }),
    ...(error.stack === undefined ? {} : { stack: error.stack }),
  }
}

const BUILT_IN: Readonly<Record<string, new (message: string) => Error>> = {
  TypeError,
  RangeError,
  SyntaxError,
}

/** The error the store threw, as the same class with the same name, message and code. */
export function decodeError(encoded: EncodedError): Error {
  let error: Error
  if (encoded.name === 'SqliteError' && encoded.code !== undefined) {
    error = new Database.SqliteError(encoded.message, encoded.code)
  } else {
    const Class = BUILT_IN[encoded.name] ?? Error
    error = new Class(encoded.message)
    if (error.name !== encoded.name) error.name = encoded.name
    if (encoded.code !== undefined) Object.assign(error, { code: encoded.code })
  }
  if (encoded.stack !== undefined) error.stack = encoded.stack
  return error
}

/** appendToMaps answers with an error per map that failed: encoded on the way out… */
export function encodeAppendResults(results: readonly MapAppendResult[]): unknown[] {
  return results.map((result) => (result.ok ? result : { ok: false, error: encodeError(result.error) }))
}

/** …and rebuilt on the way in. */
export function decodeAppendResults(value: unknown): MapAppendResult[] {
  if (!Array.isArray(value)) throw new Error('the SQLite writer thread gave appendToMaps no results')
  return value.map((result: { ok: true; lastSeq: number } | { ok: false; error: EncodedError }) =>
    result.ok ? result : { ok: false, error: decodeError(result.error) },
  )
}

/**
 * What of a call's arguments crosses to the thread. appendToMaps's appends are often more than MapAppends
 * (AppendBatcher passes its queue, each entry with its promise's callbacks): only the MapAppend fields go.
 */
export function callArgs(method: StoreMethod, args: unknown[]): unknown[] {
  if (method !== 'appendToMaps') return args
  const [appends] = args as [readonly MapAppend[]]
  return [
    appends.map(({ mapId, updates, audit, fence }) => ({
      mapId,
      updates,
      ...(audit === undefined ? {} : { audit }),
      ...(fence === undefined ? {} : { fence: { token: fence.token } }),
    })),
  ]
}

/**
 * `value` with every Uint8Array that is a window on a larger buffer (an update read out of a websocket frame)
 * replaced by a copy of its bytes: a structured clone copies a view's whole buffer. Unchanged parts stay the same
 * objects.
 */
export function tightBytes(value: unknown): unknown {
  if (value instanceof Uint8Array) {
    return value.byteOffset === 0 && value.byteLength === value.buffer.byteLength
      ? value
      : new Uint8Array(value)
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    value.forEach((item: unknown, index) => {
      const tight = tightBytes(item)
      if (tight !== item) (copy ??= [...value])[index] = tight
    })
    return copy ?? value
  }
  if (typeof value === 'object' && value !== null) {
    let copy: Record<string, unknown> | undefined
    for (const [key, item] of Object.entries(value)) {
      const tight = tightBytes(item)
      if (tight !== item) (copy ??= { ...value })[key] = tight
    }
    return copy ?? value
  }
  return value
}

/**
 * For an answer: every Uint8Array in `value` replaced by a copy of its own (better-sqlite3's Buffers may be windows on
 * memory that cannot move), whose buffer is added to `transfer` so it moves to the main thread without a copy there.
 */
export function movableBytes(value: unknown, transfer: ArrayBuffer[]): unknown {
  if (value instanceof Uint8Array) {
    const copy = new Uint8Array(value)
    transfer.push(copy.buffer)
    return copy
  }
  if (Array.isArray(value)) return value.map((item: unknown) => movableBytes(item, transfer))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, movableBytes(item, transfer)]))
  }
  return value
}
