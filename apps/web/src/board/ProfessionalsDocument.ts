import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { readAuthMessage } from 'y-protocols/auth'
import { ZONE_IDS, observeMap, readMap, setLock } from '@mapboard/map-model'
import { MessageType } from '@mapboard/protocol'
import type { Participant, Role } from '@mapboard/protocol'
import { createBoardCommands } from './BoardCommands.ts'
import type { BoardCommands } from './BoardCommands.ts'
import { DeviceCopy } from './DeviceCopy.ts'
import type { EditRefusals } from './EditRefusals.ts'
import type { LocalOrigin } from './LocalOrigin.ts'
import { MapSnapshotStore } from './MapSnapshotStore.ts'
import { sectionOfBoth } from './RoutedBoardCommands.ts'
import { SaveConfirmation } from './SaveConfirmation.ts'
import { UnsavedChanges } from './UnsavedChanges.ts'

/** Only these roles ever open the professionals' document; the server refuses the others before the upgrade. */
export function opensProfessionalsDocument(role: Role): boolean {
  return role === 'chair' || role === 'professional'
}

/** The professionals' document's room: `<mapId>/professionals` (protocol, "The professionals' document"). */
export function professionalsRoom(mapId: string): string {
  return `${mapId}/professionals`
}

export interface ProfessionalsDocumentOptions {
  mapId: string
  token: string
  /** The page's origin, as for the shared document. */
  origin: string
  participant: Participant
  /** The tab's own origin, so undo covers my changes in this document as in the shared one. */
  localOrigin: LocalOrigin
  /** The board's refusals: one the server sends about this document is shown like any other. */
  refusals: EditRefusals
  /** The shared document and its provider: the chair's locks there are kept in this one too. */
  shared: { doc: Y.Doc; provider: WebsocketProvider }
  /** How long the socket waits for the device's copy at most. */
  deviceLoadWaitMs: number
}

/**
 * A map's second document, for what the family may not see (decisions 0030, 0032): its own Y.Doc, socket,
 * commands and snapshot, kept on the device in a database of its own beside the shared one's. Made only in the
 * chair's and professionals' sessions, so a family's or viewer's device never asks for it. What this device wrote
 * here and the server has not stored yet is tracked as for the shared document, by its own `UnsavedChanges` asking
 * this document's server room (the server's clock for one document says nothing of the other's).
 *
 * Its commands are owned by the board's routed commands, which destroy them.
 */
export class ProfessionalsDocument {
  readonly doc = new Y.Doc()
  /** This device's changes to this document the server has not stored yet. */
  readonly unsaved = new UnsavedChanges(this.doc)
  readonly provider: WebsocketProvider
  readonly commands: BoardCommands
  readonly store: MapSnapshotStore
  readonly device: DeviceCopy
  private readonly saveConfirmation: SaveConfirmation
  private destroyed = false
  private stopMirroringLocks: () => void = () => {}

  constructor(options: ProfessionalsDocumentOptions) {
    const room = professionalsRoom(options.mapId)
    this.device = new DeviceCopy(room, this.doc)
    this.provider = new WebsocketProvider(options.origin.replace(/^http/, 'ws') + '/sync', room, this.doc, {
      params: { token: options.token },
      // As for the shared document: a refused edit must not reach this user's other tabs.
      disableBc: true,
      connect: false,
    })
    this.commands = createBoardCommands(
      this.doc,
      options.localOrigin,
      options.participant,
      'professionals',
      sectionOfBoth(options.shared.doc, this.doc),
    )
    // The server reverts a refused edit here as in the shared document and says why: shown the same way.
    this.provider.messageHandlers[MessageType.Auth] = (_encoder, decoder) => {
      readAuthMessage(decoder, this.doc, (_doc, reason) => {
        this.commands.forgetHistory()
        options.refusals.receive(reason)
      })
    }
    this.store = new MapSnapshotStore(this.doc)
    this.saveConfirmation = new SaveConfirmation(this.provider, this.unsaved)
    if (options.participant.role === 'chair') this.mirrorLocks(options.shared, options.localOrigin)
    void this.connectWhenLoaded(options.deviceLoadWaitMs)
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.stopMirroringLocks()
    this.device.destroy()
    this.saveConfirmation.destroy()
    this.unsaved.destroy()
    this.store.destroy()
    this.provider.destroy()
    this.doc.destroy()
  }

  /** Whether leaving now would lose changes to this document: unsaved ones this device could not keep (or not yet). */
  wouldLoseChanges(): boolean {
    return this.unsaved.hasUnsaved && !this.device.holdsEverything
  }

  /** Ends it and deletes its copy on this device. */
  async forgetDevice(): Promise<void> {
    this.destroy()
    await this.device.forget()
  }

  private async connectWhenLoaded(waitMs: number): Promise<void> {
    const waited = new Promise<false>((resolve) => setTimeout(() => resolve(false), waitMs))
    const kept = await Promise.race([this.device.loaded, waited])
    if (kept) await this.device.keepUnsaved(this.unsaved)
    if (!this.destroyed) this.provider.connect()
  }

  /**
   * A locked section is locked for every note in it, whichever document holds the note: the chair's tab writes the
   * shared document's locks (set by hand, "Lock all" or an agenda step's defaults) into this one too. Only once both
   * are synced, so a device's stale copy never unlocks what the meeting has locked.
   */
  private mirrorLocks(shared: { doc: Y.Doc; provider: WebsocketProvider }, origin: LocalOrigin): void {
    const copy = (): void => {
      if (this.destroyed || !shared.provider.synced || !this.provider.synced) return
      const wanted = new Set(readMap(shared.doc).locks)
      const present = new Set(readMap(this.doc).locks)
      const changes = ZONE_IDS.filter((zone) => wanted.has(zone) !== present.has(zone))
      if (changes.length === 0) return
      this.doc.transact(() => {
        for (const zone of changes) setLock(this.doc, zone, wanted.has(zone), origin)
      }, origin)
    }
    const stopObserving = observeMap(shared.doc, copy)
    const onSync = (synced: boolean): void => {
      if (synced) copy()
    }
    shared.provider.on('sync', onSync)
    this.provider.on('sync', onSync)
    this.stopMirroringLocks = () => {
      stopObserving()
      shared.provider.off('sync', onSync)
      this.provider.off('sync', onSync)
    }
  }
}
