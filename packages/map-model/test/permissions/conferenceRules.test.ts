// The conference rules (AGENDA-1 … SHAPE-3), each with the allowed case beside the refused one, judged as the server
// judges them: a replica's update applied to the authoritative document.
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import {
  addDangerStatement,
  addNextStep,
  readConference,
  recordDecision,
  removeDangerStatement,
  setApologies,
  setFamilyView,
  setLock,
  setSafetyGoal,
  setStep,
  updateDangerStatement,
  updateNextStep,
  writeAttendance,
  writeScalingRound,
} from '../../src/index.ts'
import type { Actor, DangerStatement, Decision, RecordedBy } from '../../src/index.ts'
import { Server, chair, family, pro, pro2, refusedBy, viewer } from './judge.ts'

function signed(actor: Actor): RecordedBy {
  return { participantId: actor.participantId, name: actor.name, agency: actor.agency }
}

const parts = { who: 'The school', worry: 'Sam misses school', outcome: 'Sam will fall behind' }
const goalParts = {
  parents: 'Sam goes to school every day',
  child: 'Sam enjoys school',
  professionals: 'none',
}
const decision: Omit<Decision, 'recordedAt'> = {
  outcome: 'cp-plan',
  category: 'neglect',
  reasons: 'The worries are serious.',
  agencyViews: [{ agency: 'School', view: 'Agrees with a Child Protection Plan' }],
  dissent: [],
}

/** A server with one danger statement by pro ('d1') with a goal by pro and a view by the family, and a next step. */
function scene(): Server {
  const server = new Server()
  addDangerStatement(server.doc, { ...parts, id: 'd1', createdAt: 3 }, signed(pro))
  setSafetyGoal(server.doc, 'd1', goalParts, signed(pro))
  setFamilyView(server.doc, 'd1', 'We do not agree.', signed(family))
  addNextStep(
    server.doc,
    { what: 'Meet', who: 'Ms Patel', agency: 'School', due: '2026-12-01', id: 's1' },
    signed(pro),
  )
  return server
}

/** A valid danger statement as a command writes it, for writing by hand. */
function danger(id: string, number: number, by: Actor, extra: object = {}): DangerStatement {
  return {
    id,
    ...parts,
    text: 'The school is worried.',
    number,
    createdAt: 5,
    recordedBy: signed(by),
    ...extra,
  }
}

describe('[AGENDA-1] only the chair moves the agenda', () => {
  test.each([pro, family])('[AGENDA-1] a $role cannot move the agenda', (actor) => {
    const server = scene()
    expect(server.judge(actor, (doc) => setStep(doc, 'mapping', { applyDefaultLocks: false }))).toEqual({
      allowed: false,
      rule: 'AGENDA-1',
      message: 'Only the chair can move the meeting to another step.',
    })
    expect(refusedBy(server.judge(actor, (doc) => setStep(doc, 'analysis')))).toBe('AGENDA-1')
  })

  test('[AGENDA-1] the chair moves the agenda, with its default locks', () => {
    const server = scene()
    expect(server.judge(chair, (doc) => setStep(doc, 'analysis'))).toEqual({ allowed: true })
    expect(readConference(server.doc).step).toBe('analysis')
  })
})

describe('[DECISION-1] only the chair records the decision', () => {
  test.each([pro, family])('[DECISION-1] a $role cannot record the decision', (actor) => {
    const server = scene()
    expect(refusedBy(server.judge(actor, (doc) => recordDecision(doc, decision, 10)))).toBe('DECISION-1')
  })

  test('[DECISION-1] the chair records the decision', () => {
    const server = scene()
    expect(server.judge(chair, (doc) => recordDecision(doc, decision, 10))).toEqual({ allowed: true })
    expect(readConference(server.doc).decision).toEqual({ ...decision, recordedAt: 10 })
  })
})

describe('[ROSTER-1] only the chair marks apologies', () => {
  const apologies = [{ name: 'Dr Khan', role: 'professional' as const, agency: 'GP surgery' }]

  test('[ROSTER-1] a professional or family member cannot mark apologies; the chair can', () => {
    const server = scene()
    expect(refusedBy(server.judge(pro, (doc) => setApologies(doc, apologies)))).toBe('ROSTER-1')
    expect(refusedBy(server.judge(family, (doc) => setApologies(doc, apologies)))).toBe('ROSTER-1')
    expect(server.judge(chair, (doc) => setApologies(doc, apologies))).toEqual({ allowed: true })
  })
})

describe('[DANGER-1] danger statements: chair and professionals, at most four, bound by the future-danger lock', () => {
  test('[DANGER-1] a family member cannot add or remove a danger statement; a professional and the chair can', () => {
    const server = scene()
    const add = (actor: Actor) => (doc: Y.Doc) => addDangerStatement(doc, parts, signed(actor))
    expect(server.judge(family, add(family))).toEqual({
      allowed: false,
      rule: 'DANGER-1',
      message: 'Only the chair and professionals can write danger statements.',
    })
    expect(refusedBy(server.judge(family, (doc) => removeDangerStatement(doc, 'd1')))).toBe('DANGER-1')
    expect(server.judge(pro, add(pro))).toEqual({ allowed: true })
    expect(server.judge(chair, add(chair))).toEqual({ allowed: true })
  })

  test('[DANGER-1] a fifth statement is refused; the fourth is not', () => {
    const server = scene()
    addDangerStatement(server.doc, parts, signed(pro))
    addDangerStatement(server.doc, parts, signed(pro))
    const write = (id: string) => (doc: Y.Doc) => doc.getMap('dangers').set(id, danger(id, 4, pro))
    expect(server.judge(pro, write('d4'))).toEqual({ allowed: true })
    expect(server.judge(chair, (doc) => doc.getMap('dangers').set('d5', danger('d5', 4, chair)))).toEqual({
      allowed: false,
      rule: 'DANGER-1',
      message: 'A map has at most 4 danger statements.',
    })
  })

  test('[DANGER-1] while Future danger is locked only the chair writes statements', () => {
    const server = scene()
    setLock(server.doc, 'future-danger', true)
    const edit = (actor: Actor) => (doc: Y.Doc) =>
      updateDangerStatement(doc, 'd1', { who: 'The school and the GP' }, signed(actor))
    expect(server.judge(pro, edit(pro))).toEqual({
      allowed: false,
      rule: 'DANGER-1',
      message: 'Future danger is locked by the chair.',
    })
    expect(refusedBy(server.judge(pro, (doc) => removeDangerStatement(doc, 'd1')))).toBe('DANGER-1')
    expect(server.judge(chair, edit(chair))).toEqual({ allowed: true })
  })

  test('[DANGER-1] removing a statement takes its goal and the family’s view with it', () => {
    const server = scene()
    expect(server.judge(pro, (doc) => removeDangerStatement(doc, 'd1'))).toEqual({ allowed: true })
    const snapshot = readConference(server.doc)
    expect([snapshot.dangers, snapshot.goals, snapshot.familyViews]).toEqual([[], {}, {}])
  })
})

describe('[DANGER-2] safety goals: chair and professionals, paired with a statement, bound by their lock', () => {
  test('[DANGER-2] a family member cannot write a safety goal; a professional can', () => {
    const server = scene()
    const set = (actor: Actor) => (doc: Y.Doc) =>
      setSafetyGoal(doc, 'd1', { ...goalParts, child: 'safe' }, signed(actor))
    expect(refusedBy(server.judge(family, set(family)))).toBe('DANGER-2')
    expect(refusedBy(server.judge(family, (doc) => doc.getMap('goals').delete('d1')))).toBe('DANGER-2')
    expect(server.judge(pro2, set(pro2))).toEqual({ allowed: true })
  })

  test('[DANGER-2] a goal must sit under an existing danger statement', () => {
    const server = scene()
    const goal = { dangerId: 'nope', ...goalParts, text: 'Goal.', recordedBy: signed(pro) }
    expect(server.judge(pro, (doc) => doc.getMap('goals').set('nope', goal))).toEqual({
      allowed: false,
      rule: 'DANGER-2',
      message: 'A safety goal must pair with an existing danger statement.',
    })
    expect(server.judge(pro, (doc) => doc.getMap('goals').set('d1', { ...goal, dangerId: 'd1' }))).toEqual({
      allowed: true,
    })
  })

  test('[DANGER-2] while Safety goals is locked only the chair writes goals', () => {
    const server = scene()
    setLock(server.doc, 'safety-goals', true)
    const set = (actor: Actor) => (doc: Y.Doc) => setSafetyGoal(doc, 'd1', goalParts, signed(actor))
    expect(server.judge(pro2, set(pro2))).toEqual({
      allowed: false,
      rule: 'DANGER-2',
      message: 'Safety goals is locked by the chair.',
    })
    expect(server.judge(chair, set(chair))).toEqual({ allowed: true })
  })
})

describe("[FAMILY-1] the family's view: family and chair, of an existing statement, bound by the future-danger lock", () => {
  test('[FAMILY-1] a professional cannot record the family’s view; the family and the chair can', () => {
    const server = scene()
    const set = (actor: Actor) => (doc: Y.Doc) =>
      setFamilyView(doc, 'd1', 'We see it differently.', signed(actor))
    expect(refusedBy(server.judge(pro, set(pro)))).toBe('FAMILY-1')
    expect(refusedBy(server.judge(pro, (doc) => setFamilyView(doc, 'd1', '', signed(pro))))).toBe('FAMILY-1')
    expect(server.judge(family, set(family))).toEqual({ allowed: true })
    expect(server.judge(chair, set(chair))).toEqual({ allowed: true })
    expect(server.judge(family, (doc) => setFamilyView(doc, 'd1', ' ', signed(family)))).toEqual({
      allowed: true,
    })
  })

  test('[FAMILY-1] the view must be of an existing statement, and Future danger’s lock binds the family', () => {
    const server = scene()
    const view = { dangerId: 'gone', text: 'No.', recordedBy: signed(family) }
    expect(refusedBy(server.judge(family, (doc) => doc.getMap('familyViews').set('gone', view)))).toBe(
      'FAMILY-1',
    )
    setLock(server.doc, 'future-danger', true)
    const set = (actor: Actor) => (doc: Y.Doc) => setFamilyView(doc, 'd1', 'Changed.', signed(actor))
    expect(server.judge(family, set(family))).toEqual({
      allowed: false,
      rule: 'FAMILY-1',
      message: 'Future danger is locked by the chair.',
    })
    expect(server.judge(chair, set(chair))).toEqual({ allowed: true })
  })
})

describe('[PLAN-1] next steps: chair and professionals, bound by the next-steps lock', () => {
  const step = { what: 'Home visit', who: 'Ms Patel', agency: 'School', due: '2026-12-10' }

  test('[PLAN-1] a family member cannot write next steps; a professional can, and can mark one done', () => {
    const server = scene()
    expect(refusedBy(server.judge(family, (doc) => addNextStep(doc, step, signed(family))))).toBe('PLAN-1')
    expect(
      refusedBy(server.judge(family, (doc) => updateNextStep(doc, 's1', { done: true }, signed(family)))),
    ).toBe('PLAN-1')
    expect(server.judge(pro, (doc) => addNextStep(doc, step, signed(pro)))).toEqual({ allowed: true })
    expect(server.judge(pro2, (doc) => updateNextStep(doc, 's1', { done: true }, signed(pro2)))).toEqual({
      allowed: true,
    })
  })

  test('[PLAN-1] while Next steps is locked only the chair writes them', () => {
    const server = scene()
    setLock(server.doc, 'next-steps', true)
    expect(server.judge(pro, (doc) => addNextStep(doc, step, signed(pro)))).toEqual({
      allowed: false,
      rule: 'PLAN-1',
      message: 'Next steps is locked by the chair.',
    })
    expect(server.judge(chair, (doc) => addNextStep(doc, step, signed(chair)))).toEqual({ allowed: true })
  })
})

describe('[SERVER-1] only the server writes scaling and attendance', () => {
  const round = {
    id: 'r1',
    subject: { kind: 'overall' as const },
    chairScales: false,
    status: 'open' as const,
    openedAt: 20,
    count: 0,
    revealedAt: null,
    results: [],
  }
  const attendance = {
    ...signed(pro),
    role: 'professional' as const,
    joinedAt: 21,
    present: true,
    leftAt: null,
  }

  test.each([chair, pro, family])('[SERVER-1] a $role cannot write scaling or attendance', (actor) => {
    const server = scene()
    expect(server.judge(actor, (doc) => writeScalingRound(doc, round))).toEqual({
      allowed: false,
      rule: 'SERVER-1',
      message: 'Scaling and attendance are recorded by the server, not by hand.',
    })
    expect(refusedBy(server.judge(actor, (doc) => writeAttendance(doc, attendance)))).toBe('SERVER-1')
  })

  test('[SERVER-1] the server writes them; clients cannot delete them, and other writes still pass', () => {
    const server = scene()
    writeScalingRound(server.doc, round)
    writeAttendance(server.doc, attendance)
    expect(refusedBy(server.judge(chair, (doc) => doc.getMap('attendance').delete('pro-1')))).toBe('SERVER-1')
    expect(refusedBy(server.judge(chair, (doc) => doc.getMap('scaling').delete('r1')))).toBe('SERVER-1')
    expect(server.judge(chair, (doc) => setStep(doc, 'scaling'))).toEqual({ allowed: true })
    const snapshot = readConference(server.doc)
    expect([snapshot.rounds.length, snapshot.attendance.length]).toEqual([1, 1])
  })
})

describe('[OWN-3] every recordedBy is the writer’s own', () => {
  test('[OWN-3] an entry signed with someone else’s name is refused, for the chair too', () => {
    const server = scene()
    expect(server.judge(pro, (doc) => addDangerStatement(doc, parts, signed(pro2)))).toEqual({
      allowed: false,
      rule: 'OWN-3',
      message: 'Every entry must carry your own name.',
    })
    expect(
      refusedBy(
        server.judge(pro, (doc) => addDangerStatement(doc, parts, { ...signed(pro), agency: 'Police' })),
      ),
    ).toBe('OWN-3')
    expect(refusedBy(server.judge(chair, (doc) => setFamilyView(doc, 'd1', 'Theirs.', signed(family))))).toBe(
      'OWN-3',
    )
    expect(server.judge(pro, (doc) => addDangerStatement(doc, parts, signed(pro)))).toEqual({ allowed: true })
  })

  test('[OWN-3] editing another person’s entry signs it anew; keeping their signature is refused', () => {
    const server = scene()
    const keep = (doc: Y.Doc) => {
      const before = doc.getMap('dangers').get('d1') as DangerStatement
      doc.getMap('dangers').set('d1', { ...before, text: 'Reworded.' })
    }
    expect(refusedBy(server.judge(pro2, keep))).toBe('OWN-3')
    expect(
      server.judge(pro2, (doc) => updateDangerStatement(doc, 'd1', { text: 'Reworded.' }, signed(pro2))),
    ).toEqual({
      allowed: true,
    })
    expect(readConference(server.doc).dangers[0]?.recordedBy).toEqual(signed(pro2))
  })
})

describe('[SHAPE-3] every conference value is valid as written', () => {
  test('[SHAPE-3] meta.step is a known step, meta.decision a valid decision, apologies valid', () => {
    const server = scene()
    const meta = (key: string, value: unknown) => (doc: Y.Doc) => doc.getMap('meta').set(key, value)
    expect(server.judge(chair, meta('step', 'lunch'))).toMatchObject({ allowed: false, rule: 'SHAPE-3' })
    expect(
      refusedBy(server.judge(chair, meta('decision', { ...decision, recordedAt: 1, category: null }))),
    ).toBe('SHAPE-3')
    expect(
      refusedBy(server.judge(chair, meta('decision', { ...decision, recordedAt: 1, outcome: 'no-plan' }))),
    ).toBe('SHAPE-3')
    expect(refusedBy(server.judge(chair, meta('apologies', [{ name: 'X', role: 'boss', agency: '' }])))).toBe(
      'SHAPE-3',
    )
    expect(
      refusedBy(server.judge(chair, meta('apologies', [{ name: ' X', role: 'family', agency: '' }]))),
    ).toBe('SHAPE-3')
    expect(server.judge(chair, meta('step', 'decision'))).toEqual({ allowed: true })
    expect(server.judge(chair, meta('decision', { ...decision, recordedAt: 1 }))).toEqual({ allowed: true })
    expect(server.judge(chair, meta('apologies', [{ name: 'X', role: 'family', agency: '' }]))).toEqual({
      allowed: true,
    })
  })

  test('[SHAPE-3] entries are exactly as a command writes them, under their own id', () => {
    const server = scene()
    const write = (root: string, key: string, value: unknown) => (doc: Y.Doc) =>
      doc.getMap(root).set(key, value)
    expect(
      refusedBy(server.judge(pro, write('dangers', 'd2', danger('d2', 2, pro, { text: ' Untrimmed' })))),
    ).toBe('SHAPE-3')
    expect(
      refusedBy(server.judge(pro, write('dangers', 'd2', danger('d2', 2, pro, { colour: 'red' })))),
    ).toBe('SHAPE-3')
    expect(refusedBy(server.judge(pro, write('dangers', 'd2', danger('d3', 2, pro))))).toBe('SHAPE-3')
    expect(refusedBy(server.judge(pro, write('dangers', 'd2', danger('d2', 5, pro))))).toBe('SHAPE-3')
    expect(refusedBy(server.judge(pro, write('dangers', 'd2', 'just text')))).toBe('SHAPE-3')
    const step = readConference(server.doc).nextSteps[0]
    expect(refusedBy(server.judge(pro, write('nextSteps', 's1', { ...step, due: '2026-02-30' })))).toBe(
      'SHAPE-3',
    )
    expect(refusedBy(server.judge(pro, write('nextSteps', 's1', { ...step, done: 'yes' })))).toBe('SHAPE-3')
    expect(server.judge(pro, write('dangers', 'd2', danger('d2', 2, pro)))).toEqual({ allowed: true })
    expect(server.judge(pro, write('nextSteps', 's1', { ...step, done: true }))).toEqual({ allowed: true })
  })
})

describe('[SHAPE-2] the conference roots hold plain values only', () => {
  test('[SHAPE-2] a Y type written into a conference root is refused, and a change inside one', () => {
    const server = scene()
    expect(refusedBy(server.judge(chair, (doc) => doc.getMap('dangers').set('d2', new Y.Map())))).toBe(
      'SHAPE-2',
    )
    expect(refusedBy(server.judge(pro, (doc) => doc.getMap('nextSteps').set('s2', new Y.Array())))).toBe(
      'SHAPE-2',
    )
    const nested = new Y.Map<unknown>()
    server.doc.getMap('goals').set('odd', nested)
    expect(
      refusedBy(server.judge(chair, (doc) => (doc.getMap('goals').get('odd') as Y.Map<unknown>).set('a', 1))),
    ).toBe('SHAPE-2')
  })
})

describe('[VIEW-1] viewers change no conference part either', () => {
  test('[VIEW-1] a viewer adding a danger statement is refused', () => {
    const server = scene()
    expect(refusedBy(server.judge(viewer, (doc) => addDangerStatement(doc, parts, signed(viewer))))).toBe(
      'VIEW-1',
    )
  })
})
