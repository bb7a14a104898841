import { describe, expect, it } from 'vitest'
import type { NoteSnapshot, ZoneId } from '@mapboard/map-model'
import type { Participant, Role } from '@mapboard/protocol'
import { Permissions } from './Permissions.ts'

const person = (role: Role, id = `${role}-1`): Participant => ({ id, name: id, role, agency: '' })

const note = (zone: ZoneId, authorId: string): NoteSnapshot => ({
  id: `n-${zone}-${authorId}`,
  zone,
  text: 'A note',
  kind: 'observation',
  source: '',
  author: authorId,
  authorId,
  agency: '',
  createdAt: 0,
  receivedAt: 0,
  order: 'a0',
  colour: 'pink',
})

describe('Permissions (what the board offers)', () => {
  const locks: ZoneId[] = ['past-harm']

  it('offers a viewer nothing', () => {
    const viewer = new Permissions(person('viewer'), [])
    expect(viewer.canEdit).toBe(false)
    expect(viewer.canAddTo('future-danger')).toBe(false)
    expect(viewer.canChange(note('future-danger', 'viewer-1'))).toBe(false)
    expect(viewer.canLock).toBe(false)
  })

  it('offers the chair everything, locked or not', () => {
    const chair = new Permissions(person('chair'), locks)
    expect(chair.canAddTo('past-harm')).toBe(true)
    expect(chair.canChange(note('past-harm', 'someone-else'))).toBe(true)
    expect(chair.canMove(note('future-danger', 'someone-else'), 'past-harm')).toBe(true)
    expect(chair.canLock).toBe(true)
  })

  for (const role of ['professional', 'family'] as const) {
    it(`offers ${role} adding to unlocked sections and changing only their own notes there`, () => {
      const me = new Permissions(person(role), locks)
      expect(me.canAddTo('future-danger')).toBe(true)
      expect(me.canAddTo('past-harm')).toBe(false)
      expect(me.canChange(note('future-danger', `${role}-1`))).toBe(true)
      expect(me.canChange(note('future-danger', 'someone-else'))).toBe(false)
      expect(me.canChange(note('future-danger', ''))).toBe(false)
      expect(me.canChange(note('past-harm', `${role}-1`))).toBe(false)
      expect(me.canMove(note('future-danger', `${role}-1`), 'complicating-factors')).toBe(true)
      expect(me.canMove(note('future-danger', `${role}-1`), 'past-harm')).toBe(false)
      expect(me.canLock).toBe(false)
    })
  }
})

describe('Permissions for the conference parts', () => {
  const open = { status: 'open' as const, chairScales: false }

  it('gives the chair the agenda, the reveal and the decision, and every part even when locked', () => {
    const chair = new Permissions(person('chair'), ['future-danger', 'safety-goals', 'next-steps'])
    expect(chair.canRunMeeting).toBe(true)
    expect(chair.canWriteDangers).toBe(true)
    expect(chair.canWriteGoals).toBe(true)
    expect(chair.canWriteFamilyView).toBe(true)
    expect(chair.canWriteNextSteps).toBe(true)
    expect(chair.canScale(open)).toBe(false)
    expect(chair.canScale({ ...open, chairScales: true })).toBe(true)
  })

  it('lets professionals write dangers, goals and next steps while their sections are unlocked', () => {
    const free = new Permissions(person('professional'), [])
    expect(free.canRunMeeting).toBe(false)
    expect(free.canWriteDangers && free.canWriteGoals && free.canWriteNextSteps).toBe(true)
    expect(free.canWriteFamilyView).toBe(false)
    expect(free.canScale(open)).toBe(true)
    const locked = new Permissions(person('professional'), ['future-danger', 'safety-goals', 'next-steps'])
    expect(locked.canWriteDangers || locked.canWriteGoals || locked.canWriteNextSteps).toBe(false)
  })

  it("lets the family record the family's view and scale, and nothing the professionals write", () => {
    const family = new Permissions(person('family'), [])
    expect(family.canWriteFamilyView).toBe(true)
    expect(family.canWriteDangers || family.canWriteGoals || family.canWriteNextSteps).toBe(false)
    expect(family.canScale(open)).toBe(true)
    expect(family.canScale({ ...open, status: 'revealed' })).toBe(false)
    expect(new Permissions(person('family'), ['future-danger']).canWriteFamilyView).toBe(false)
  })

  it('offers a viewer none of it', () => {
    const viewer = new Permissions(person('viewer'), [])
    expect(viewer.canRunMeeting || viewer.canWriteDangers || viewer.canWriteFamilyView).toBe(false)
    expect(viewer.canScale({ status: 'open', chairScales: true })).toBe(false)
  })

  it('says why a note may not be removed or moved, in the words the server uses', () => {
    const locks: ZoneId[] = ['past-harm']
    const professional = new Permissions(person('professional'), locks)
    expect(professional.whyNotRemove(note('future-danger', 'professional-1'))).toBeNull()
    expect(professional.whyNotRemove(note('future-danger', 'someone-else'))).toBe(
      'You can only remove your own notes.',
    )
    expect(professional.whyNotRemove(note('past-harm', 'professional-1'))).toBe(
      'Past harm is locked by the chair.',
    )
    expect(professional.whyNotMove(note('future-danger', 'professional-1'), 'next-steps')).toBeNull()
    expect(professional.whyNotMove(note('future-danger', 'professional-1'), 'past-harm')).toBe(
      'Past harm is locked by the chair.',
    )
    expect(new Permissions(person('chair'), locks).whyNotRemove(note('past-harm', 'someone-else'))).toBeNull()
  })
})

describe('Permissions during a closed session (CLOSED-2)', () => {
  it('offers a professional adding for professionals only, the chair the shared map, the family nothing', () => {
    const professional = new Permissions(person('professional'), [], [], true)
    expect(professional.addsRestrictedOnly).toBe(true)
    expect(professional.canAddTo('past-harm')).toBe(true)
    expect(professional.canAddTo('past-harm', 'shared')).toBe(false)
    expect(professional.isLocked('past-harm')).toBe(false)
    expect(professional.canChange(note('past-harm', 'professional-1'))).toBe(false)

    const chair = new Permissions(person('chair'), [], [], true)
    expect(chair.addsRestrictedOnly).toBe(false)
    expect(chair.canAddTo('past-harm', 'shared')).toBe(true)

    const family = new Permissions(person('family'), [], null, true)
    expect(family.canAddTo('past-harm')).toBe(false)

    const after = new Permissions(person('professional'), [], [], false)
    expect(after.addsRestrictedOnly).toBe(false)
    expect(after.canAddTo('past-harm', 'shared')).toBe(true)
  })
})

describe('Permissions on a closed map (READONLY-1)', () => {
  it('offers nobody any change, the chair included, and still knows who the chair is', () => {
    for (const role of ['chair', 'professional', 'family'] as const) {
      const closed = new Permissions(person(role), [], role === 'family' ? null : [], false, true)
      expect(closed.canEdit, role).toBe(false)
      expect(closed.canAddTo('past-harm'), role).toBe(false)
      expect(closed.canAddTo('past-harm', 'professionals'), role).toBe(false)
      expect(closed.canChange(note('past-harm', `${role}-1`)), role).toBe(false)
      expect(closed.canMove(note('past-harm', `${role}-1`), 'next-steps'), role).toBe(false)
      expect(closed.canLock, role).toBe(false)
      expect(closed.canRunMeeting, role).toBe(false)
      expect(closed.canWriteNextSteps, role).toBe(false)
      expect(closed.canScale({ status: 'open', chairScales: true }), role).toBe(false)
      expect(closed.owns(note('past-harm', `${role}-1`)), role).toBe(true)
    }
    expect(new Permissions(person('chair'), [], [], false, true).isChair).toBe(true)
    const reopened = new Permissions(person('chair'), [], [], false, false)
    expect(reopened.canAddTo('past-harm')).toBe(true)
    expect(reopened.canLock).toBe(true)
  })
})

describe('Permissions: sharing with the family and withdrawing (SHARE-1, WITHDRAW-1, WITHDRAW-2)', () => {
  const restricted: NoteSnapshot = { ...note('past-harm', 'professional-1'), id: 'p-restricted' }
  const shared = note('past-harm', 'professional-1')
  const withdrawal = { at: 1, by: 'chair-1', reason: 'Wrong family' }

  it('offers "Share with the family" to the chair on a restricted note not shared yet, and to nobody else', () => {
    const chair = new Permissions(person('chair'), [], [])
    expect(chair.canShare(restricted)).toBe(true)
    expect(chair.canShare({ ...restricted, sharing: { at: 1, by: 'chair-1', as: 'Abc' } })).toBe(false)
    expect(chair.canShare(shared)).toBe(false)
    expect(new Permissions(person('professional'), [], []).canShare(restricted)).toBe(false)
    expect(new Permissions(person('family'), []).canShare(restricted)).toBe(false)
  })

  it('offers "Withdraw…" to the chair on a shared note not withdrawn yet, and to nobody else', () => {
    const chair = new Permissions(person('chair'), [], [])
    expect(chair.canWithdraw(shared)).toBe(true)
    expect(chair.canWithdraw({ ...shared, withdrawal })).toBe(false)
    expect(chair.canWithdraw(restricted)).toBe(false)
    expect(new Permissions(person('professional'), [], []).canWithdraw(shared)).toBe(false)
    expect(new Permissions(person('family'), []).canWithdraw(note('past-harm', 'family-1'))).toBe(false)
  })

  it('a withdrawn note is the chair’s alone: its author may no longer change, move or remove it', () => {
    const author = new Permissions(person('professional'), [], [])
    expect(author.canChange(shared)).toBe(true)
    expect(author.canChange({ ...shared, withdrawal })).toBe(false)
    expect(author.canMove({ ...shared, withdrawal }, 'future-danger')).toBe(false)
    expect(author.whyNotRemove({ ...shared, withdrawal })).toMatch(/withdrawn by the chair/)
    expect(new Permissions(person('chair'), [], []).canChange({ ...shared, withdrawal })).toBe(true)
  })
})
