// What an update that builds on content the server does not have leaves behind, and how to tell when the server
// has that content after all.
//
// Yjs keeps such an update's unintegrated part in `store.pendingStructs` (structs whose left/right origin or
// parent it lacks, or whose clock starts past what it has of their client) and `store.pendingDs` (deletes of
// items it has not seen), both encoded as v2 updates, and integrates them when the missing content arrives. The
// room never lets them stay: pending content would be sent to every other client in SyncStep2, and a crafted
// delete of someone's future item would delete it when it is written. So the room takes them out at once and
// remembers only how far the server's state must reach for the dropped part to be redundant.
import * as Y from 'yjs'

/** Client id → the clock the server's state must reach (exclusive end of what is missing). */
export type MissingContent = Map<number, number>

/**
 * Removes pending structs and deletes from `doc`, and says what the server would need to have to integrate them:
 * null when nothing was pending.
 */
export function takePendingContent(doc: Y.Doc): MissingContent | null {
  const { pendingStructs, pendingDs } = doc.store
  if (pendingStructs === null && pendingDs === null) return null
  doc.store.pendingStructs = null
  doc.store.pendingDs = null
  const missing: MissingContent = new Map()
  if (pendingStructs !== null) {
    // The dropped structs themselves, up to their end…
    for (const [client, end] of Y.parseUpdateMetaV2(pendingStructs.update).to) raise(missing, client, end)
    // …and what they depend on (`missing` holds the highest clock needed of a client, inclusive).
    for (const [client, clock] of pendingStructs.missing) raise(missing, client, clock + 1)
  }
  if (pendingDs !== null) {
    for (const [client, ranges] of Y.decodeUpdateV2(pendingDs).ds.clients) {
      for (const range of ranges) raise(missing, client, range.clock + range.len)
    }
  }
  return missing
}

/** Adds what `more` needs to `missing`. */
export function addMissing(missing: MissingContent, more: MissingContent): void {
  for (const [client, end] of more) raise(missing, client, end)
}

/** Whether `doc` now has everything `missing` named. */
export function hasContent(doc: Y.Doc, missing: MissingContent): boolean {
  for (const [client, end] of missing) if (Y.getState(doc.store, client) < end) return false
  return true
}

function raise(missing: MissingContent, client: number, end: number): void {
  if ((missing.get(client) ?? 0) < end) missing.set(client, end)
}
