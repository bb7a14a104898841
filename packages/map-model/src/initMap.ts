import type { Doc } from 'yjs'
import { getMetaMap } from './schema.ts'
import { validateTimestamp, validateTitle } from './validation.ts'

export interface InitMapInput {
  title: string
  /** Milliseconds since the epoch; defaults to now. */
  createdAt?: number
}

/** Sets the map's title and creation time. The server calls it once, when the map is created. */
export function initMap(doc: Doc, input: InitMapInput, origin?: unknown): void {
  const title = validateTitle(input.title)
  const createdAt =
    input.createdAt === undefined ? Date.now() : validateTimestamp(input.createdAt, 'createdAt')
  doc.transact(() => {
    const meta = getMetaMap(doc)
    meta.set('title', title)
    meta.set('createdAt', createdAt)
  }, origin ?? null)
}
