import { ZONE_IDS, addNote, readMap } from '@mapboard/map-model'
import type { CreateMapResponse } from '@mapboard/protocol'
import { connectClient, joinAs, mapIdFromLink, waitFor } from '@mapboard/test-kit'
import type { TestServer } from '@mapboard/server/testing'

/** Who writes the benchmark's notes (the server keeps a note only under its author's own name, id and agency). */
const SEEDER = { name: 'Alex Morgan', agency: 'Riverside Council' }
/** Notes per transaction: the server bounds how much one update may carry. */
const BATCH = 250

/**
 * A map of `notes` notes spread over the seven sections in turn, written through the server like any client's
 * edits (a real y-websocket client, as apps/web/e2e/large-map.e2e.test.ts does), with texts of one to four lines.
 */
export async function createBoardMap(server: TestServer, notes: number): Promise<CreateMapResponse> {
  const map = await server.createMap(`Board benchmark, ${notes} notes`)
  const joined = await joinAs(server, map.links.chair, SEEDER)
  const { participant } = joined
  const mapId = mapIdFromLink(map.links.chair)
  const seeder = connectClient(server, mapId, joined, { timeoutMs: 20_000 })
  // A second client sees what the server accepted and stored: every note, before the browser opens the map.
  const checker = connectClient(server, mapId, joined, { timeoutMs: 20_000 })
  try {
    await seeder.synced
    for (let from = 0; from < notes; from += BATCH) {
      seeder.doc.transact(() => {
        for (let i = from; i < Math.min(notes, from + BATCH); i++) {
          addNote(seeder.doc, {
            zone: ZONE_IDS[i % ZONE_IDS.length] ?? 'past-harm',
            text: `Note ${i + 1}: ${'a line of text long enough to wrap onto the next line. '.repeat(1 + (i % 4)).trim()}`,
            author: participant.name,
            authorId: participant.id,
            agency: participant.agency,
          })
        }
      })
    }
    await checker.synced
    await waitFor(() => readMap(checker.doc).notes.length === notes, 60_000, {
      intervalMs: 200,
      message: `the server holding ${notes} notes`,
    })
    if (seeder.refusals.length > 0) throw new Error(`the server refused ${seeder.refusals.length} edits`)
  } finally {
    checker.destroy()
    seeder.destroy()
  }
  return map
}
