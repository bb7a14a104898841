import type { AuditActor, ParticipantClaims, Role, TokenClaims } from '@mapboard/protocol'

/** The actor of an entry, from a verified token's role and participant (never from what a client sends). */
export function auditActor(identity: { role: Role; participant: ParticipantClaims }): AuditActor {
  const { role, participant } = identity
  return { participantId: participant.id, name: participant.name, role, agency: participant.agency }
}

/** The actor of an HTTP request's token: a bare link counts as one anonymous participant, as on a socket. */
export function auditActorOfClaims(claims: TokenClaims): AuditActor {
  const participant = claims.participant ?? { id: `link-${claims.linkId}`, name: '', agency: '' }
  return auditActor({ role: claims.role, participant })
}
