// What answers a fresh joiner (empty state vector) at once: the whole *stored* document, encoded when nothing
// applied was unstored, and the batches stored since, folded into it at the next fresh join. A joiner answered from
// it has everything stored and gets every later batch as a broadcast, and never sees anything unstored — so a join
// storm is answered without waiting for the joiners' own attendance to be written, and the ~15 ms encoding of a
// 2,000-note map is not repeated per joiner.
import * as Y from 'yjs'
import { encodeSyncStep2 } from './syncMessages.ts'

/** Stored batches kept to fold into the cached state before that state is encoded afresh instead. */
const MAX_BATCHES_AFTER_STATE = 64

interface JoinerAnswer {
  state: Uint8Array
  frame: Uint8Array
  since: Uint8Array[]
}

export class JoinerCache {
  readonly #doc: Y.Doc
  #answer: JoinerAnswer | null = null

  constructor(doc: Y.Doc) {
    this.#doc = doc
  }

  /** Whether a fresh joiner can be answered from the cache without looking at the document. */
  get ready(): boolean {
    return this.#answer !== null
  }

  /**
   * The SyncStep2 frame for a fresh joiner. Only when the cache is empty is the document encoded: the caller makes
   * sure it then holds nothing unstored.
   */
  frame(): Uint8Array {
    const answer = (this.#answer ??= this.#encode())
    if (answer.since.length > 0) {
      answer.state = Y.mergeUpdates([answer.state, ...answer.since])
      answer.frame = encodeSyncStep2(answer.state)
      answer.since = []
    }
    return answer.frame
  }

  /** A batch was stored (and is being broadcast): joiners from now on get it too. */
  stored(update: Uint8Array): void {
    const answer = this.#answer
    // Past a few dozen batches the state is encoded afresh at the next join instead.
    if (answer !== null && answer.since.length < MAX_BATCHES_AFTER_STATE) answer.since.push(update)
    else this.#answer = null
  }

  #encode(): JoinerAnswer {
    const state = Y.encodeStateAsUpdate(this.#doc)
    return { state, frame: encodeSyncStep2(state), since: [] }
  }
}
