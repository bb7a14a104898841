// What the failover tests watch with: observers that keep every note they were ever sent, and the checks that
// nothing any of them saw was lost once an authority died and another took its maps over.
import * as Y from 'yjs'
import { readMap } from '@mapboard/map-model'
import { connectClient } from '@mapboard/test-kit'
import type { SyncServer, TestClient } from '@mapboard/test-kit'

export interface Observer {
  readonly client: TestClient
  /** Every note text the client's document has ever held, those later edited or deleted included. */
  readonly seen: Set<string>
}

export const noteTexts = (doc: Y.Doc): Set<string> => new Set(readMap(doc).notes.map((note) => note.text))

/** A viewer (the server takes nothing from it) that reconnects quickly and records every note it was sent. */
export function observe(server: SyncServer, mapId: string, token: string): Observer {
  const client = connectClient(server, mapId, token, { maxBackoffTime: 100 })
  const seen = new Set<string>()
  client.doc.on('update', () => {
    for (const text of noteTexts(client.doc)) seen.add(text)
  })
  return { client, seen }
}

export const sameState = (a: Y.Doc, b: Y.Doc): boolean =>
  Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)))

/** Whether `seen` holds a note of writer `label` (startNoteWriter) numbered past `after`. */
export const wroteAfter =
  (label: string, after: number) =>
  (seen: Set<string>): boolean =>
    [...seen].some((text) => {
      const match = new RegExp(`^${label} #(\\d+)`).exec(text)
      return match?.[1] !== undefined && Number(match[1]) > after
    })

/**
 * The notes `seen` that `stored` no longer has. A note seen under an earlier text lives on edited (a writer's
 * edit appends to its text); anything else seen and gone was lost.
 */
export function lostNotes(seen: Set<string>, stored: Set<string>): string[] {
  return [...seen].filter((text) => ![...stored].some((kept) => kept.startsWith(text)))
}
