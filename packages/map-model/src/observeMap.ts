import type { Doc, Transaction } from 'yjs'
import { getLocksMap, getMetaMap, getNotesMap } from './schema.ts'

/**
 * Calls `onChange` once after each transaction that changed the map (title, notes or locks), local or remote.
 * The transaction tells the caller who made it (`origin`, `local`). Returns a function that stops observing.
 */
export function observeMap(doc: Doc, onChange: (transaction: Transaction) => void): () => void {
  const roots = [getMetaMap(doc), getNotesMap(doc), getLocksMap(doc)]
  // observeDeep fires once per root; a transaction touching several roots is reported once.
  let last: Transaction | undefined
  const handler = (_events: unknown, transaction: Transaction): void => {
    if (transaction === last) return
    last = transaction
    onChange(transaction)
  }
  for (const root of roots) root.observeDeep(handler)
  return () => {
    for (const root of roots) root.unobserveDeep(handler)
  }
}
