// Answering a client's SyncStep1 only from stored state, so nobody is ever sent what a crash could lose: a fresh
// joiner gets the JoinerCache's frame, anyone else the difference from its state vector, once what the room has
// applied is stored.
import * as Y from 'yjs'
import { CloseCode } from '@mapboard/protocol'
import type { JoinerCache } from './JoinerCache.ts'
import type { RoomMember } from './RoomMember.ts'
import type { RoomLogger } from './SocketLike.ts'
import { MalformedMessageError, encodeSyncStep2 } from './syncMessages.ts'
import type { UpdateLog } from './UpdateLog.ts'

export interface SyncAnswerContext {
  mapId: string
  doc: Y.Doc
  joiners: JoinerCache
  log: UpdateLog
  logger: RoomLogger
}

export function answerSyncStep1(
  member: RoomMember,
  stateVector: Uint8Array,
  { mapId, doc, joiners, log, logger }: SyncAnswerContext,
): void {
  const { connection } = member
  let fresh: boolean
  try {
    fresh = Y.decodeStateVector(stateVector).size === 0
  } catch {
    throw new MalformedMessageError('unreadable state vector')
  }
  // A member that has sent updates waits for them to be stored, so its answer reflects them (RoomMember).
  if (fresh && joiners.ready && !log.failed && !member.sentUpdates) {
    connection.send(joiners.frame())
    return
  }
  const answer = () => {
    if (connection.closed || log.failed) return
    if (fresh) connection.send(joiners.frame())
    else connection.send(encodeSyncStep2(Y.encodeStateAsUpdate(doc, stateVector)))
  }
  if (log.idle) {
    answer()
    return
  }
  log
    .settle()
    .then(answer)
    .catch((error: unknown) => {
      logger.error({ mapId, connection: connection.id, err: error }, 'failed to answer a sync')
      connection.close(CloseCode.ServerError)
    })
}
