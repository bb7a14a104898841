import type { Role } from '@mapboard/protocol'

/** One join link. The token carries the same fields signed; this row is what makes a link revocable. */
export interface LinkRecord {
  id: string
  mapId: string
  role: Role
  /** Milliseconds since the epoch. */
  createdAt: number
  /** Milliseconds since the epoch. */
  expiresAt: number
  /** Milliseconds since the epoch, or null while the link is live. */
  revokedAt: number | null
}

/** Someone who joined a map with one of its links: the roster is made of these. */
export interface ParticipantRecord {
  id: string
  mapId: string
  /** The link they joined with; revoking it ends their access. */
  linkId: string
  role: Role
  name: string
  /** '' for family and viewers. */
  agency: string
  /** Milliseconds since the epoch, of the first join (a rename keeps it). */
  joinedAt: number
}

/**
 * Who may open a map: its links, and the participants who joined through them. One store, because a participant
 * exists only under a link of the same map and a participant token is checked against both rows
 * (tokens/authorizeLink.ts). A map's first links are written with it (`MapCatalog.createMap`).
 */
export interface LinkStore {
  createLink(link: LinkRecord): Promise<void>
  getLink(id: string): Promise<LinkRecord | undefined>
  listLinks(mapId: string): Promise<LinkRecord[]>
  /** Marks a link revoked; resolves false if there is no such link. Revoking twice keeps the first time. */
  revokeLink(id: string, revokedAt: number): Promise<boolean>
  /** Records someone who joined. Fails if the id exists or the link is not the map's. */
  addParticipant(participant: ParticipantRecord): Promise<void>
  getParticipant(id: string): Promise<ParticipantRecord | undefined>
  /** Changes the name and agency someone goes by; resolves false if there is no such participant. */
  renameParticipant(id: string, name: string, agency: string): Promise<boolean>
  /** A map's participants, in the order they joined. */
  listParticipants(mapId: string): Promise<ParticipantRecord[]>
}
