import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { readAuthMessage } from 'y-protocols/auth'
import { CloseCode, MessageType } from '@mapboard/protocol'
import type { Participant, ReportsPolicyInfo } from '@mapboard/protocol'
import type { ReportsPolicy } from '@mapboard/map-model'
import { createBoardCommands } from './BoardCommands.ts'
import type { BoardCommands } from './BoardCommands.ts'
import { ConnectionMonitor } from './ConnectionMonitor.ts'
import { DeviceCopy } from './DeviceCopy.ts'
import { EditRefusals } from './EditRefusals.ts'
import { FollowChair } from './FollowChair.ts'
import { createLocalOrigin } from './LocalOrigin.ts'
import { BoardSnapshotStore } from './BoardSnapshotStore.ts'
import { BoardUnsaved } from './BoardUnsaved.ts'
import { MapSnapshotStore } from './MapSnapshotStore.ts'
import { ProfessionalsDocument, opensProfessionalsDocument } from './ProfessionalsDocument.ts'
import { createRoutedBoardCommands, sectionOfBoth } from './RoutedBoardCommands.ts'
import { createDisclosureCommands } from './DisclosureCommands.ts'
import type { DisclosureCommands } from './DisclosureCommands.ts'
import { Presence, publishLocalUser } from './Presence.ts'
import { RemoteCursors } from './RemoteCursors.ts'
import { reportsPolicyOf } from './reportsPolicy.ts'
import { SaveConfirmation } from './SaveConfirmation.ts'
import { UnsavedChanges } from './UnsavedChanges.ts'

export interface MapSessionOptions {
  mapId: string
  /** The participant token from the join (never the link token): it says who this connection is. */
  token: string
  participant: Participant
  /** The deployment's reports policy from the join answer; England and Wales's when it had none. */
  reportsPolicy?: ReportsPolicyInfo
  /** Defaults to this page's origin; the sync endpoint is `<origin>/sync/<mapId>?token=…`. */
  origin?: string
}

/** One open map: its document, the live connection and everything the board reads from them. */
export interface MapSession {
  readonly mapId: string
  /** Who joined in this tab, as the server answered the join. */
  readonly participant: Participant
  /** The participant token, for API calls (e.g. the chair's invite links). */
  readonly token: string
  /** When this deployment wants reports: the board marks late and new items by it, as the record does. */
  readonly reportsPolicy: ReportsPolicy
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  /** The board's read model: the shared document, with the professionals' notes where this device has them. */
  readonly store: BoardSnapshotStore
  /** The professionals' document: the chair's and professionals' sessions only, never a family's or viewer's. */
  readonly professionals: ProfessionalsDocument | null
  readonly connection: ConnectionMonitor
  /** This device's changes the server has not stored yet, in either document. */
  readonly unsaved: BoardUnsaved
  readonly presence: Presence
  /** The chair's view: published by the chair's tab, followed by the others' when they choose. */
  readonly follow: FollowChair
  /** Other people's pointers on the board, and this tab's own shared. */
  readonly cursors: RemoteCursors
  readonly commands: BoardCommands
  /** The chair's "Share with the family" and "Withdraw…". */
  readonly disclosure: DisclosureCommands
  /** Edits the server refused and reverted, with its reason. */
  readonly refusals: EditRefusals
  /** The map as kept on this device (IndexedDB), with what the server has not stored yet. */
  readonly device: DeviceCopy
  /** Whether leaving now would lose changes: unsaved ones this device could not keep (or not yet). */
  wouldLoseChanges(): boolean
  destroy(): void
  /** Ends the session and deletes the map's copy on this device. */
  forgetDevice(): Promise<void>
}

/** The socket waits this long at most for the device's copy, so a slow or stuck IndexedDB never keeps it shut. */
const DEVICE_LOAD_WAIT_MS = 2_000

export function openMapSession(options: MapSessionOptions): MapSession {
  const doc = new Y.Doc()
  const unsaved = new UnsavedChanges(doc)
  const device = new DeviceCopy(options.mapId, doc)
  const origin = options.origin ?? window.location.origin
  const provider = new WebsocketProvider(origin.replace(/^http/, 'ws') + '/sync', options.mapId, doc, {
    params: { token: options.token },
    // A rejected edit must not leak into this user's other tabs through a BroadcastChannel.
    disableBc: true,
    // First the map as this device last knew it, with its unsent changes; then the server's.
    connect: false,
  })
  let destroyed = false
  const connectWhenLoaded = async (): Promise<void> => {
    const waited = new Promise<false>((resolve) => setTimeout(() => resolve(false), DEVICE_LOAD_WAIT_MS))
    const kept = await Promise.race([device.loaded, waited])
    if (kept) await device.keepUnsaved(unsaved)
    if (!destroyed) provider.connect()
  }
  void connectWhenLoaded()
  const { participant } = options
  const localOrigin = createLocalOrigin()
  const refusals = new EditRefusals()
  const professionals = opensProfessionalsDocument(participant.role)
    ? new ProfessionalsDocument({
        mapId: options.mapId,
        token: options.token,
        origin,
        participant,
        localOrigin,
        refusals,
        shared: { doc, provider },
        deviceLoadWaitMs: DEVICE_LOAD_WAIT_MS,
      })
    : null
  const sharedCommands = createBoardCommands(
    doc,
    localOrigin,
    participant,
    'shared',
    professionals === null ? undefined : sectionOfBoth(doc, professionals.doc),
  )
  const commands = createRoutedBoardCommands(sharedCommands, professionals?.commands ?? null)
  const disclosure = createDisclosureCommands(
    doc,
    professionals?.doc ?? null,
    participant,
    professionals === null ? undefined : sectionOfBoth(doc, professionals.doc),
  )
  // The server reverts an edit its rules refuse and tells the author why in an auth message (permission denied,
  // reason = EditRefusal JSON). y-websocket only logs those; this provider's own handler shows them instead, and
  // drops the undo history, which would otherwise still hold the refused change.
  provider.messageHandlers[MessageType.Auth] = (_encoder, decoder) => {
    readAuthMessage(decoder, doc, (_doc, reason) => {
      sharedCommands.forgetHistory()
      refusals.receive(reason)
    })
  }
  // The server stamps `user` with the same fields from the token; publishing them here shows "me" at once.
  publishLocalUser(provider.awareness, participant)
  const unsavedOfBoth = new BoardUnsaved(unsaved, professionals?.unsaved ?? null)
  const sharedStore = new MapSnapshotStore(doc)
  const store = new BoardSnapshotStore(sharedStore, professionals?.store ?? null)
  const connection = new ConnectionMonitor(provider, () => checkLink(origin, options.mapId, options.token))
  const saveConfirmation = new SaveConfirmation(provider, unsaved)
  const presence = new Presence(provider.awareness)
  // Observers and phones follow the chair unless they choose otherwise: they watch more than they steer.
  const onPhone = window.matchMedia('(max-width: 719px), (pointer: coarse)').matches
  const followByDefault = participant.role === 'viewer' || onPhone
  const follow = new FollowChair(provider.awareness, participant.role, followByDefault)
  // Pointers are for people steering at a desk: observers only watch, and a phone has no pointer to share.
  const cursors = new RemoteCursors(provider.awareness, {
    enabled: participant.role !== 'viewer' && !onPhone,
  })

  const destroy = (): void => {
    if (destroyed) return
    destroyed = true
    device.destroy()
    refusals.destroy()
    commands.destroy()
    follow.destroy()
    cursors.destroy()
    presence.destroy()
    connection.destroy()
    saveConfirmation.destroy()
    unsaved.destroy()
    sharedStore.destroy()
    professionals?.destroy()
    provider.destroy()
    doc.destroy()
  }

  return {
    mapId: options.mapId,
    participant,
    token: options.token,
    reportsPolicy: reportsPolicyOf(options.reportsPolicy),
    doc,
    provider,
    store,
    professionals,
    connection,
    unsaved: unsavedOfBoth,
    presence,
    follow,
    cursors,
    commands,
    disclosure,
    refusals,
    device,
    wouldLoseChanges() {
      return (
        (unsaved.hasUnsaved && !device.holdsEverything) ||
        (professionals !== null && professionals.wouldLoseChanges())
      )
    },
    destroy,
    async forgetDevice() {
      destroy()
      await Promise.all([device.forget(), professionals?.forgetDevice()])
    },
  }
}

/**
 * Asks the sync endpoint over plain HTTP why an upgrade was refused: it checks the token and the map before
 * upgrading and answers 401/404 with a code. Returns the matching close code, or null if the link is fine.
 */
async function checkLink(origin: string, mapId: string, token: string): Promise<number | null> {
  const url = `${origin}/sync/${encodeURIComponent(mapId)}?token=${encodeURIComponent(token)}`
  const response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' })
  const body: unknown = await response.json().catch(() => null)
  const code = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined
  if (response.status === 401) return code === 'TOKEN_REVOKED' ? CloseCode.Forbidden : CloseCode.Unauthorized
  if (response.status === 404 && code === 'MAP_NOT_FOUND') return CloseCode.MapNotFound
  return null
}
