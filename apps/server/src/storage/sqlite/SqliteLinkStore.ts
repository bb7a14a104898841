import type Database from 'better-sqlite3'
import type { LinkRecord, LinkStore, ParticipantRecord } from '../LinkStore.ts'
import type { ErasedRows, MapEraser } from '../MapErasure.ts'
import { toLink, toParticipant } from '../sqlRows.ts'
import type { LinkRow, ParticipantRow } from '../sqlRows.ts'

/** Tables `links` and `participants`. */
export class SqliteLinkStore implements LinkStore, MapEraser {
  readonly #statements

  constructor(db: Database.Database) {
    this.#statements = {
      insertLink: db.prepare<[string, string, string, number, number, number | null]>(
        'INSERT INTO links (id, map_id, role, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      getLink: db.prepare<[string], LinkRow>('SELECT * FROM links WHERE id = ?'),
      listLinks: db.prepare<[string], LinkRow>(
        'SELECT * FROM links WHERE map_id = ? ORDER BY created_at, id',
      ),
      revokeLink: db.prepare<[number, string]>(
        'UPDATE links SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?',
      ),
      // The link must belong to the same map: a participant can never be filed under another map's link.
      insertParticipant: db.prepare<[string, string, string, string, string, string, number, string, string]>(
        `INSERT INTO participants (id, map_id, link_id, role, name, agency, joined_at)
         SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM links WHERE id = ? AND map_id = ?)`,
      ),
      getParticipant: db.prepare<[string], ParticipantRow>('SELECT * FROM participants WHERE id = ?'),
      renameParticipant: db.prepare<[string, string, string]>(
        'UPDATE participants SET name = ?, agency = ? WHERE id = ?',
      ),
      listParticipants: db.prepare<[string], ParticipantRow>(
        'SELECT * FROM participants WHERE map_id = ? ORDER BY joined_at, rowid',
      ),
      deleteParticipants: db.prepare<[string]>('DELETE FROM participants WHERE map_id = ?'),
      deleteLinks: db.prepare<[string]>('DELETE FROM links WHERE map_id = ?'),
    }
  }

  /** Inserts a link in whatever transaction is open: SqliteMapCatalog writes a map's first links in its own. */
  insertLink(link: LinkRecord): void {
    this.#statements.insertLink.run(
      link.id,
      link.mapId,
      link.role,
      link.createdAt,
      link.expiresAt,
      link.revokedAt,
    )
  }

  async createLink(link: LinkRecord): Promise<void> {
    this.insertLink(link)
  }

  async getLink(id: string): Promise<LinkRecord | undefined> {
    const row = this.#statements.getLink.get(id)
    return row === undefined ? undefined : toLink(row)
  }

  async listLinks(mapId: string): Promise<LinkRecord[]> {
    return this.#statements.listLinks.all(mapId).map(toLink)
  }

  async revokeLink(id: string, revokedAt: number): Promise<boolean> {
    return this.#statements.revokeLink.run(revokedAt, id).changes > 0
  }

  async addParticipant(participant: ParticipantRecord): Promise<void> {
    const { id, mapId, linkId, role, name, agency, joinedAt } = participant
    const inserted = this.#statements.insertParticipant.run(
      id,
      mapId,
      linkId,
      role,
      name,
      agency,
      joinedAt,
      linkId,
      mapId,
    )
    if (inserted.changes === 0) throw new Error(`link ${linkId} is not a link of map ${mapId}`)
  }

  async getParticipant(id: string): Promise<ParticipantRecord | undefined> {
    const row = this.#statements.getParticipant.get(id)
    return row === undefined ? undefined : toParticipant(row)
  }

  async renameParticipant(id: string, name: string, agency: string): Promise<boolean> {
    return this.#statements.renameParticipant.run(name, agency, id).changes > 0
  }

  async listParticipants(mapId: string): Promise<ParticipantRecord[]> {
    return this.#statements.listParticipants.all(mapId).map(toParticipant)
  }

  /** Every participant and link of the map (in the erasure's transaction). */
  eraseMapRows(mapId: string): ErasedRows {
    const participants = this.#statements.deleteParticipants.run(mapId).changes
    const links = this.#statements.deleteLinks.run(mapId).changes
    return { removed: { participants, links }, kept: {} }
  }
}
