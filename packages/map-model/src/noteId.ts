// Note ids: 16 characters from a 64-letter URL-safe alphabet = 96 random bits, so replicas that create notes
// at the same moment never collide and an id can go into a URL or a DOM id unescaped. Ids of the professionals'
// document carry a prefix of their own (audience.ts), which a shared note's id never starts with.
import { PROFESSIONALS_NOTE_PREFIX } from './audience.ts'
import type { Audience } from './audience.ts'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const LENGTH = 16

export function createNoteId(audience: Audience = 'shared'): string {
  const id = randomId()
  if (audience === 'professionals') return PROFESSIONALS_NOTE_PREFIX + id
  // One in 4,096 random ids starts like a professionals' one; draw again (the rules would refuse it, AUD-3).
  return id.startsWith(PROFESSIONALS_NOTE_PREFIX) ? createNoteId(audience) : id
}

function randomId(): string {
  // Web Crypto is global in browsers and Node >= 19; no node import keeps this package isomorphic.
  const bytes = crypto.getRandomValues(new Uint8Array(LENGTH))
  let id = ''
  // 256 is a multiple of 64, so `& 63` keeps every letter equally likely.
  for (const byte of bytes) id += ALPHABET[byte & 63]
  return id
}
