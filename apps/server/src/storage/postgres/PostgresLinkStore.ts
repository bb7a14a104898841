import type pg from 'pg'
import type { LinkRecord, LinkStore, ParticipantRecord } from '../LinkStore.ts'
import type { ErasedRows } from '../MapErasure.ts'
import type { PostgresDatabase, Sql } from './PostgresDatabase.ts'
import type { PostgresMapEraser } from './PostgresErasure.ts'
import { toLink, toParticipant } from '../sqlRows.ts'
import type { LinkRow, ParticipantRow } from '../sqlRows.ts'

const LINK_COLUMNS = 'id, map_id, role, created_at, expires_at, revoked_at'
const PARTICIPANT_COLUMNS = 'id, map_id, link_id, role, name, agency, joined_at'

/** Tables `links` and `participants`. */
export class PostgresLinkStore implements LinkStore, PostgresMapEraser {
  readonly tables = ['participants', 'links']
  readonly #db: PostgresDatabase

  constructor(db: PostgresDatabase) {
    this.#db = db
  }

  /** Inserts a link on `sql`: PostgresMapCatalog writes a map's first links in its own transaction. */
  async insertLink(sql: Sql, link: LinkRecord): Promise<void> {
    await sql.query(`INSERT INTO links (${LINK_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`, [
      link.id,
      link.mapId,
      link.role,
      link.createdAt,
      link.expiresAt,
      link.revokedAt,
    ])
  }

  createLink(link: LinkRecord): Promise<void> {
    return this.insertLink(this.#db.pool, link)
  }

  async getLink(id: string): Promise<LinkRecord | undefined> {
    const [row] = await this.#db.rows<LinkRow>(`SELECT ${LINK_COLUMNS} FROM links WHERE id = $1`, [id])
    return row === undefined ? undefined : toLink(row)
  }

  async listLinks(mapId: string): Promise<LinkRecord[]> {
    const rows = await this.#db.rows<LinkRow>(
      `SELECT ${LINK_COLUMNS} FROM links WHERE map_id = $1 ORDER BY created_at, id`,
      [mapId],
    )
    return rows.map(toLink)
  }

  async revokeLink(id: string, revokedAt: number): Promise<boolean> {
    const result = await this.#db.pool.query(
      'UPDATE links SET revoked_at = coalesce(revoked_at, $1) WHERE id = $2',
      [revokedAt, id],
    )
    return (result.rowCount ?? 0) > 0
  }

  async addParticipant(participant: ParticipantRecord): Promise<void> {
    const { id, mapId, linkId, role, name, agency, joinedAt } = participant
    // The link must belong to the same map: a participant can never be filed under another map's link.
    const inserted = await this.#db.pool.query(
      `INSERT INTO participants (${PARTICIPANT_COLUMNS})
       SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM links WHERE id = $3 AND map_id = $2)`,
      [id, mapId, linkId, role, name, agency, joinedAt],
    )
    if (inserted.rowCount === 0) throw new Error(`link ${linkId} is not a link of map ${mapId}`)
  }

  async getParticipant(id: string): Promise<ParticipantRecord | undefined> {
    const [row] = await this.#db.rows<ParticipantRow>(
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE id = $1`,
      [id],
    )
    return row === undefined ? undefined : toParticipant(row)
  }

  async renameParticipant(id: string, name: string, agency: string): Promise<boolean> {
    const result = await this.#db.pool.query('UPDATE participants SET name = $1, agency = $2 WHERE id = $3', [
      name,
      agency,
      id,
    ])
    return (result.rowCount ?? 0) > 0
  }

  async listParticipants(mapId: string): Promise<ParticipantRecord[]> {
    const rows = await this.#db.rows<ParticipantRow>(
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE map_id = $1 ORDER BY joined_at, ord`,
      [mapId],
    )
    return rows.map(toParticipant)
  }

  /** Every participant and link of the map (in the erasure's transaction). */
  async eraseMapRows(tx: pg.PoolClient, mapId: string): Promise<ErasedRows> {
    const participants = await tx.query('DELETE FROM participants WHERE map_id = $1', [mapId])
    const links = await tx.query('DELETE FROM links WHERE map_id = $1', [mapId])
    return { removed: { participants: participants.rowCount ?? 0, links: links.rowCount ?? 0 }, kept: {} }
  }
}
