import type { NoteSnapshot, ZoneId } from '@mapboard/map-model'
import type { Participant } from '@mapboard/protocol'

/**
 * What the interface offers this participant, given the locked sections. It mirrors the server's rules so the
 * board never invites an edit that would be refused; it enforces nothing (the server reverts what it refuses):
 *
 * - viewers change nothing;
 * - the chair changes everything, locked or not, and is the only one who locks;
 * - professionals and family add to unlocked sections, and edit, move or delete only their own notes, and only
 *   while the note's section (and, for a move, the target section) is unlocked.
 */
export class Permissions {
  private readonly locked: ReadonlySet<ZoneId>

  constructor(
    readonly me: Participant,
    locks: readonly ZoneId[],
  ) {
    this.locked = new Set(locks)
  }

  get isChair(): boolean {
    return this.me.role === 'chair'
  }

  /** Whether this participant changes anything at all (everyone but viewers). */
  get canEdit(): boolean {
    return this.me.role !== 'viewer'
  }

  get canLock(): boolean {
    return this.isChair
  }

  isLocked(zone: ZoneId): boolean {
    return this.locked.has(zone)
  }

  canAddTo(zone: ZoneId): boolean {
    return this.canEdit && (this.isChair || !this.locked.has(zone))
  }

  /** Edit, delete or reorder within its section. */
  canChange(note: NoteSnapshot): boolean {
    if (this.isChair) return true
    return this.canEdit && this.owns(note) && !this.locked.has(note.zone)
  }

  canMove(note: NoteSnapshot, to: ZoneId): boolean {
    return this.canChange(note) && this.canAddTo(to)
  }

  /** Added by this participant. Notes from before authorship was recorded have no author id: only the chair's. */
  owns(note: NoteSnapshot): boolean {
    return note.authorId !== '' && note.authorId === this.me.id
  }
}
