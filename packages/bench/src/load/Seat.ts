import type { Role } from '@mapboard/protocol'

/** One client's place in a room: its role, and on Mapboard the token and participant it connects as. */
export interface Seat {
  role: Role
  /** Display name (Mapboard stamps notes with it). */
  name: string
  /** Professionals' agency; '' otherwise. */
  agency: string
  /** Participant id: on Mapboard the one the server gave when the seat joined; elsewhere made up alike. */
  participantId: string
  /** Mapboard only: participant token (or link token where the server has no join endpoint). */
  token?: string
}

/** Roles for a room of `size` clients with `writers` writers: a chair, the writing professionals, then family and viewers. */
export function seatRoles(size: number, writers: number): Role[] {
  const roles: Role[] = []
  for (let i = 0; i < size; i++) {
    if (i === 0) roles.push('chair')
    else if (i <= writers) roles.push('professional')
    else roles.push(i % 2 === 0 ? 'family' : 'viewer')
  }
  return roles
}
