// A modified client: a bare websocket that speaks y-protocols by hand and sends whatever bytes a test builds,
// with a Y.Doc of its own that applies everything the server sends it (so a test can see its view snap back).
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { MessageType } from '@mapboard/protocol'
import type { EditRefusal } from '@mapboard/protocol'
import { connectRawSocket, waitFor } from '@mapboard/test-kit'
import type { RawSocket, SyncServer } from '@mapboard/test-kit'
import { syncStep1Frame, syncStep2Frame, updateFrame } from './frames.ts'

/** Where the server's own updates come from, as seen by the hostile client's doc. */
export const FROM_SERVER = Symbol('from the server')

export type SyncFrameKind = 'update' | 'sync-step-2'

export interface HostileClientOptions {
  /** Start from this doc; a new one by default. */
  doc?: Y.Doc
  /**
   * Write under this Yjs client id (someone else's, for a spoof). Set after the first sync: a Y.Doc that receives
   * content under its own id picks itself a new one.
   */
  clientId?: number
  /**
   * Answer every SyncStep1 the server sends with a SyncStep2 of what its doc has beyond the server's state vector,
   * as a y-websocket client does. Off by default: most tests send exactly the frames they build, nothing else.
   */
  answer?: boolean
}

export class HostileClient {
  readonly doc: Y.Doc
  readonly raw: RawSocket
  /** Every permission-denied reason the server sent, parsed. */
  readonly refusals: EditRefusal[] = []
  /** SyncStep1 frames the server sent: once at the join, and again whenever it asks for missing content. */
  asks = 0
  readonly #answer: boolean

  private constructor(raw: RawSocket, doc: Y.Doc, answer: boolean) {
    this.raw = raw
    this.doc = doc
    this.#answer = answer
    raw.socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) this.#receive(new Uint8Array(data))
    })
  }

  /** Opens the socket and syncs its doc from the server (SyncStep1 → SyncStep2). */
  static async connect(
    server: SyncServer,
    mapId: string,
    token: string,
    options: HostileClientOptions = {},
  ): Promise<HostileClient> {
    const client = new HostileClient(
      connectRawSocket(server, mapId, token),
      options.doc ?? new Y.Doc(),
      options.answer ?? false,
    )
    await client.sync()
    if (options.clientId !== undefined) client.doc.clientID = options.clientId
    return client
  }

  /** Asks for everything the server has and waits until it has arrived. */
  async sync(): Promise<void> {
    let answered = false
    const onAnswer = (data: Buffer) => {
      const frame = new Uint8Array(data)
      if (frame[0] === MessageType.Sync && frame[1] === 1) answered = true
    }
    this.raw.socket.on('message', onAnswer)
    try {
      await this.raw.send(syncStep1Frame(Y.encodeStateVector(this.doc)))
      await waitFor(() => answered, 5000, { message: 'no SyncStep2 from the server' })
    } finally {
      this.raw.socket.off('message', onAnswer)
    }
  }

  /** Sends `update` in a sync Update frame, or in a SyncStep2 (as if answering the server's SyncStep1). */
  async send(update: Uint8Array, as: SyncFrameKind = 'update'): Promise<void> {
    await this.raw.send(as === 'update' ? updateFrame(update) : syncStep2Frame(update))
  }

  /** Runs `edit` on the client's doc and sends what it changed; resolves with the update sent. */
  async edit(edit: (doc: Y.Doc) => void, as: SyncFrameKind = 'update'): Promise<Uint8Array> {
    const before = Y.encodeStateVector(this.doc)
    edit(this.doc)
    const update = Y.encodeStateAsUpdate(this.doc, before)
    await this.send(update, as)
    return update
  }

  /** The close code, once the server closes the socket (fails after 5 s). */
  async closeCode(): Promise<number> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('the server did not close the socket')), 5000)
    })
    try {
      return (await Promise.race([this.raw.closed, timeout])).code
    } finally {
      clearTimeout(timer)
    }
  }

  get open(): boolean {
    return this.raw.socket.readyState === this.raw.socket.OPEN
  }

  close(): void {
    this.raw.socket.terminate()
  }

  #receive(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame)
    const type = decoding.readVarUint(decoder)
    if (type === MessageType.Sync) {
      const step = decoding.readVarUint(decoder)
      const payload = decoding.readVarUint8Array(decoder)
      // SyncStep2 and Update carry an update; a SyncStep1 (the server asking) is answered only if told to.
      if (step === 1 || step === 2) Y.applyUpdate(this.doc, payload, FROM_SERVER)
      else if (step === 0) {
        this.asks++
        if (this.#answer) {
          this.send(Y.encodeStateAsUpdate(this.doc, payload), 'sync-step-2').catch(() => {})
        }
      }
    } else if (type === MessageType.Auth) {
      if (decoding.readVarUint(decoder) !== 0) return // y-protocols: 0 = permission denied
      this.refusals.push(JSON.parse(decoding.readVarString(decoder)) as EditRefusal)
    }
  }
}
