import { randomBytes } from 'node:crypto'
import type { LinkRecord } from '../storage/LinkStore.ts'
import type { TokenSigner } from './TokenSigner.ts'

/** 96 random bits: link ids appear in tokens and logs, and must not be guessable from one another. */
export function newLinkId(): string {
  return randomBytes(12).toString('base64url')
}

/**
 * The link token of a stored link. Signing is deterministic, so this is the same token every time: the store
 * keeps no tokens, and listing the links gives back the very URLs handed out when they were made.
 */
export function linkToken(signer: TokenSigner, link: LinkRecord): string {
  return signer.sign({
    mapId: link.mapId,
    role: link.role,
    linkId: link.id,
    exp: Math.floor(link.expiresAt / 1000),
  })
}

/**
 * `<origin>/m/<mapId>#<token>`. The token rides in the fragment: browsers never send it to a server or put it
 * in a Referer.
 */
export function linkUrl(origin: string, signer: TokenSigner, link: LinkRecord): string {
  return `${origin}/m/${link.mapId}#${linkToken(signer, link)}`
}
