// The essential attacks of a modified client, each with the answer the server gives it: a refusal under a rule
// (the edit is applied, judged and reverted) or a close code (it is refused before anything is applied). The
// permission tests send them to one server; the cluster tests send the same ones through another instance than
// the victim's, and expect the same answers.
import type * as Y from 'yjs'
import { addNote, deleteNote, moveNote, updateNote } from '@mapboard/map-model'
import type { Audience } from '@mapboard/map-model'
import { CloseCode, MAX_MESSAGE_BYTES } from '@mapboard/protocol'
import type { JoinResponse } from '@mapboard/protocol'
import { noteAuthor } from '@mapboard/test-kit'
import * as encoding from 'lib0/encoding'
import { updateFrame } from './frames.ts'
import type { HostileClient, HostileClientOptions } from './hostileClient.ts'
import { nestedMapsUpdate } from './nestedMaps.ts'

/** What an attack is made against: a room of a map with the permission tests' scene in it. */
export interface AttackScene {
  audience: Audience
  /** The social worker's note in Past harm, and theirs in Future danger, which the chair has locked. */
  notes: { pro: string; locked: string }
  chair: JoinResponse
  /** The social worker, author of both notes. */
  professional: JoinResponse
  /** A professional of another agency. */
  police: JoinResponse
  family: JoinResponse
  /** A victim's Yjs client id (someone who has written in the room), and the clock its next edit starts at. */
  victim: { clientId: number; nextClock: number }
}

export type Attacker = 'chair' | 'professional' | 'police' | 'family'

/**
 * `refused`: the edit was applied, judged and reverted, and the sender told why under that rule. `closed`: the
 * sender was closed with that code — before anything was applied, unless `refusals` says how many refused (and
 * reverted) edits it was told of first.
 */
export type AttackOutcome = { refused: string } | { closed: CloseCode; refusals?: number }

export interface Attack {
  name: string
  attacker: Attacker
  options?: (scene: AttackScene) => HostileClientOptions
  /** Sends the attack; its text (if any) carries `marker`, which must reach no one. */
  send(client: HostileClient, scene: AttackScene, marker: string): Promise<unknown>
  outcome: AttackOutcome
}

/** A Yjs (v1) update with no structs and a delete set of one range: `length` items of `client` from `clock`. */
export function deleteOnly(client: number, clock: number, length: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0) // no structs
  encoding.writeVarUint(encoder, 1) // delete set: one client
  encoding.writeVarUint(encoder, client)
  encoding.writeVarUint(encoder, 1) // one range
  encoding.writeVarUint(encoder, clock)
  encoding.writeVarUint(encoder, length)
  return encoding.toUint8Array(encoder)
}

const noteField = (doc: Y.Doc, id: string): Y.Map<unknown> => doc.getMap('notes').get(id) as Y.Map<unknown>

const table = {
  lockedSectionAdd: {
    name: '[LOCK-1] a professional adding to a locked section',
    attacker: 'professional',
    send: (client, scene, marker) =>
      client.edit((doc) =>
        addNote(doc, {
          zone: 'future-danger',
          text: `One more worry ${marker}`,
          audience: scene.audience,
          ...noteAuthor(scene.professional),
        }),
      ),
    outcome: { refused: 'LOCK-1' },
  },
  lockedSectionMove: {
    name: '[LOCK-3] moving one’s own note out of a locked section',
    attacker: 'professional',
    send: (client, scene) => client.edit((doc) => moveNote(doc, scene.notes.locked, { zone: 'past-harm' })),
    outcome: { refused: 'LOCK-3' },
  },
  lockedSectionDelete: {
    name: '[LOCK-4] deleting one’s own note in a locked section',
    attacker: 'professional',
    send: (client, scene) => client.edit((doc) => deleteNote(doc, scene.notes.locked)),
    outcome: { refused: 'LOCK-4' },
  },
  locksWrittenByAProfessional: {
    name: '[CHAIR-1] a professional writing to the locks map (a chair’s power)',
    attacker: 'professional',
    send: (client) => client.edit((doc) => doc.getMap('locks').delete('future-danger')),
    outcome: { refused: 'CHAIR-1' },
  },
  forgedAuthor: {
    name: '[OWN-1] forging author fields: a professional signing a note with a colleague’s name',
    attacker: 'professional',
    send: (client, scene, marker) =>
      client.edit(
        (doc) =>
          addNote(doc, {
            zone: 'existing-strengths',
            text: `The police agree with everything ${marker}`,
            audience: scene.audience,
            ...noteAuthor(scene.police),
          }),
        'sync-step-2',
      ),
    outcome: { refused: 'OWN-1' },
  },
  othersNoteEdited: {
    name: '[OWN-2] a family member editing a professional’s note',
    attacker: 'family',
    send: (client, scene, marker) =>
      client.edit((doc) => updateNote(doc, scene.notes.pro, { text: `It was an accident ${marker}` })),
    outcome: { refused: 'OWN-2' },
  },
  othersNoteDeleted: {
    name: '[OWN-2] a professional deleting another professional’s note',
    attacker: 'police',
    send: (client, scene) => client.edit((doc) => deleteNote(doc, scene.notes.pro), 'sync-step-2'),
    outcome: { refused: 'OWN-2' },
  },
  serverStampChanged: {
    name: '[SERVER-2] the chair changing the receivedAt the server stamped on a note',
    attacker: 'chair',
    send: (client, scene) => client.edit((doc) => noteField(doc, scene.notes.pro).set('receivedAt', 1)),
    outcome: { refused: 'SERVER-2' },
  },
  nestedMapInANote: {
    name: '[SHAPE-2] a map nested 2,000 deep under a note: refused before it is applied, 4400',
    attacker: 'professional',
    send: (client) => client.raw.send(updateFrame(nestedMapsUpdate({ client: 777_001, depth: 2000 }))),
    outcome: { closed: CloseCode.BadMessage },
  },
  unreadableFrame: {
    name: 'a frame that is no y-protocols message: 4400',
    attacker: 'family',
    send: (client) =>
      client.raw.send(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])),
    outcome: { closed: CloseCode.BadMessage },
  },
  truncatedUpdate: {
    name: 'a truncated update: 4400',
    attacker: 'family',
    send: (client) => client.raw.send(new Uint8Array([0, 2, 50, 1, 2])),
    outcome: { closed: CloseCode.BadMessage },
  },
  oversized: {
    name: 'an update past the size limit: 4413 before it is read',
    attacker: 'family',
    send: (client, _scene, marker) =>
      client.edit((doc) => doc.getMap('meta').set('title', marker + 'x'.repeat(MAX_MESSAGE_BYTES + 1024))),
    outcome: { closed: CloseCode.MessageTooLarge },
  },
  clientIdReused: {
    name: 'an update written under another participant’s client id: 4409, nothing applied',
    attacker: 'family',
    options: (scene) => ({ clientId: scene.victim.clientId }),
    send: (client, scene, marker) =>
      client.edit((doc) =>
        addNote(doc, {
          zone: 'future-danger',
          text: marker,
          audience: scene.audience,
          ...noteAuthor(scene.chair),
        }),
      ),
    outcome: { closed: CloseCode.ClientIdTaken },
  },
  futureDelete: {
    name: 'a crafted delete of the victim’s next edit: dropped, asked again, closed with 4501',
    attacker: 'family',
    options: () => ({ answer: true }),
    send: (client, scene) => client.send(deleteOnly(scene.victim.clientId, scene.victim.nextClock, 20)),
    outcome: { closed: CloseCode.Resync },
  },
  refusedOverAndOver: {
    name: 'refused edits over and over: closed with 4429 past 50 refusals in a minute',
    attacker: 'family',
    send: async (client, scene, marker) => {
      for (let i = 0; i < 51 && client.open; i++) {
        await client.edit((doc) => updateNote(doc, scene.notes.locked, { text: `${marker} attempt ${i}` }))
      }
    },
    outcome: { closed: CloseCode.TooManyRefusals, refusals: 50 },
  },
} satisfies Record<string, Attack>

/** The essential attacks, by name. */
export const ATTACKS: Readonly<Record<keyof typeof table, Attack>> = table

export const ESSENTIAL_ATTACKS: readonly Attack[] = Object.values(ATTACKS)
