/** The roles of product.md; the same strings as `Role` in @mapboard/protocol (kept apart: map-model has no deps). */
export type ActorRole = 'chair' | 'professional' | 'family' | 'viewer'

/** Who made a change, as the server knows them from the connection's verified token. */
export interface Actor {
  role: ActorRole
  /** The participant id (`ParticipantClaims.id`); notes they add carry it as `authorId`. */
  participantId: string
  /** Display name; notes they add carry it as `author`. */
  name: string
  /** Agency, '' for family; notes they add carry it as `agency`. */
  agency: string
}
