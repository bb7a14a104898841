// What the room does when a writer's update builds on content the server does not have (pendingContent.ts): ask
// the connection again, wait for the answer, and close it — with Resync, in the end TooManyRefusals — if the
// content never comes.
import * as Y from 'yjs'
import { CloseCode } from '@mapboard/protocol'
import { addMissing, hasContent } from './pendingContent.ts'
import type { MissingContent } from './pendingContent.ts'
import { RefusalWindow } from './RefusalWindow.ts'
import type { RoomMember } from './RoomMember.ts'
import type { RoomLogger } from './SocketLike.ts'
import { encodeSyncStep1 } from './syncMessages.ts'

/**
 * How long a connection has to send the content its update built on, once asked. A y-websocket client answers our
 * SyncStep1 at once; the allowance is for a large answer on a slow line.
 */
export const RESYNC_TIMEOUT_MS = 30_000
/**
 * A participant that needs this many resyncs in one room's lifetime is not a confused client: the last one closes
 * with TooManyRefusals instead of Resync, and so does every connection it opens while the room stays loaded.
 */
const MAX_RESYNCS_PER_PARTICIPANT = 3
/**
 * Times one connection may be asked again within RESYNC_WINDOW_MS. A client that reconnects with offline edits
 * needs it at most once per connection (its first SyncStep2 brings everything); more is not a reconnect.
 */
const MAX_ASKS_PER_WINDOW = 3
const RESYNC_WINDOW_MS = 60_000

/** How an update reached the room: the answer to our SyncStep1, or an edit. */
export type UpdateKind = 'sync-step-2' | 'update'

export interface ResyncPolicyOptions {
  doc: Y.Doc
  mapId: string
  logger: RoomLogger
  timeoutMs: number
}

export class ResyncPolicy {
  readonly #doc: Y.Doc
  readonly #mapId: string
  readonly #logger: RoomLogger
  readonly #timeoutMs: number
  /** Resyncs per participant id: connections closed because the content their updates built on never came. */
  readonly #resyncs = new Map<string, number>()

  constructor(options: ResyncPolicyOptions) {
    this.#doc = options.doc
    this.#mapId = options.mapId
    this.#logger = options.logger
    this.#timeoutMs = options.timeoutMs
  }

  /** A fresh count of how often one connection is asked again (RoomMember.asks). */
  askWindow(): RefusalWindow {
    return new RefusalWindow(MAX_ASKS_PER_WINDOW, RESYNC_WINDOW_MS)
  }

  /** Whether this participant was resynced too often to join again while the room stays loaded. */
  isBarred(participantId: string): boolean {
    return (this.#resyncs.get(participantId) ?? 0) >= MAX_RESYNCS_PER_PARTICIPANT
  }

  /**
   * The member's update built on content the server does not have; its pending part has been dropped. Typically a
   * client reconnected with offline edits and made a new edit before its SyncStep2 (which carries those edits)
   * arrived. Rather than closing, the server sends the connection its SyncStep1 again: a client answers with a
   * SyncStep2 of everything the server lacks, the dropped part included. The connection's next SyncStep2 must
   * bring what was missing (a y-websocket client's first SyncStep2 after the update already does), within the
   * timeout; a connection that is asked again too often is closed as well.
   */
  missing(member: RoomMember, missing: MissingContent, kind: UpdateKind): void {
    const open = member.gap
    if (open !== null) {
      // Already asked: more edits sent before the answer. The answer brings them too, unless this is it.
      addMissing(open.missing, missing)
      if (kind === 'sync-step-2') this.#resync(member, 'its SyncStep2 left content missing')
      return
    }
    if (member.asks.record()) {
      this.#resync(member, 'it kept sending updates that build on content the server does not have')
      return
    }
    const timer = setTimeout(
      () => this.#resync(member, 'it did not send the content its update built on'),
      this.#timeoutMs,
    )
    timer.unref()
    member.gap = { missing, timer }
    this.#logger.info(
      { mapId: this.#mapId, connection: member.connection.id },
      'dropped the pending part of an update and asked its sender again',
    )
    member.connection.send(encodeSyncStep1(Y.encodeStateVector(this.#doc)))
  }

  /** A SyncStep2 arrived and left nothing pending: if the member was asked again, did it bring everything? */
  answered(member: RoomMember): void {
    const open = member.gap
    if (open === null) return
    if (hasContent(this.#doc, open.missing)) this.forget(member)
    else this.#resync(member, 'its SyncStep2 left content missing')
  }

  /** Stops waiting for the member (it answered, or left). */
  forget(member: RoomMember): void {
    if (member.gap === null) return
    clearTimeout(member.gap.timer)
    member.gap = null
  }

  /**
   * Closes a connection whose updates keep building on content it never sends (a crafted delete of someone's
   * future item, say) with Resync; the participant's third such close is TooManyRefusals, for good.
   */
  #resync(member: RoomMember, reason: string): void {
    this.forget(member)
    const { connection } = member
    if (connection.closed) return
    const participantId = connection.identity.participant.id
    const count = (this.#resyncs.get(participantId) ?? 0) + 1
    this.#resyncs.set(participantId, count)
    const code = count >= MAX_RESYNCS_PER_PARTICIPANT ? CloseCode.TooManyRefusals : CloseCode.Resync
    this.#logger.warn(
      { mapId: this.#mapId, connection: connection.id, resyncs: count, reason },
      'closed a connection whose updates build on content the server does not have',
    )
    connection.close(code)
  }
}
