// Whether the map is closed ("Export and close", decision 0042). Only the server writes it, into both of a map's
// documents, when the chair closes or reopens the map over HTTP: a client that could write it could also unclose
// the map (READONLY-2). While it is set, no client changes either document, the chair included (READONLY-1).
import type { Doc } from 'yjs'
import { getMetaMap } from './schema.ts'

/** The `meta` key the closure is kept under. */
export const MAP_CLOSURE_KEY = 'closed'

export interface MapClosure {
  /** Milliseconds since the epoch, by the server's clock. */
  closedAt: number
  /** The chair who closed it, as their token said. */
  closedBy: string
}

/** The map's closure, or null while it is open. */
export function readMapClosure(doc: Doc): MapClosure | null {
  const value: unknown = getMetaMap(doc).get(MAP_CLOSURE_KEY)
  if (typeof value !== 'object' || value === null) return null
  const { closedAt, closedBy } = value as Record<string, unknown>
  if (typeof closedAt !== 'number' || typeof closedBy !== 'string') return null
  return { closedAt, closedBy }
}

/** Closes the map (a closure) or reopens it (null). The server's write; a client's is refused. */
export function writeMapClosure(doc: Doc, closure: MapClosure | null, origin?: unknown): void {
  doc.transact(() => {
    const meta = getMetaMap(doc)
    if (closure === null) meta.delete(MAP_CLOSURE_KEY)
    else meta.set(MAP_CLOSURE_KEY, { closedAt: closure.closedAt, closedBy: closure.closedBy })
  }, origin ?? null)
}
