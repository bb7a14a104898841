// Client id binding. Every struct in a Yjs update is stamped with the client id of the replica that wrote it, and
// the rules attribute a change to the connection that sent it. Were client ids free to use, a participant could
// write under someone else's id: the change would look like theirs in the document's history, and clocks would
// collide (one of the two replicas would then lose its own later edits). So each client id of a map belongs to one
// participant: the first to write with it. The table is stored, so a participant who reconnects after a restart
// with the same Y.Doc keeps its id, and a client id of the server's own (its reverts) is no one else's.
import * as Y from 'yjs'
import type { ClientIdStore } from '../storage/ClientIdStore.ts'
import { structEnds } from './checkUpdate.ts'
import type { DecodedUpdate } from './checkUpdate.ts'

/** Owner id of the client ids the server writes with (reverts). Participant ids never contain ':'. */
export const SERVER_OWNER = ':server'

export type ClientIdCheck =
  /** Every client id with new content belongs to the participant. */
  | { kind: 'own' }
  /** Some ids are new to the map: the participant may claim them (`claim`) before the update is applied. */
  | { kind: 'new'; clientIds: number[] }
  /** Some id belongs to someone else, or is in the document with no known owner. */
  | { kind: 'taken'; clientIds: number[] }

export class ClientIdOwners {
  readonly #store: ClientIdStore
  readonly #mapId: string
  readonly #owners: Map<number, string>

  private constructor(store: ClientIdStore, mapId: string, owners: Map<number, string>) {
    this.#store = store
    this.#mapId = mapId
    this.#owners = owners
  }

  static async load(store: ClientIdStore, mapId: string): Promise<ClientIdOwners> {
    const rows = await store.listClientIds(mapId)
    return new ClientIdOwners(store, mapId, new Map(rows.map((row) => [row.clientId, row.ownerId])))
  }

  ownerOf(clientId: number): string | undefined {
    return this.#owners.get(clientId)
  }

  /**
   * Gives `doc` a client id nobody has used in it or claimed, stored as the server's, so its own writes (reverts)
   * can never pass for a participant's and no participant can ever write under it.
   */
  async claimServerId(doc: Y.Doc): Promise<void> {
    for (;;) {
      const id = doc.clientID
      if (!this.#owners.has(id) && !doc.store.clients.has(id)) {
        this.#owners.set(id, SERVER_OWNER)
        const taken = await this.#store.claimClientIds(this.#mapId, SERVER_OWNER, [id])
        if (taken.length === 0) return
      }
      doc.clientID = randomClientId()
    }
  }

  /**
   * Which client ids `update` writes new content under (structs past what `doc` already has: an echo of content
   * the server sent, as in a SyncStep2 that crossed a broadcast, writes nothing), and whether `participantId` may.
   */
  check(doc: Y.Doc, update: DecodedUpdate, participantId: string): ClientIdCheck {
    const to = structEnds(update.structs)
    const fresh: number[] = []
    const taken: number[] = []
    for (const [clientId, end] of to) {
      if (end <= Y.getState(doc.store, clientId)) continue
      const owner = this.#owners.get(clientId)
      if (owner === participantId) continue
      // Unknown but present in the document: the server's own from an earlier load, or the creator's. No one's.
      if (owner !== undefined || doc.store.clients.has(clientId)) taken.push(clientId)
      else fresh.push(clientId)
    }
    if (taken.length > 0) return { kind: 'taken', clientIds: taken }
    return fresh.length > 0 ? { kind: 'new', clientIds: fresh } : { kind: 'own' }
  }

  /**
   * Claims new client ids for a participant: at once in memory (so a second connection racing for the same id
   * finds it taken), then in the store. Resolves with the ids someone else owns after all (another server
   * instance got there first); the rest are the participant's, durably, before anything is written under them.
   */
  async claim(participantId: string, clientIds: readonly number[]): Promise<number[]> {
    const unclaimed = clientIds.filter((id) => !this.#owners.has(id))
    const raced = clientIds.filter((id) => this.#owners.has(id) && this.#owners.get(id) !== participantId)
    for (const id of unclaimed) this.#owners.set(id, participantId)
    if (unclaimed.length === 0) return raced
    try {
      const taken = await this.#store.claimClientIds(this.#mapId, participantId, unclaimed)
      // Someone else's in the store: not known here who, only that it is not this participant's.
      for (const id of taken) this.#owners.set(id, ':elsewhere')
      return [...raced, ...taken]
    } catch (error) {
      // Not stored, so not theirs: the next attempt claims again.
      for (const id of unclaimed) if (this.#owners.get(id) === participantId) this.#owners.delete(id)
      throw error
    }
  }
}

function randomClientId(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] ?? 1
}
