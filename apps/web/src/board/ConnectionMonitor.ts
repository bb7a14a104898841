import type { WebsocketProvider } from 'y-websocket'
import { KEEPALIVE_INTERVAL_MS } from '@mapboard/protocol'

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed'

export interface ConnectionState {
  status: ConnectionStatus
  /** Close code when the server ended the session for good (4400–4499), else null. */
  closeCode: number | null
}

/** After this long without a connection, "reconnecting" becomes "offline" (the provider keeps trying). */
export const OFFLINE_AFTER_MS = 8_000
const LINK_CHECK_INTERVAL_MS = 10_000
/**
 * The server writes to every connection at least every 1.5 keepalive rounds (decision 0009); silence this much
 * longer means the link is gone, even though the socket has not noticed (it would after y-websocket's 30 s).
 */
export const SILENCE_LIMIT_MS = 1.5 * KEEPALIVE_INTERVAL_MS + 1_500
const SILENCE_CHECK_MS = 250

/**
 * Derives what the connection indicator shows from the y-websocket provider's events, and notices a lost link
 * sooner than y-websocket does: when the browser says it is offline, or when the server has been silent for
 * longer than its keepalive allows, the board shows "offline" at once and the provider drops the socket and
 * reconnects (which succeeds as soon as the network is back). What has been saved is `UnsavedChanges`' concern.
 */
export class ConnectionMonitor {
  private state: ConnectionState = { status: 'connecting', closeCode: null }
  private readonly listeners = new Set<() => void>()
  private everSynced = false
  /** The link was found dead (offline, or a silent server) and has not synced since. */
  private lost = false
  private downSince: number | null = null
  private offlineTimer: ReturnType<typeof setTimeout> | undefined
  private readonly silenceTimer: ReturnType<typeof setInterval>
  private readonly cleanups: Array<() => void> = []

  private lastLinkCheck = 0

  /**
   * `checkLink` is asked, when the socket could not even open, whether the link itself is refused; it answers
   * with the close code that would mean (a browser never sees the HTTP status of a refused upgrade).
   */
  constructor(
    private readonly provider: WebsocketProvider,
    private readonly checkLink: () => Promise<number | null> = async () => null,
  ) {
    const onSync = (synced: boolean): void => {
      if (synced) {
        this.everSynced = true
        this.lost = false
        this.downSince = null
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
    const onOffline = (): void => this.linkLost()
    // Back online: try now rather than after the provider's backoff.
    const onOnline = (): void => {
      if (!provider.wsconnected) this.reconnect()
      this.refresh()
    }
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
    window.addEventListener('online', onOnline)
    window.addEventListener('offline', onOffline)
    this.silenceTimer = setInterval(() => {
      if (provider.wsconnected && Date.now() - provider.wsLastMessageReceived > SILENCE_LIMIT_MS)
        this.linkLost()
    }, SILENCE_CHECK_MS)
    this.cleanups.push(
      () => provider.off('sync', onSync),
      () => provider.off('status', onStatus),
      () => provider.off('status', onOpenState),
      () => provider.off('connection-close', onConnectionClose),
      () => provider.off('closed', onClosed),
      () => window.removeEventListener('online', onOnline),
      () => window.removeEventListener('offline', onOffline),
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
    clearInterval(this.silenceTimer)
    this.listeners.clear()
  }

  /** The link is dead though the socket may not know: show it, and make the provider start over. */
  private linkLost(): void {
    if (this.state.status === 'closed') return
    this.lost = true
    if (this.provider.ws !== null) this.reconnect()
    this.refresh()
  }

  private reconnect(): void {
    this.provider.disconnect()
    this.provider.connect()
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

  private refresh(): void {
    if (this.state.status === 'closed') return
    let status: ConnectionStatus
    if (this.isLive()) status = 'connected'
    else if (!navigator.onLine || this.lost) status = 'offline'
    else if (!this.everSynced) status = this.provider.wsUnsuccessfulReconnects >= 3 ? 'offline' : 'connecting'
    else if (this.downSince !== null && Date.now() - this.downSince >= OFFLINE_AFTER_MS) status = 'offline'
    else status = 'reconnecting'
    this.update({ status })
  }

  private update(patch: Partial<ConnectionState>): void {
    const next = { ...this.state, ...patch }
    const same = next.status === this.state.status && next.closeCode === this.state.closeCode
    if (same) return
    this.state = next
    this.listeners.forEach((listener) => listener())
  }
}
