// What the room does about the intake's outcome for one update (WriterIntake): nothing, a word to its author, a
// resync, or a close — each logged once, with the connection's id and never its token.
import { CloseCode } from '@mapboard/protocol'
import type { EditRefusal } from '@mapboard/protocol'
import { VIEWER_REFUSAL } from '@mapboard/map-model'
import type { ResyncPolicy, UpdateKind } from './ResyncPolicy.ts'
import type { RoomMember } from './RoomMember.ts'
import type { RoomLogger } from './SocketLike.ts'
import { encodePermissionDenied } from './syncMessages.ts'
import type { IntakeOutcome } from './WriterIntake.ts'

/** What a viewer is told, once, when it sends an update anyway (map-model's VIEW-1). */
const VIEWER_TOLD: EditRefusal = { rule: VIEWER_REFUSAL.rule, message: VIEWER_REFUSAL.message }

export interface IntakeReplyContext {
  mapId: string
  logger: RoomLogger
  resync: ResyncPolicy
}

/** Acts on what the intake decided about one update from `member`. */
export function replyToIntake(
  member: RoomMember,
  outcome: IntakeOutcome,
  kind: UpdateKind,
  { mapId, logger, resync }: IntakeReplyContext,
): void {
  const { connection } = member
  const context = { mapId, connection: connection.id }
  switch (outcome.kind) {
    case 'viewer':
      logger.debug(context, 'dropped an update from a viewer')
      if (!member.viewerTold) {
        member.viewerTold = true
        connection.send(encodePermissionDenied(JSON.stringify(VIEWER_TOLD)))
      }
      return
    case 'malformed':
      logger.warn(
        { ...context, reason: outcome.reason },
        'refused an update that does not fit the map document',
      )
      connection.close(CloseCode.BadMessage)
      return
    case 'client-ids-taken':
      logger.warn(
        { ...context, clientIds: outcome.clientIds.slice(0, 10) },
        'refused an update written under a client id that belongs to someone else',
      )
      connection.close(CloseCode.ClientIdTaken)
      return
    case 'claim-failed':
      logger.error({ ...context, err: outcome.error }, 'could not claim client ids')
      connection.close(CloseCode.ServerError)
      return
    case 'abandoned':
      return
    case 'applied':
      if (outcome.missing !== null) resync.missing(member, outcome.missing, kind)
      else if (kind === 'sync-step-2') resync.answered(member)
      if (outcome.refusal !== null && !connection.closed) refuse(member, outcome.refusal, context, logger)
      return
  }
}

/**
 * Tells the author why its change was reverted (the revert itself reaches it with the next broadcast). A
 * connection that keeps sending refused changes is closed: that is no longer someone's honest mistake.
 */
function refuse(
  member: RoomMember,
  refusal: EditRefusal,
  context: { mapId: string; connection: string },
  logger: RoomLogger,
): void {
  const { connection } = member
  logger.info({ ...context, rule: refusal.rule }, 'reverted an update the rules refuse')
  if (member.refusals.record()) {
    logger.warn(context, 'closed a connection with too many refused edits')
    connection.close(CloseCode.TooManyRefusals)
    return
  }
  connection.send(encodePermissionDenied(JSON.stringify(refusal)))
}
