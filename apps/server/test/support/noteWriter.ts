// A y-websocket client that keeps adding notes (and, if asked, editing its own), numbered in the order it wrote
// them, so a test can tell which of one writer's edits a stored state holds.
import { addNote, readMap, updateNote } from '@mapboard/map-model'
import { connectClient, noteAuthor } from '@mapboard/test-kit'
import type { SyncServer, TestClient } from '@mapboard/test-kit'

export interface NoteWriter {
  readonly client: TestClient
  /** Notes added so far. */
  readonly added: number
  /** Stops writing and stays connected, so what it wrote can still reach the server. */
  pause(): void
  /** Stops writing and disconnects. */
  stop(): void
}

export interface NoteWriterOptions {
  /** Every note's text is `<label> #<n>`, n from 1. */
  label: string
  intervalMs: number
  /** After each add, the chance of also editing one of its own earlier notes (default 0). */
  editChance?: number
  random?: () => number
}

/** `<label> #<n>` (an edit appends to it) → label and n. */
export function parseNoteText(text: string): { label: string; n: number } | undefined {
  const match = /^(.*) #(\d+)/.exec(text)
  return match?.[1] === undefined || match[2] === undefined
    ? undefined
    : { label: match[1], n: Number(match[2]) }
}

/** Connects with `token` and, once synced, writes every `intervalMs` until stopped. */
export function startNoteWriter(
  server: SyncServer,
  mapId: string,
  token: string,
  options: NoteWriterOptions,
): NoteWriter {
  const client = connectClient(server, mapId, token, { maxBackoffTime: 100 })
  const author = noteAuthor(token)
  const random = options.random ?? Math.random
  const mine: string[] = []
  let added = 0
  let timer: ReturnType<typeof setInterval> | undefined
  let stopped = false
  void client.synced.then(
    () => {
      if (stopped) return
      timer = setInterval(() => {
        added++
        mine.push(addNote(client.doc, { zone: 'past-harm', text: `${options.label} #${added}`, ...author }))
        if (random() < (options.editChance ?? 0)) {
          const id = mine[Math.floor(random() * mine.length)]
          const note = readMap(client.doc).notes.find((candidate) => candidate.id === id)
          if (id !== undefined && note !== undefined)
            updateNote(client.doc, id, { text: `${note.text} edited` })
        }
      }, options.intervalMs)
    },
    () => {},
  )
  return {
    client,
    get added() {
      return added
    },
    pause() {
      stopped = true
      clearInterval(timer)
    },
    stop() {
      this.pause()
      client.destroy()
    },
  }
}
