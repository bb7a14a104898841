import type { LinkRecord, LinkStore, ParticipantRecord } from '../LinkStore.ts'
import type { ErasedRows, MapEraser } from '../MapErasure.ts'
import type { MemoryDatabase } from './MemoryDatabase.ts'

/** Links and participants in memory, checked as SQLite's keys would check them. */
export class MemoryLinkStore implements LinkStore, MapEraser {
  readonly #db: MemoryDatabase

  constructor(db: MemoryDatabase) {
    this.#db = db
  }

  /** Checks a link as the database's keys would: a new id, of an existing map (or of `creating`). */
  checkNewLink(link: LinkRecord, creating?: string): void {
    const tables = this.#db.tables()
    if (tables.links.has(link.id)) throw new Error(`link ${link.id} exists`)
    if (link.mapId !== creating && !tables.maps.has(link.mapId)) throw new Error(`no map ${link.mapId}`)
  }

  /** Keeps a link already checked (`checkNewLink`): MemoryMapCatalog writes a map's first links with it. */
  insertLink(link: LinkRecord): void {
    this.#db.tables().links.set(link.id, { ...link })
  }

  async createLink(link: LinkRecord): Promise<void> {
    this.checkNewLink(link)
    this.insertLink(link)
  }

  async getLink(id: string): Promise<LinkRecord | undefined> {
    const link = this.#db.tables().links.get(id)
    return link === undefined ? undefined : { ...link }
  }

  async listLinks(mapId: string): Promise<LinkRecord[]> {
    return [...this.#db.tables().links.values()]
      .filter((link) => link.mapId === mapId)
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((link) => ({ ...link }))
  }

  async revokeLink(id: string, revokedAt: number): Promise<boolean> {
    const link = this.#db.tables().links.get(id)
    if (link === undefined) return false
    link.revokedAt ??= revokedAt
    return true
  }

  async addParticipant(participant: ParticipantRecord): Promise<void> {
    const tables = this.#db.tables()
    if (tables.participants.has(participant.id)) throw new Error(`participant ${participant.id} exists`)
    if (tables.links.get(participant.linkId)?.mapId !== participant.mapId) {
      throw new Error(`link ${participant.linkId} is not a link of map ${participant.mapId}`)
    }
    tables.participants.set(participant.id, { ...participant })
  }

  async getParticipant(id: string): Promise<ParticipantRecord | undefined> {
    const participant = this.#db.tables().participants.get(id)
    return participant === undefined ? undefined : { ...participant }
  }

  async renameParticipant(id: string, name: string, agency: string): Promise<boolean> {
    const participant = this.#db.tables().participants.get(id)
    if (participant === undefined) return false
    participant.name = name
    participant.agency = agency
    return true
  }

  async listParticipants(mapId: string): Promise<ParticipantRecord[]> {
    // A stable sort keeps insertion order among equal join times.
    return [...this.#db.tables().participants.values()]
      .filter((participant) => participant.mapId === mapId)
      .sort((a, b) => a.joinedAt - b.joinedAt)
      .map((participant) => ({ ...participant }))
  }

  eraseMapRows(mapId: string): ErasedRows {
    const tables = this.#db.tables()
    const participants = removeWhere(tables.participants, (participant) => participant.mapId === mapId)
    const links = removeWhere(tables.links, (link) => link.mapId === mapId)
    return { removed: { participants, links }, kept: {} }
  }
}

/** Removes the entries `matches` picks; returns how many. */
export function removeWhere<T>(table: Map<string, T>, matches: (value: T) => boolean): number {
  let removed = 0
  for (const [key, value] of table) {
    if (!matches(value)) continue
    table.delete(key)
    removed += 1
  }
  return removed
}
