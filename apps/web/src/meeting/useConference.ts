import { useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { observeConference, readConference } from '@mapboard/map-model'
import type { ConferenceSnapshot } from '@mapboard/map-model'

/**
 * The conference parts of one document as an external store: read once per change, the same object in between,
 * as `useSyncExternalStore` needs. It observes for as long as the document lives (one per open map).
 */
class ConferenceStore {
  private snapshot: ConferenceSnapshot
  private readonly listeners = new Set<() => void>()

  constructor(doc: Y.Doc) {
    this.snapshot = readConference(doc)
    observeConference(doc, () => {
      this.snapshot = readConference(doc)
      this.listeners.forEach((listener) => listener())
    })
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  readonly getSnapshot = (): ConferenceSnapshot => this.snapshot
}

const stores = new WeakMap<Y.Doc, ConferenceStore>()

/** The conference (agenda step, dangers, goals, scaling rounds, roster…), re-rendering on every change. */
export function useConference(doc: Y.Doc): ConferenceSnapshot {
  let store = stores.get(doc)
  if (store === undefined) {
    store = new ConferenceStore(doc)
    stores.set(doc, store)
  }
  return useSyncExternalStore(store.subscribe, store.getSnapshot)
}
