// Shared test helpers for this package (not exported by the library).
import { expect } from 'vitest'
import type * as Y from 'yjs'
import { MapValidationError } from '../src/index.ts'

/** Records every transaction the doc runs, so a test can count them and read their origin. */
export function recordTransactions(doc: Y.Doc): Y.Transaction[] {
  const seen: Y.Transaction[] = []
  doc.on('afterTransaction', (tr: Y.Transaction) => seen.push(tr))
  return seen
}

/** Records every update the doc emits. */
export function recordUpdates(doc: Y.Doc): Uint8Array[] {
  const seen: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => seen.push(update))
  return seen
}

/** Runs `run`, expecting a MapValidationError with this code and field. */
export function expectValidationError(run: () => unknown, code: string, field: string): MapValidationError {
  let caught: unknown
  try {
    run()
  } catch (error) {
    caught = error
  }
  expect(caught, `expected ${code} to be thrown`).toBeInstanceOf(MapValidationError)
  const error = caught as MapValidationError
  expect({ code: error.code, field: error.field }).toEqual({ code, field })
  expect(error.message.length).toBeGreaterThan(10)
  expect(error.name).toBe('MapValidationError')
  return error
}
