/** At most `max` requests per key in each window of `windowMs` (a fixed window that starts with the first). */
export interface RateLimit {
  max: number
  windowMs: number
}

/**
 * The HTTP limits, each with its key (docs/protocol.md, "HTTP limits"). A whole conference may sit behind one
 * council NAT address, so what a person does is counted per link, map or participant, and the address only gets
 * a loose limit on top.
 */
export interface RequestLimits {
  /** `POST /api/maps`, per client address. */
  mapCreationPerIp: RateLimit
  /** `POST /api/maps/<id>/join`, per link (link tokens and participant tokens of that link together). */
  joinPerLink: RateLimit
  /** `POST /api/maps/<id>/join`, per client address, whatever the link. */
  joinPerIp: RateLimit
  /** `POST /api/maps/<id>/links`, per map. */
  linkCreationPerMap: RateLimit
  /** `GET /api/maps/<id>/export.pdf|png`, per participant. */
  exportPerParticipant: RateLimit
  /** The same, per map, for everyone but the chair (so nobody can use up the chair's record). */
  exportPerMap: RateLimit
  /** `PUT /api/maps/<id>/scaling/<roundId>/submission`, per participant. */
  scalingAnswerPerParticipant: RateLimit
}

const MINUTE = 60_000

export const DEFAULT_REQUEST_LIMITS: Readonly<RequestLimits> = Object.freeze({
  mapCreationPerIp: { max: 30, windowMs: 10 * MINUTE },
  joinPerLink: { max: 60, windowMs: 10 * MINUTE },
  joinPerIp: { max: 200, windowMs: 10 * MINUTE },
  linkCreationPerMap: { max: 20, windowMs: 10 * MINUTE },
  exportPerParticipant: { max: 10, windowMs: 10 * MINUTE },
  exportPerMap: { max: 30, windowMs: 10 * MINUTE },
  scalingAnswerPerParticipant: { max: 30, windowMs: 10 * MINUTE },
})
