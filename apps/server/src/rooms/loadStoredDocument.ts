// Loading a map's stored document so that no stored update can take the map down (decision 0021).
//
// The usual load is one merged apply of the snapshot and the update tail. It fails when a stored update cannot
// be read (bad bytes), when applying it throws (Yjs frees deleted nested types recursively, so deleting a map
// nested thousands deep overflows the stack), when it leaves structs or deletes pending (it builds on content the
// store lacks), or when it nests shared types deeper than any map document does (readers recurse too). An apply
// that throws midway leaves the document half changed, so nothing is ever continued on a document that failed.
//
// On failure the document is rebuilt from scratch, one stored part at a time, screening each on the document
// built so far:
//   - the bytes are decoded first, and checked against what the document has: structs must start where the
//     document's clock for their client ends (or earlier), their origins and parents and every delete must point
//     at content the document has or the part brings. What fails here is set aside before anything is applied,
//     so an update that builds on a set-aside one (the revert of a refused change, say) costs nothing;
//   - then it is applied; if that throws, leaves anything pending or nests too deep, it is set aside and the
//     document is rebuilt from the parts kept so far (one merged apply).
// Cost: one decode and one apply per stored part, plus one rebuild per part that fails only once applied. A bad
// snapshot is set aside like an update, and the tail is then screened on an empty document.
import * as Y from 'yjs'
import type { DocumentLog, QuarantineEntry, StoredDocument } from '../storage/DocumentLog.ts'
import type { RoomLogger } from './SocketLike.ts'

/**
 * The deepest nesting of shared types a stored document may have. A map document nests one level (a note's
 * Y.Map under `notes`); this leaves room for the schema to grow and is far below what overflows a stack.
 */
export const MAX_TYPE_DEPTH = 16

/** A document rebuilt from what is stored, and what had to be set aside to build it. */
export interface RebuiltDocument {
  doc: Y.Doc
  /** Empty when the stored document loaded as it is. */
  setAside: QuarantineEntry[]
}

/** A room's document as loaded: its state and where the store's log stands. */
export interface LoadedDocument {
  doc: Y.Doc
  /** The store's sequence number of the last update (`StoredDocument.lastSeq`). */
  lastSeq: number
  /** Updates left in the store's log after the snapshot. */
  tailLength: number
  /** What was set aside in this load (already in the store's quarantine); empty for a clean load. */
  setAside: QuarantineEntry[]
}

type Screened = { ok: true } | { ok: false; reason: string; damaged: boolean }

/**
 * Loads map `mapId` for a room. If the stored document does not load as it is, the map is rebuilt without the
 * parts that fail, those parts are quarantined and the rebuilt document replaces the snapshot, all in one store
 * transaction, so the next load is a clean one. Rejects only if the store does (the room then fails to load, and
 * the next connection tries again): a rebuilt document is never used unless what it set aside is kept.
 */
export async function loadStoredDocument(
  store: DocumentLog,
  mapId: string,
  logger: RoomLogger,
  now: () => number = Date.now,
): Promise<LoadedDocument> {
  const stored = await store.load(mapId)
  const started = performance.now()
  const { doc, setAside } = rebuildDocument(stored)
  if (setAside.length === 0)
    return { doc, lastSeq: stored.lastSeq, tailLength: stored.updates.length, setAside }
  logger.error(
    {
      mapId,
      seqs: setAside.map((entry) => entry.seq),
      kinds: setAside.map((entry) => entry.kind),
      reasons: setAside.map((entry) => entry.reason),
      ms: Math.round(performance.now() - started),
    },
    'stored document did not load; restored it without the updates that fail and quarantined them',
  )
  try {
    await store.quarantine(mapId, {
      entries: setAside,
      snapshot: Y.encodeStateAsUpdate(doc),
      throughSeq: stored.lastSeq,
      restoredAt: now(),
    })
  } catch (error) {
    doc.destroy()
    throw error
  }
  return { doc, lastSeq: stored.lastSeq, tailLength: 0, setAside }
}

/**
 * The document the stored snapshot and tail describe, without any part that would not load. Pure: the store is
 * not touched (the export reads a stored document with it too). The tail's updates are numbered
 * `lastSeq - updates.length + 1` to `lastSeq`, and the snapshot covers the sequence numbers before them.
 */
export function rebuildDocument(stored: StoredDocument): RebuiltDocument {
  const parts = stored.snapshot === null ? stored.updates : [stored.snapshot, ...stored.updates]
  const quick = new Y.Doc()
  if (parts.length === 0 || loadsWhole(quick, parts)) return { doc: quick, setAside: [] }
  quick.destroy()
  return rebuildPartByPart(stored)
}

/**
 * Whether `snapshot` loads as it is (into a scratch document, freed again): compaction checks a snapshot before
 * it replaces the last good one.
 */
export function snapshotLoads(snapshot: Uint8Array): boolean {
  const doc = new Y.Doc()
  try {
    return loadsWhole(doc, [snapshot])
  } finally {
    doc.destroy()
  }
}

function loadsWhole(doc: Y.Doc, parts: Uint8Array[]): boolean {
  try {
    const merged = parts.length === 1 && parts[0] !== undefined ? parts[0] : Y.mergeUpdates(parts)
    return applyWatched(doc, merged) === undefined
  } catch {
    return false
  }
}

function rebuildPartByPart(stored: StoredDocument): RebuiltDocument {
  const setAside: QuarantineEntry[] = []
  const snapshotSeq = stored.lastSeq - stored.updates.length
  /** What `doc` was built from, to build it again after a part fails once applied. */
  const kept: Uint8Array[] = []
  let doc = new Y.Doc()
  const screen = (data: Uint8Array, seq: number, kind: QuarantineEntry['kind']): void => {
    const screened = applyScreened(doc, data)
    if (screened.ok) {
      kept.push(data)
      return
    }
    setAside.push({ seq, kind, data, reason: screened.reason })
    if (!screened.damaged) return
    doc.destroy()
    doc = new Y.Doc()
    // What was kept applied cleanly part by part, so it applies cleanly merged.
    if (kept.length > 0) Y.applyUpdate(doc, kept.length === 1 && kept[0] ? kept[0] : Y.mergeUpdates(kept))
  }
  if (stored.snapshot !== null) screen(stored.snapshot, snapshotSeq, 'snapshot')
  stored.updates.forEach((update, index) => screen(update, snapshotSeq + 1 + index, 'update'))
  return { doc, setAside }
}

/** Applies one stored part to `doc` if it fits; `damaged` says whether `doc` must be rebuilt. */
function applyScreened(doc: Y.Doc, data: Uint8Array): Screened {
  let decoded: ReturnType<typeof Y.decodeUpdate>
  try {
    decoded = Y.decodeUpdate(data)
  } catch {
    return { ok: false, reason: 'undecodable update', damaged: false }
  }
  const missing = missingContent(doc, decoded)
  if (missing !== undefined) return { ok: false, reason: missing, damaged: false }
  try {
    const problem = applyWatched(doc, data)
    return problem === undefined ? { ok: true } : { ok: false, reason: problem, damaged: true }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { ok: false, reason: `applying it threw: ${message}`, damaged: true }
  }
}

/** What `decoded` refers to that neither `doc` has nor it brings itself, in words; undefined if nothing. */
function missingContent(doc: Y.Doc, decoded: ReturnType<typeof Y.decodeUpdate>): string | undefined {
  // For each client, the clock the document will have reached once the part's structs are in.
  const reach = new Map<number, number>()
  const has = (client: number): number => reach.get(client) ?? Y.getState(doc.store, client)
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue
    const { client, clock } = struct.id
    if (clock > has(client)) return 'builds on content the map does not have'
    reach.set(client, Math.max(has(client), clock + struct.length))
  }
  const known = (id: Y.ID | null): boolean => id === null || id.clock < has(id.client)
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue
    const parent: unknown = struct.parent
    if (!known(struct.origin) || !known(struct.rightOrigin) || (parent instanceof Y.ID && !known(parent))) {
      return 'builds on content the map does not have'
    }
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      if (range.clock + range.len > has(client)) return 'deletes content the map does not have'
    }
  }
  return undefined
}

/**
 * Applies `update` and says what is wrong with the result (undefined if nothing): content left pending, or
 * shared types nested deeper than MAX_TYPE_DEPTH. May throw; `doc` is then half changed.
 */
function applyWatched(doc: Y.Doc, update: Uint8Array): string | undefined {
  let tooDeep = false
  const watch = (transaction: Y.Transaction): void => {
    if (!tooDeep) tooDeep = insertsTooDeep(doc, transaction)
  }
  doc.on('afterTransaction', watch)
  try {
    Y.applyUpdate(doc, update)
  } finally {
    doc.off('afterTransaction', watch)
  }
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
    return 'builds on content the map does not have'
  }
  return tooDeep ? `nests shared types more than ${MAX_TYPE_DEPTH} deep` : undefined
}

/** Whether `transaction` inserted a shared type nested deeper than MAX_TYPE_DEPTH. Walks at most that far up. */
function insertsTooDeep(doc: Y.Doc, transaction: Y.Transaction): boolean {
  for (const [client, end] of transaction.afterState) {
    const start = transaction.beforeState.get(client) ?? 0
    if (end <= start) continue
    const structs = doc.store.clients.get(client)
    if (structs === undefined) continue
    for (let index = Y.findIndexSS(structs, start); index < structs.length; index++) {
      const struct = structs[index]
      if (struct === undefined || struct.id.clock >= end) break
      if (
        struct instanceof Y.Item &&
        struct.content instanceof Y.ContentType &&
        depth(struct) > MAX_TYPE_DEPTH
      ) {
        return true
      }
    }
  }
  return false
}

/** How many shared types enclose the one `item` holds (1 for a type directly under a root), capped. */
function depth(item: Y.Item): number {
  let levels = 1
  let parent: unknown = item.parent
  while (parent instanceof Y.AbstractType && parent._item !== null && levels <= MAX_TYPE_DEPTH) {
    levels++
    parent = parent._item.parent
  }
  return levels
}
