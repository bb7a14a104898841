import type { ScalingStore, ScalingSubmissionRecord } from '../ScalingStore.ts'
import { removeWhere } from './MemoryLinkStore.ts'
import type { ErasedRows, MapEraser } from '../MapErasure.ts'
import type { MemoryDatabase } from './MemoryDatabase.ts'

const submissionKey = (mapId: string, roundId: string, participantId: string): string =>
  JSON.stringify([mapId, roundId, participantId])

/** Scaling submissions in memory, one per person per round. */
export class MemoryScalingStore implements ScalingStore, MapEraser {
  readonly #db: MemoryDatabase

  constructor(db: MemoryDatabase) {
    this.#db = db
  }

  async putScalingSubmission(submission: ScalingSubmissionRecord): Promise<void> {
    this.#db.map(submission.mapId)
    const key = submissionKey(submission.mapId, submission.roundId, submission.participantId)
    this.#db.tables().scalingSubmissions.set(key, { ...submission })
  }

  async getScalingSubmission(
    mapId: string,
    roundId: string,
    participantId: string,
  ): Promise<ScalingSubmissionRecord | undefined> {
    const submission = this.#db.tables().scalingSubmissions.get(submissionKey(mapId, roundId, participantId))
    return submission === undefined ? undefined : { ...submission }
  }

  async listScalingSubmissions(mapId: string, roundId: string): Promise<ScalingSubmissionRecord[]> {
    return [...this.#db.tables().scalingSubmissions.values()]
      .filter((submission) => submission.mapId === mapId && submission.roundId === roundId)
      .sort((a, b) => (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0))
      .map((submission) => ({ ...submission }))
  }

  async countScalingSubmissions(mapId: string, roundId: string): Promise<number> {
    return (await this.listScalingSubmissions(mapId, roundId)).length
  }

  eraseMapRows(mapId: string): ErasedRows {
    const table = this.#db.tables().scalingSubmissions
    return { removed: { scalingSubmissions: removeWhere(table, (entry) => entry.mapId === mapId) }, kept: {} }
  }
}
