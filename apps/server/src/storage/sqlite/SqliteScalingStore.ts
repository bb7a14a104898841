import type Database from 'better-sqlite3'
import type { ErasedRows, MapEraser } from '../MapErasure.ts'
import type { ScalingStore, ScalingSubmissionRecord } from '../ScalingStore.ts'
import { toSubmission } from '../sqlRows.ts'
import type { SubmissionRow } from '../sqlRows.ts'

/** Table `scaling_submissions`; its foreign key refuses a submission to a map that does not exist. */
export class SqliteScalingStore implements ScalingStore, MapEraser {
  readonly #statements

  constructor(db: Database.Database) {
    this.#statements = {
      putSubmission: db.prepare<[string, string, string, string, string, string, number, string, number]>(
        `INSERT INTO scaling_submissions
           (map_id, round_id, participant_id, name, role, agency, score, reason, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (map_id, round_id, participant_id) DO UPDATE SET
           name = excluded.name, role = excluded.role, agency = excluded.agency, score = excluded.score,
           reason = excluded.reason, updated_at = excluded.updated_at`,
      ),
      getSubmission: db.prepare<[string, string, string], SubmissionRow>(
        'SELECT * FROM scaling_submissions WHERE map_id = ? AND round_id = ? AND participant_id = ?',
      ),
      listSubmissions: db.prepare<[string, string], SubmissionRow>(
        'SELECT * FROM scaling_submissions WHERE map_id = ? AND round_id = ? ORDER BY participant_id',
      ),
      countSubmissions: db.prepare<[string, string], { count: number }>(
        'SELECT count(*) AS count FROM scaling_submissions WHERE map_id = ? AND round_id = ?',
      ),
      deleteSubmissions: db.prepare<[string]>('DELETE FROM scaling_submissions WHERE map_id = ?'),
    }
  }

  async putScalingSubmission(submission: ScalingSubmissionRecord): Promise<void> {
    const { mapId, roundId, participantId, name, role, agency, score, reason, updatedAt } = submission
    this.#statements.putSubmission.run(
      mapId,
      roundId,
      participantId,
      name,
      role,
      agency,
      score,
      reason,
      updatedAt,
    )
  }

  async getScalingSubmission(
    mapId: string,
    roundId: string,
    participantId: string,
  ): Promise<ScalingSubmissionRecord | undefined> {
    const row = this.#statements.getSubmission.get(mapId, roundId, participantId)
    return row === undefined ? undefined : toSubmission(row)
  }

  async listScalingSubmissions(mapId: string, roundId: string): Promise<ScalingSubmissionRecord[]> {
    return this.#statements.listSubmissions.all(mapId, roundId).map(toSubmission)
  }

  async countScalingSubmissions(mapId: string, roundId: string): Promise<number> {
    return this.#statements.countSubmissions.get(mapId, roundId)?.count ?? 0
  }

  /** Every scaling answer given on the map (in the erasure's transaction). */
  eraseMapRows(mapId: string): ErasedRows {
    return {
      removed: { scalingSubmissions: this.#statements.deleteSubmissions.run(mapId).changes },
      kept: {},
    }
  }
}
