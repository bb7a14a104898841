import type { Role } from '@mapboard/protocol'

/**
 * One person's answer in a blind scaling round. Held here, outside the shared document, until the chair reveals
 * the round: no client receives it before then (see routes/scaling.ts).
 */
export interface ScalingSubmissionRecord {
  mapId: string
  roundId: string
  participantId: string
  /** Who they were when they submitted, from their token. */
  name: string
  role: Exclude<Role, 'viewer'>
  agency: string
  /** 0–10. */
  score: number
  reason: string
  /** Milliseconds since the epoch, of the latest submission (a later one replaces the earlier). */
  updatedAt: number
}

/** The answers of blind scaling rounds, each person's latest per round (decision 0017). */
export interface ScalingStore {
  /**
   * Stores someone's scaling submission, replacing their earlier one in the same round. Fails if the map does not
   * exist.
   */
  putScalingSubmission(submission: ScalingSubmissionRecord): Promise<void>
  getScalingSubmission(
    mapId: string,
    roundId: string,
    participantId: string,
  ): Promise<ScalingSubmissionRecord | undefined>
  /** A round's submissions, by participant id. */
  listScalingSubmissions(mapId: string, roundId: string): Promise<ScalingSubmissionRecord[]>
  countScalingSubmissions(mapId: string, roundId: string): Promise<number>
}
