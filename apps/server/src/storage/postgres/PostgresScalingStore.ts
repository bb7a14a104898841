import type pg from 'pg'
import type { ErasedRows } from '../MapErasure.ts'
import type { ScalingStore, ScalingSubmissionRecord } from '../ScalingStore.ts'
import type { PostgresDatabase } from './PostgresDatabase.ts'
import type { PostgresMapEraser } from './PostgresErasure.ts'
import { toSubmission } from '../sqlRows.ts'
import type { SubmissionRow } from '../sqlRows.ts'

const COLUMNS = 'map_id, round_id, participant_id, name, role, agency, score, reason, updated_at'

/** Table `scaling_submissions`; its foreign key refuses a submission to a map that does not exist. */
export class PostgresScalingStore implements ScalingStore, PostgresMapEraser {
  readonly tables = ['scaling_submissions']
  readonly #db: PostgresDatabase

  constructor(db: PostgresDatabase) {
    this.#db = db
  }

  async putScalingSubmission(submission: ScalingSubmissionRecord): Promise<void> {
    const { mapId, roundId, participantId, name, role, agency, score, reason, updatedAt } = submission
    await this.#db.pool.query(
      `INSERT INTO scaling_submissions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (map_id, round_id, participant_id) DO UPDATE SET
         name = excluded.name, role = excluded.role, agency = excluded.agency, score = excluded.score,
         reason = excluded.reason, updated_at = excluded.updated_at`,
      [mapId, roundId, participantId, name, role, agency, score, reason, updatedAt],
    )
  }

  async getScalingSubmission(
    mapId: string,
    roundId: string,
    participantId: string,
  ): Promise<ScalingSubmissionRecord | undefined> {
    const [row] = await this.#db.rows<SubmissionRow>(
      `SELECT ${COLUMNS} FROM scaling_submissions WHERE map_id = $1 AND round_id = $2 AND participant_id = $3`,
      [mapId, roundId, participantId],
    )
    return row === undefined ? undefined : toSubmission(row)
  }

  async listScalingSubmissions(mapId: string, roundId: string): Promise<ScalingSubmissionRecord[]> {
    const rows = await this.#db.rows<SubmissionRow>(
      `SELECT ${COLUMNS} FROM scaling_submissions WHERE map_id = $1 AND round_id = $2 ORDER BY participant_id`,
      [mapId, roundId],
    )
    return rows.map(toSubmission)
  }

  async countScalingSubmissions(mapId: string, roundId: string): Promise<number> {
    const [row] = await this.#db.rows<{ count: number }>(
      'SELECT count(*) AS count FROM scaling_submissions WHERE map_id = $1 AND round_id = $2',
      [mapId, roundId],
    )
    return row?.count ?? 0
  }

  /** Every scaling answer given on the map (in the erasure's transaction). */
  async eraseMapRows(tx: pg.PoolClient, mapId: string): Promise<ErasedRows> {
    const deleted = await tx.query('DELETE FROM scaling_submissions WHERE map_id = $1', [mapId])
    return { removed: { scalingSubmissions: deleted.rowCount ?? 0 }, kept: {} }
  }
}
