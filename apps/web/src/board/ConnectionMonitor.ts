import type * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed'

export interface ConnectionState {
  status: ConnectionStatus
  /**
   * Local edits the server may not have yet: made while the socket was down (they go out in the sync
   * exchange after reconnecting), or stuck in the socket's send buffer.
   */
  unsynced: boolean
  /** Close code when the server ended the session for good (4400–4499), else null. */
  closeCode: number | null
}

/** After this long without a connection, "reconnecting" becomes "offline" (the provider keeps trying). */
export const OFFLINE_AFTER_MS = 8_000
const BUFFER_POLL_MS = 250
const LINK_CHECK_INTERVAL_MS = 10_000
/** Bytes still unsent after this long count as unsynced. */
const STALLED_AFTER_MS = 1_000

/**
 * Derives what the connection indicator shows from the y-websocket provider's events.
 *
 * y-websocket has no acknowledgements, so "unsynced" means "not yet handed to an open, synced socket".
 * An edit made while disconnected stays unsynced until the provider has synced again: on connect the
 * server's SyncStep1 is answered with our missing updates, before its SyncStep2 marks us synced. An edit
 * made while connected counts as unsynced only if the socket's send buffer is still not empty a second
 * later (stalled wifi); a buffer that drains at once is just normal sending.
 */
export class ConnectionMonitor {
  private state: ConnectionState = { status: 'connecting', unsynced: false, closeCode: null }
  private readonly listeners = new Set<() => void>()
  private everSynced = false
  private editedWhileDown = false
  private downSince: number | null = null
  private bufferedSince: number | null = null
  private offlineTimer: ReturnType<typeof setTimeout> | undefined
  private bufferTimer: ReturnType<typeof setInterval> | undefined
  private readonly cleanups: Array<() => void> = []

  private lastLinkCheck = 0

  /**
   * `checkLink` is asked, when the socket could not even open, whether the link itself is refused; it answers
   * with the close code that would mean (a browser never sees the HTTP status of a refused upgrade).
   */
  constructor(
    private readonly provider: WebsocketProvider,
    doc: Y.Doc,
    private readonly checkLink: () => Promise<number | null> = async () => null,
  ) {
    const onSync = (synced: boolean): void => {
      if (synced) {
        this.everSynced = true
        this.downSince = null
        this.watchBuffer()
      }
      this.refresh()
    }
    const onStatus = (): void => {
      if (!provider.wsconnected && this.downSince === null && this.everSynced) {
        this.downSince = Date.now()
        clearTimeout(this.offlineTimer)
        this.offlineTimer = setTimeout(() => this.refresh(), OFFLINE_AFTER_MS + 50)
      }
      this.refresh()
    }
    const onClosed = (event: { code: number }): void => {
      this.update({ status: 'closed', closeCode: event.code })
    }
    const onUpdate = (_update: Uint8Array, origin: unknown): void => {
      if (origin === provider) return
      if (!this.isLive()) this.editedWhileDown = true
      if (this.bufferedBytes() > 0) this.bufferedSince ??= Date.now()
      this.watchBuffer()
      this.refresh()
    }
    const onNetwork = (): void => this.refresh()
    let opened = false
    const onOpenState = (event: { status: string }): void => {
      if (event.status === 'connected') opened = true
    }
    const onConnectionClose = (event: CloseEvent | null): void => {
      const neverOpened = !opened
      opened = false
      if (event !== null && neverOpened) void this.diagnose()
    }

    provider.on('sync', onSync)
    provider.on('status', onStatus)
    provider.on('status', onOpenState)
    provider.on('connection-close', onConnectionClose)
    provider.on('closed', onClosed)
    doc.on('update', onUpdate)
    window.addEventListener('online', onNetwork)
    window.addEventListener('offline', onNetwork)
    this.cleanups.push(
      () => provider.off('sync', onSync),
      () => provider.off('status', onStatus),
      () => provider.off('status', onOpenState),
      () => provider.off('connection-close', onConnectionClose),
      () => provider.off('closed', onClosed),
      () => doc.off('update', onUpdate),
      () => window.removeEventListener('online', onNetwork),
      () => window.removeEventListener('offline', onNetwork),
    )
    this.refresh()
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  readonly getState = (): ConnectionState => this.state

  destroy(): void {
    this.cleanups.forEach((cleanup) => cleanup())
    clearTimeout(this.offlineTimer)
    clearInterval(this.bufferTimer)
    this.listeners.clear()
  }

  /** The socket was refused before opening: find out whether the link is the reason (at most every 10 s). */
  private async diagnose(): Promise<void> {
    if (Date.now() - this.lastLinkCheck < LINK_CHECK_INTERVAL_MS || this.state.status === 'closed') return
    this.lastLinkCheck = Date.now()
    let code: number | null = null
    try {
      code = await this.checkLink()
    } catch {
      return // the server is unreachable: keep trying
    }
    // The state may have changed while the check was out.
    if (code === null || this.getState().status === 'closed') return
    this.provider.disconnect()
    this.update({ status: 'closed', closeCode: code })
  }

  private isLive(): boolean {
    return this.provider.wsconnected && this.provider.synced
  }

  private bufferedBytes(): number {
    const ws = this.provider.ws
    return ws !== null && ws.readyState === ws.OPEN ? ws.bufferedAmount : 0
  }

  private refresh(): void {
    if (this.state.status === 'closed') return
    const live = this.isLive()
    if (live && this.bufferedBytes() === 0) this.editedWhileDown = false
    let status: ConnectionStatus
    if (live) status = 'connected'
    else if (!navigator.onLine) status = 'offline'
    else if (!this.everSynced) status = this.provider.wsUnsuccessfulReconnects >= 3 ? 'offline' : 'connecting'
    else if (this.downSince !== null && Date.now() - this.downSince >= OFFLINE_AFTER_MS) status = 'offline'
    else status = 'reconnecting'
    // A socket buffer that drains within a moment is normal sending, not worth a warning; one that stays
    // full (stalled wifi) is.
    const stalled = live && this.bufferedSince !== null && Date.now() - this.bufferedSince >= STALLED_AFTER_MS
    this.update({ status, unsynced: this.editedWhileDown || stalled })
  }

  /** Poll the socket's send buffer until it drains; there is no event for that. */
  private watchBuffer(): void {
    if (this.bufferTimer !== undefined) return
    this.bufferTimer = setInterval(() => {
      if (!this.isLive() || this.bufferedBytes() === 0) {
        clearInterval(this.bufferTimer)
        this.bufferTimer = undefined
        this.bufferedSince = null
      }
      this.refresh()
    }, BUFFER_POLL_MS)
  }

  private update(patch: Partial<ConnectionState>): void {
    const next = { ...this.state, ...patch }
    const same =
      next.status === this.state.status &&
      next.unsynced === this.state.unsynced &&
      next.closeCode === this.state.closeCode
    if (same) return
    this.state = next
    this.listeners.forEach((listener) => listener())
  }
}
