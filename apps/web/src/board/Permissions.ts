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
 *
 * The conference parts follow map-model's conference rules: the chair alone moves the agenda, runs scaling rounds,
 * records the decision and the apologies; the chair and professionals write danger statements, safety goals and
 * next steps; the family (and the chair) the family's view. Each is closed to all but the chair while its section
 * is locked.
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

  /** Agenda, scaling rounds and their reveal, the decision, apologies: the chair's alone. */
  get canRunMeeting(): boolean {
    return this.isChair
  }

  /** Danger statements live in "Future danger". */
  get canWriteDangers(): boolean {
    return this.isChair || (this.me.role === 'professional' && !this.locked.has('future-danger'))
  }

  get canWriteGoals(): boolean {
    return this.isChair || (this.me.role === 'professional' && !this.locked.has('safety-goals'))
  }

  /** The family's view sits beside the danger statement, so the same lock applies. */
  get canWriteFamilyView(): boolean {
    return this.isChair || (this.me.role === 'family' && !this.locked.has('future-danger'))
  }

  get canWriteNextSteps(): boolean {
    return this.isChair || (this.me.role === 'professional' && !this.locked.has('next-steps'))
  }

  /** Whether this participant gives a number in a round: professionals and family, the chair when it says so. */
  canScale(round: { status: 'open' | 'revealed'; chairScales: boolean }): boolean {
    if (round.status !== 'open') return false
    if (this.isChair) return round.chairScales
    return this.me.role === 'professional' || this.me.role === 'family'
  }

  /** Added by this participant. Notes from before authorship was recorded have no author id: only the chair's. */
  owns(note: NoteSnapshot): boolean {
    return note.authorId !== '' && note.authorId === this.me.id
  }
}
