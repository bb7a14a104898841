// The server's permission rules: map-model's rules (VIEW-1, CHAIR-*, OWN-*, LOCK-*, SHAPE-*, and AUD-* for which
// document a room holds), judged against the connection's verified identity, with a NoteIndex per document for
// what each note was before a transaction.
import type * as Y from 'yjs'
import type { DocumentAudience } from '@mapboard/protocol'
import { NoteIndex, checkTransaction } from '@mapboard/map-model'
import type { Actor } from '@mapboard/map-model'
import type { RulesFactory, UpdateAuthor } from './UpdateGate.ts'

export const permissionRules: RulesFactory = (doc: Y.Doc, audience: DocumentAudience) => {
  // Built from the loaded document, then kept in step by every transaction the gate sees.
  const index = NoteIndex.fromDoc(doc)
  return {
    inspect: (transaction, author) => checkTransaction(transaction, actorOf(author), index, audience),
    observe: (transaction) => index.update(transaction),
  }
}

/** Who the rules see: role and participant from the token, never from anything the client sends. */
export function actorOf(author: UpdateAuthor): Actor {
  const { role, participant } = author.identity
  return { role, participantId: participant.id, name: participant.name, agency: participant.agency }
}
