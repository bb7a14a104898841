import type { JoinResponse, TokenClaims } from '@mapboard/protocol'

/** The author fields a note must carry (map-model's rule OWN-1) to be accepted from a connection. */
export interface NoteAuthor {
  authorId: string
  author: string
  agency: string
}

/**
 * The author fields of whoever connects with `token`, for `addNote(doc, { ...noteAuthor(token), … })`: a
 * JoinResponse's participant, the participant in a participant token, or — for a bare link token — the anonymous
 * participant the server makes of it (`link-<linkId>`, no name, no agency).
 */
export function noteAuthor(token: string | JoinResponse): NoteAuthor {
  if (typeof token !== 'string') {
    const { id, name, agency } = token.participant
    return { authorId: id, author: name, agency }
  }
  const [payload = ''] = token.split('.')
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims
  if (claims.participant !== undefined) {
    const { id, name, agency } = claims.participant
    return { authorId: id, author: name, agency }
  }
  return { authorId: `link-${claims.linkId}`, author: '', agency: '' }
}
