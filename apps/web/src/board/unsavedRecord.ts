/**
 * What `UnsavedChanges` keeps on the device for one Yjs client id, so that a reopened tab still marks what the
 * server has not stored, and asks about it: how far the server is known to have stored that client's items, and
 * each change not yet confirmed. Read back from IndexedDB, it is treated like anything from outside: a garbled or
 * hostile value is dropped whole, never half-trusted.
 */
export interface UnsavedRecord {
  client: number
  /** The server is known to have stored this client's items up to here. */
  storedClock: number
  changes: UnsavedRecordChange[]
}

export interface UnsavedRecordChange {
  /** This client's clock after the change's inserts. */
  clock: number
  /** Ranges the change deleted, by client, not yet seen in a delete set from the server. */
  deletes: Array<{ client: number; clock: number; len: number }>
  /** What it touched: `note:<id>` or `<root>:<key>`. */
  names: string[]
}

/** Bounds a real record stays far inside; anything beyond them did not come from this app. */
const MAX_CHANGES = 10_000
const MAX_DELETES = 10_000
const MAX_NAMES = 1_000
const MAX_NAME_LENGTH = 200
const MAX_JSON_LENGTH = 4_000_000

export function encodeUnsavedRecord(record: UnsavedRecord): string {
  return JSON.stringify({ version: 1, ...record })
}

/** The record in `value` (a string written by `encodeUnsavedRecord`), or null if it is anything else. */
export function parseUnsavedRecord(value: unknown): UnsavedRecord | null {
  if (typeof value !== 'string' || value.length > MAX_JSON_LENGTH) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    return null
  }
  if (!isObject(parsed) || parsed['version'] !== 1) return null
  const { client, storedClock, changes } = parsed
  if (!isClock(client) || !isClock(storedClock)) return null
  if (!Array.isArray(changes) || changes.length > MAX_CHANGES) return null
  const read: UnsavedRecordChange[] = []
  for (const change of changes) {
    const checked = parseChange(change)
    if (checked === null) return null
    read.push(checked)
  }
  return { client, storedClock, changes: read }
}

function parseChange(value: unknown): UnsavedRecordChange | null {
  if (!isObject(value)) return null
  const { clock, deletes, names } = value
  if (!isClock(clock) || !Array.isArray(deletes) || !Array.isArray(names)) return null
  if (deletes.length > MAX_DELETES || names.length === 0 || names.length > MAX_NAMES) return null
  const ranges: UnsavedRecordChange['deletes'] = []
  for (const range of deletes) {
    if (!isObject(range)) return null
    const { client, clock: start, len } = range
    if (!isClock(client) || !isClock(start) || !isClock(len) || len === 0) return null
    ranges.push({ client, clock: start, len })
  }
  if (!names.every((name) => typeof name === 'string' && name !== '' && name.length <= MAX_NAME_LENGTH))
    return null
  return { clock, deletes: ranges, names: names as string[] }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Yjs client ids and clocks are unsigned 32- and 53-bit integers. */
function isClock(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}
