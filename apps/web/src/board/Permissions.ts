import {
  ZONE_IDS,
  mayAddNote,
  mayChangeNote,
  mayChangeWithdrawn,
  mayLock,
  mayMoveNote,
  mayRemoveNote,
  mayShare,
  mayWithdraw,
  mayWrite,
  mayWriteMeta,
  mayWriteRoot,
  audienceOfNoteId,
  owns,
} from '@mapboard/map-model'
import type {
  Audience,
  ClientConferenceRoot,
  NoteSnapshot,
  PolicyActor,
  Verdict,
  ZoneId,
} from '@mapboard/map-model'
import type { Participant } from '@mapboard/protocol'

/**
 * What the interface offers this participant, given the locked sections. Every answer is one of map-model's
 * permission checks (permissions/policy.ts), the same functions the server's gate composes, so the board never
 * invites an edit the server would refuse and never hides one it would accept (Permissions.agreement.test.ts shows
 * it over generated cases). It enforces nothing: the server reverts what it refuses.
 */
export class Permissions {
  /** The sections the rules treat as locked for this participant. */
  private readonly locked: ReadonlySet<ZoneId>
  /** The sections the chair has locked, as the board shows them. */
  private readonly shownLocks: ReadonlySet<ZoneId>
  /** The professionals' document's locks; null where this device has no such document (family, viewers). */
  private readonly restrictedLocked: ReadonlySet<ZoneId> | null
  private readonly actor: PolicyActor

  /**
   * `closedSession`: one lasts now. Nobody but the chair writes in the shared map meanwhile (CLOSED-2), which for
   * everyone else is as if every section were locked, without the board showing them locked.
   *
   * `mapClosed`: the chair has closed the map (READONLY-1): nobody changes anything, the chair included, so the
   * rules are asked as for an observer, who never writes; who this participant is (`isChair`) stays as it is.
   */
  constructor(
    readonly me: Participant,
    locks: readonly ZoneId[],
    restrictedLocks: readonly ZoneId[] | null = null,
    readonly closedSession = false,
    readonly mapClosed = false,
  ) {
    this.shownLocks = new Set(locks)
    this.locked = closedSession && me.role !== 'chair' ? new Set(ZONE_IDS) : this.shownLocks
    this.restrictedLocked = restrictedLocks === null ? null : new Set(restrictedLocks)
    this.actor = { role: mapClosed ? 'viewer' : me.role, participantId: me.id }
  }

  /** Whether this participant may add professionals-only notes (the chair and professionals, AUD-1). */
  get canAddRestricted(): boolean {
    return (
      !this.mapClosed &&
      this.restrictedLocked !== null &&
      (this.me.role === 'chair' || this.me.role === 'professional')
    )
  }

  /** The locks that bind a note of this audience: each document enforces its own (decision 0030). */
  private locksFor(audience: Audience): ReadonlySet<ZoneId> {
    return audience === 'professionals' ? (this.restrictedLocked ?? new Set(ZONE_IDS)) : this.locked
  }

  get isChair(): boolean {
    return this.me.role === 'chair'
  }

  /** Whether this participant changes anything at all (everyone but viewers, VIEW-1). */
  get canEdit(): boolean {
    return mayWrite(this.actor).allowed
  }

  get canLock(): boolean {
    return mayLock(this.actor).allowed
  }

  isLocked(zone: ZoneId): boolean {
    return this.shownLocks.has(zone)
  }

  /**
   * During a closed session a professional adds to the professionals' document only (the shared map is paused for
   * them, CLOSED-2): what they write then is for professionals only.
   */
  get addsRestrictedOnly(): boolean {
    return this.closedSession && this.me.role !== 'chair' && this.canAddRestricted
  }

  /** Where a new note goes unless the person chooses otherwise. */
  get defaultAudience(): Audience {
    return this.addsRestrictedOnly ? 'professionals' : 'shared'
  }

  canAddTo(zone: ZoneId, audience: Audience = this.defaultAudience): boolean {
    if (audience === 'professionals' && !this.canAddRestricted) return false
    return mayAddNote(this.actor, this.locksFor(audience), zone).allowed
  }

  /** Edit, delete or reorder within its section. */
  canChange(note: NoteSnapshot): boolean {
    const locked = this.locksOf(note)
    return (
      this.unlessWithdrawn(note).allowed &&
      mayChangeNote(this.actor, locked, note).allowed &&
      mayRemoveNote(this.actor, locked, note).allowed
    )
  }

  canMove(note: NoteSnapshot, to: ZoneId): boolean {
    return this.whyNotMove(note, to) === null
  }

  /** Why this participant may not move the note there (the rule's own words, as the server would say), or null. */
  whyNotMove(note: NoteSnapshot, to: ZoneId): string | null {
    return (
      refusal(this.unlessWithdrawn(note)) ?? refusal(mayMoveNote(this.actor, this.locksOf(note), note, to))
    )
  }

  /** Why this participant may not remove the note, or null if they may. */
  whyNotRemove(note: NoteSnapshot): string | null {
    return refusal(this.unlessWithdrawn(note)) ?? refusal(mayRemoveNote(this.actor, this.locksOf(note), note))
  }

  /** "Share with the family": a professionals-only note not shared yet, by the chair (SHARE-1). */
  canShare(note: NoteSnapshot): boolean {
    return (
      this.restrictedLocked !== null &&
      audienceOfNoteId(note.id) === 'professionals' &&
      note.sharing === undefined &&
      mayShare(this.actor).allowed
    )
  }

  /** "Withdraw…": a note of the shared map not withdrawn yet, by the chair (WITHDRAW-1). */
  canWithdraw(note: NoteSnapshot): boolean {
    return (
      audienceOfNoteId(note.id) === 'shared' &&
      note.withdrawal === undefined &&
      mayWithdraw(this.actor).allowed
    )
  }

  /** WITHDRAW-2: a withdrawn note is the chair's alone. */
  private unlessWithdrawn(note: NoteSnapshot): Verdict {
    return note.withdrawal === undefined ? { allowed: true } : mayChangeWithdrawn(this.actor)
  }

  private locksOf(note: NoteSnapshot): ReadonlySet<ZoneId> {
    return this.locksFor(audienceOfNoteId(note.id))
  }

  /** Agenda, scaling rounds and their reveal, the decision, apologies: the chair's alone. */
  get canRunMeeting(): boolean {
    return mayWriteMeta(this.actor, ['step']).allowed
  }

  /** Danger statements live in "Future danger". */
  get canWriteDangers(): boolean {
    return this.canWriteRoot('dangers')
  }

  get canWriteGoals(): boolean {
    return this.canWriteRoot('goals')
  }

  /** The family's view sits beside the danger statement, so the same lock applies. */
  get canWriteFamilyView(): boolean {
    return this.canWriteRoot('familyViews')
  }

  get canWriteNextSteps(): boolean {
    return this.canWriteRoot('nextSteps')
  }

  /** Whether this participant gives a number in a round: professionals and family, the chair when it says so. */
  canScale(round: { status: 'open' | 'revealed'; chairScales: boolean }): boolean {
    if (round.status !== 'open' || this.mapClosed) return false
    if (this.isChair) return round.chairScales
    return this.me.role === 'professional' || this.me.role === 'family'
  }

  /** Added by this participant. Notes from before authorship was recorded have no author id: only the chair's. */
  owns(note: NoteSnapshot): boolean {
    return owns({ role: this.me.role, participantId: this.me.id }, note)
  }

  private canWriteRoot(root: ClientConferenceRoot): boolean {
    return mayWriteRoot(this.actor, this.locked, root).allowed
  }
}

function refusal(verdict: Verdict): string | null {
  return verdict.allowed ? null : verdict.message
}
