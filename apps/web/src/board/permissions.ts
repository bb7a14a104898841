import type { Role } from '@mapboard/protocol'

/**
 * What the UI offers. These are hints for a calm interface only: the server enforces roles and locks, and
 * reverts anything it refuses. An unknown role (token we cannot read) is offered editing; the server decides.
 */
export function canEditMap(role: Role | null): boolean {
  return role !== 'viewer'
}

export function canEditSection(role: Role | null, locked: boolean): boolean {
  return canEditMap(role) && (!locked || role === 'chair')
}
