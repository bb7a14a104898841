// The board's predictions against the server's verdicts. Each generated case sets a scene (who acts, which sections
// are locked, whose note is on the map), asks the board's Permissions whether it would offer an action, then makes
// that action with the board's own commands on a replica and judges the resulting update exactly as the server's
// gate does (checkTransaction in afterTransaction, against the index of the document before). The two must agree in
// every case, and every permission rule must be seen both allowing and refusing, or the cases prove nothing.
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  NoteIndex,
  ROOT_TYPE_NAMES,
  ZONE_IDS,
  addDangerStatement,
  addNote,
  checkTransaction,
  composeDangerStatement,
  composeSafetyGoal,
  initMap,
  readMap,
  setLock,
} from '@mapboard/map-model'
import type { Actor, NoteSnapshot, RuleId, Verdict, ZoneId } from '@mapboard/map-model'
import type { Participant, Role } from '@mapboard/protocol'
import { createRng } from '@mapboard/test-kit'
import type { Rng } from '@mapboard/test-kit'
import { createConferenceCommands } from './ConferenceCommands.ts'
import { createBoardCommands } from './BoardCommands.ts'
import { createLocalOrigin } from './LocalOrigin.ts'
import { Permissions } from './Permissions.ts'

const ROLES: readonly Role[] = ['chair', 'professional', 'family', 'viewer']
const PERMISSION_RULES: readonly RuleId[] = [
  'VIEW-1',
  'CHAIR-1',
  'CHAIR-2',
  'AGENDA-1',
  'DECISION-1',
  'ROSTER-1',
  'OWN-2',
  'LOCK-1',
  'LOCK-2',
  'LOCK-3',
  'LOCK-4',
  'DANGER-1',
  'DANGER-2',
  'FAMILY-1',
  'PLAN-1',
]
const CASES = 3000
const NOTE_ID = 'the-note'
const DANGER_ID = 'the-danger'

interface Scene {
  me: Participant
  locks: ZoneId[]
  /** Who wrote the note on the map: the actor, someone else, or nobody recorded (older notes). */
  noteAuthorId: string
  noteZone: ZoneId
}

interface Action {
  name: string
  /** The rules that govern this action: a refusal must name one of them. */
  rules: readonly RuleId[]
  offered(permissions: Permissions, note: NoteSnapshot): boolean
  make(client: ClientCommands): void
}

type ClientCommands = ReturnType<typeof createBoardCommands> & ReturnType<typeof createConferenceCommands>

const DANGER = { who: 'The school', worry: 'Sam misses school', outcome: 'Sam will fall behind' }
const GOAL = { parents: 'Sam goes to school every day', child: 'Sam enjoys school', professionals: 'none' }

const other: Actor = {
  role: 'professional',
  participantId: 'someone-else',
  name: 'PC Jones',
  agency: 'Police',
}

function actions(rng: Rng, scene: Scene): Action[] {
  const zone = rng.pick(ZONE_IDS)
  const elsewhere = rng.pick(ZONE_IDS.filter((id) => id !== scene.noteZone))
  return [
    {
      name: `add a note to ${zone}`,
      rules: ['VIEW-1', 'LOCK-1'],
      offered: (p) => p.canAddTo(zone),
      make: (c) => c.addNote(zone, { text: 'A new worry' }),
    },
    {
      name: 'edit the note',
      rules: ['VIEW-1', 'OWN-2', 'LOCK-2'],
      offered: (p, note) => p.canChange(note),
      make: (c) => c.updateNote(NOTE_ID, { text: 'Reworded' }),
    },
    {
      name: `move the note to ${elsewhere}`,
      rules: ['VIEW-1', 'OWN-2', 'LOCK-3'],
      offered: (p, note) => p.canMove(note, elsewhere),
      make: (c) => c.moveNote(NOTE_ID, elsewhere),
    },
    {
      name: 'delete the note',
      rules: ['VIEW-1', 'OWN-2', 'LOCK-4'],
      offered: (p, note) => p.canChange(note),
      make: (c) => c.deleteNote(NOTE_ID),
    },
    {
      name: `toggle the lock of ${zone}`,
      rules: ['VIEW-1', 'CHAIR-1'],
      offered: (p) => p.canLock,
      make: (c) => c.setLock(zone, !scene.locks.includes(zone)),
    },
    {
      name: 'move the agenda on',
      rules: ['VIEW-1', 'AGENDA-1'],
      offered: (p) => p.canRunMeeting,
      make: (c) => c.setStep('analysis', false),
    },
    {
      name: 'record the decision',
      rules: ['VIEW-1', 'DECISION-1'],
      offered: (p) => p.canRunMeeting,
      make: (c) =>
        c.recordDecision({
          outcome: 'cp-plan',
          category: 'neglect',
          reasons: 'The worries are serious.',
          agencyViews: [],
          dissent: [],
        }),
    },
    {
      name: 'mark apologies',
      rules: ['VIEW-1', 'ROSTER-1'],
      offered: (p) => p.canRunMeeting,
      make: (c) => c.setApologies([{ name: 'Dr Khan', role: 'professional', agency: 'GP surgery' }]),
    },
    {
      name: 'let the family download the record',
      rules: ['VIEW-1', 'CHAIR-2'],
      offered: (p) => p.canRunMeeting,
      make: (c) => c.setFamilyMayExport(true),
    },
    {
      name: 'write a danger statement',
      rules: ['VIEW-1', 'DANGER-1'],
      offered: (p) => p.canWriteDangers,
      make: (c) => c.addDanger({ ...DANGER, text: composeDangerStatement(DANGER) }),
    },
    {
      name: 'write a safety goal',
      rules: ['VIEW-1', 'DANGER-2'],
      offered: (p) => p.canWriteGoals,
      make: (c) => c.setGoal(DANGER_ID, { ...GOAL, text: composeSafetyGoal(GOAL) }),
    },
    {
      name: "write the family's view",
      rules: ['VIEW-1', 'FAMILY-1'],
      offered: (p) => p.canWriteFamilyView,
      make: (c) => c.setFamilyView(DANGER_ID, 'We see it differently.'),
    },
    {
      name: 'add a next step',
      rules: ['VIEW-1', 'PLAN-1'],
      offered: (p) => p.canWriteNextSteps,
      make: (c) => c.addNextStep({ what: 'Visit', who: 'Ms Patel', agency: 'School', due: '2026-12-10' }),
    },
  ]
}

function generateScene(rng: Rng): Scene {
  const role = rng.pick(ROLES)
  const me: Participant = {
    id: `${role}-1`,
    name: `A ${role}`,
    role,
    agency: role === 'family' ? '' : 'Council',
  }
  return {
    me,
    locks: ZONE_IDS.filter(() => rng.chance(0.35)),
    noteAuthorId: rng.pick([me.id, other.participantId, '']),
    noteZone: rng.pick(ZONE_IDS),
  }
}

/** The server's document for a scene, written directly (setting the scene is not judged). */
function serverDocument(scene: Scene): Y.Doc {
  const doc = new Y.Doc()
  initMap(doc, { title: 'Review conference', createdAt: 1 })
  addNote(doc, {
    id: NOTE_ID,
    zone: scene.noteZone,
    text: 'An existing note',
    createdAt: 2,
    authorId: scene.noteAuthorId,
    author: scene.noteAuthorId === '' ? '' : 'Someone',
    agency: '',
  })
  addDangerStatement(
    doc,
    { ...DANGER, id: DANGER_ID, createdAt: 3 },
    { participantId: other.participantId, name: other.name, agency: other.agency },
  )
  for (const zone of scene.locks) setLock(doc, zone, true)
  return doc
}

/** Applies the client's update as the server's gate does and returns its verdict on the transaction. */
function serverVerdict(server: Y.Doc, actor: Actor, update: Uint8Array): Verdict | undefined {
  // As the server's gate does: every root is a Y.Map before a client's update arrives.
  for (const name of ROOT_TYPE_NAMES) server.getMap(name)
  const index = NoteIndex.fromDoc(server)
  const origin = { actor }
  let verdict: Verdict | undefined
  server.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.origin === origin) verdict = checkTransaction(transaction, actor, index)
    index.update(transaction)
  })
  Y.applyUpdate(server, update, origin)
  return verdict
}

describe("the board's permissions agree with the server's verdicts", () => {
  it(`over ${CASES} generated cases, for every permission rule`, () => {
    const rng = createRng(20261204)
    const seenAllowed = new Set<RuleId>()
    const seenRefused = new Set<RuleId>()
    for (let i = 0; i < CASES; i++) {
      const scene = generateScene(rng)
      const server = serverDocument(scene)
      const replica = new Y.Doc()
      Y.applyUpdate(replica, Y.encodeStateAsUpdate(server))
      const permissions = new Permissions(scene.me, scene.locks)
      const note = readMap(replica).notes.find((n) => n.id === NOTE_ID)
      if (note === undefined) throw new Error('the scene has no note')
      const action = rng.pick(actions(rng, scene))
      const offered = action.offered(permissions, note)

      const before = Y.encodeStateVector(replica)
      const commands: ClientCommands = {
        ...createBoardCommands(replica, createLocalOrigin(), scene.me),
        ...createConferenceCommands(replica, scene.me),
      }
      action.make(commands)
      const actor: Actor = {
        role: scene.me.role,
        participantId: scene.me.id,
        name: scene.me.name,
        agency: scene.me.agency,
      }
      const verdict = serverVerdict(server, actor, Y.encodeStateAsUpdate(replica, before))

      const where = `case ${i} (seed ${rng.seed}): ${scene.me.role} tries to ${action.name}, locks [${scene.locks.join(', ')}], note by "${scene.noteAuthorId}" in ${scene.noteZone}`
      expect(verdict, `${where}: the action sent no transaction`).toBeDefined()
      expect(
        offered,
        `${where}: the board predicted ${offered}, the server said ${JSON.stringify(verdict)}`,
      ).toBe(verdict!.allowed)
      if (verdict!.allowed) {
        for (const rule of action.rules) seenAllowed.add(rule)
      } else {
        expect(action.rules, `${where}: refused by a rule this action does not involve`).toContain(
          verdict!.rule,
        )
        seenRefused.add(verdict!.rule)
      }
    }
    for (const rule of PERMISSION_RULES) {
      expect(seenAllowed, `no case where ${rule} allowed`).toContain(rule)
      expect(seenRefused, `no case where ${rule} refused`).toContain(rule)
    }
    // 3000 cases take about 2 s alone and over 6 s on a loaded 2-core machine: the bound is the harness's, not a
    // speed target (speed lives in the benchmarks).
  }, 30_000)
})
