import { randomBytes } from 'node:crypto'
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import {
  MAX_LIST_ITEMS,
  MAX_REASON_TEXT,
  readConference,
  readMapClosure,
  writeScalingRound,
} from '@mapboard/map-model'
import type { ScaleResult, ScalingRound, ScalingSubject } from '@mapboard/map-model'
import type {
  AuditActor,
  OpenScalingRoundRequest,
  OpenScalingRoundResponse,
  ParticipantClaims,
  Role,
  ScalingSubmission,
  ScalingSubmissionRequest,
} from '@mapboard/protocol'
import { auditActorOfClaims } from '../audit/auditActor.ts'
import { HttpError } from '../http/errors.ts'
import { mapClosedError } from './mapClosedError.ts'
import { requestAuth } from '../plugins/auth.ts'
import type { Room } from '../rooms/Room.ts'
import type { ScalingStore, ScalingSubmissionRecord } from '../storage/ScalingStore.ts'

/** Who may give a number at all; the chair only in a round opened with `chairScales`. */
const SCALING_ROLES = ['chair', 'professional', 'family'] as const satisfies readonly Role[]
type ScalingRole = (typeof SCALING_ROLES)[number]

/** Control characters other than line breaks and tabs, and the bidirectional overrides. */
const UNPRINTABLE = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u

interface RoundParams {
  mapId: string
  roundId: string
}

const openRoundSchema = {
  body: {
    type: 'object',
    required: ['subject', 'chairScales'],
    additionalProperties: false,
    properties: {
      subject: {
        oneOf: [
          { type: 'string', const: 'overall' },
          {
            type: 'object',
            required: ['dangerId'],
            additionalProperties: false,
            properties: { dangerId: { type: 'string', minLength: 1, maxLength: 64 } },
          },
        ],
      },
      chairScales: { type: 'boolean' },
    },
  },
  response: {
    201: { type: 'object', required: ['roundId'], properties: { roundId: { type: 'string' } } },
  },
} as const

const submissionSchema = {
  type: 'object',
  required: ['roundId', 'score', 'reason', 'updatedAt'],
  properties: {
    roundId: { type: 'string' },
    score: { type: 'integer' },
    reason: { type: 'string' },
    updatedAt: { type: 'integer' },
  },
} as const

const submitSchema = {
  body: {
    type: 'object',
    required: ['score', 'reason'],
    additionalProperties: false,
    // The exact bounds apply after trimming, with messages people can act on.
    properties: { score: { type: 'number' }, reason: { type: 'string', maxLength: 4 * MAX_REASON_TEXT } },
  },
  response: { 200: submissionSchema },
} as const

const revealSchema = {
  response: { 200: { type: 'object', required: ['count'], properties: { count: { type: 'integer' } } } },
} as const

/** A submission as the route checked it, for the room's turn: the participant is the token's. */
interface Submission {
  roundId: string
  participant: ParticipantClaims
  role: ScalingRole
  score: number
  reason: string
  actor: AuditActor
}

function newRoundId(): string {
  return randomBytes(12).toString('base64url')
}

function checkScore(score: number): number {
  if (!Number.isInteger(score) || score < 0 || score > 10) {
    throw new HttpError(400, 'INVALID_SCORE', 'Choose a whole number from 0 to 10')
  }
  return score
}

/** Trimmed, line breaks made plain, NFC; 1 to MAX_REASON_TEXT characters, as map-model checks it on reveal. */
function reasonText(value: string): string {
  const text = value.normalize('NFC').replace(/\r\n?/gu, '\n').trim()
  if (text === '') throw new HttpError(400, 'INVALID_REASON', 'Please say why you chose this number')
  if (text.length > MAX_REASON_TEXT) {
    throw new HttpError(
      400,
      'INVALID_REASON',
      `Your reason can be at most ${MAX_REASON_TEXT} characters long`,
    )
  }
  if (UNPRINTABLE.test(text.replace(/[\n\t]/gu, ''))) {
    throw new HttpError(400, 'INVALID_REASON', 'Your reason contains characters that cannot be shown')
  }
  return text
}

/** The joined participant behind a request: a submission carries a name, so a bare link cannot make one. */
function scaler(request: FastifyRequest): { participant: ParticipantClaims; role: ScalingRole } {
  const { claims } = requestAuth(request)
  if (claims.role === 'viewer') throw new HttpError(403, 'ROLE_FORBIDDEN', 'Observers do not scale')
  if (claims.participant === undefined) {
    throw new HttpError(403, 'JOIN_REQUIRED', 'Join the map with your name before you scale')
  }
  return { participant: claims.participant, role: claims.role }
}

/** Every operation writes (a round, an answer, a reveal): a closed map takes none (READONLY-1, decision 0042). */
function checkWritable(room: Room): void {
  if (room.read(readMapClosure) !== null) throw mapClosedError()
}

function findRound(room: Room, roundId: string): ScalingRound {
  const round = room.read(readConference).rounds.find((candidate) => candidate.id === roundId)
  if (round === undefined) throw new HttpError(404, 'ROUND_NOT_FOUND', 'This map has no such scaling round')
  return round
}

function checkOpen(round: ScalingRound): void {
  if (round.status !== 'open') {
    throw new HttpError(
      409,
      'ROUND_CLOSED',
      'This scaling round has been revealed; open a new one to scale again',
    )
  }
}

function ownSubmission(record: ScalingSubmissionRecord): ScalingSubmission {
  return { roundId: record.roundId, score: record.score, reason: record.reason, updatedAt: record.updatedAt }
}

/** Everyone's answers, as the document shows them after the reveal: by score, then name. */
function results(submissions: readonly ScalingSubmissionRecord[]): ScaleResult[] {
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  return submissions
    .map(({ participantId, name, role, agency, score, reason }) => ({
      participantId,
      name,
      role,
      agency,
      score,
      reason,
    }))
    .sort((a, b) => a.score - b.score || order(a.name, b.name) || order(a.participantId, b.participantId))
}

/**
 * Blind scaling (product brief: nobody sees anyone else's number before the reveal). Submissions are stored
 * outside the shared document, which shows only how many there are; the reveal writes them all into it at once.
 *
 * - `POST /api/maps/<id>/scaling` (chair) opens a round → 201 `{roundId}`.
 * - `PUT|GET /api/maps/<id>/scaling/<roundId>/submission`: the caller's own answer.
 * - `POST /api/maps/<id>/scaling/<roundId>/reveal` (chair) → 200 `{count}`.
 *
 * Each check and the writes that depend on it run in the map's room turn (a room operation, run by the room's
 * authority when several instances serve the maps), so a submission and the reveal of its round can never cross.
 */
export const scalingRoutes: FastifyPluginAsync<{ store: ScalingStore }> = async (app, { store }) => {
  const chairOnly = app.requireToken(['chair'])
  const scalers = app.requireToken(SCALING_ROLES)
  const perParticipant = app.limit(
    'scalingAnswerPerParticipant',
    (request) => request.auth?.claims.participant?.id,
  )

  // Each runs in the map's room turn wherever the room is served (RoomOperations); its input is what the route
  // checked: the body's values and the token's participant, never anything else of the request.
  const openRound = app.roomOperations.define(
    'scaling.open',
    async (room, { round, actor }: { round: ScalingRound; actor: AuditActor }): Promise<void> => {
      checkWritable(room)
      const { subject } = round
      if (subject.kind === 'danger') {
        const dangers = room.read(readConference).dangers
        if (!dangers.some((danger) => danger.id === subject.dangerId)) {
          throw new HttpError(400, 'DANGER_NOT_FOUND', 'This map has no such danger statement')
        }
      }
      await room.writeAsServer((doc, origin) => writeScalingRound(doc, round, origin), actor)
    },
  )

  const submit = app.roomOperations.define(
    'scaling.submit',
    async (room, answer: Submission): Promise<ScalingSubmissionRecord> => {
      checkWritable(room)
      const mapId = room.mapId
      const { roundId, participant, role } = answer
      const round = findRound(room, roundId)
      checkOpen(round)
      if (role === 'chair' && !round.chairScales) {
        throw new HttpError(403, 'CHAIR_NOT_SCALING', 'The chair does not scale in this round')
      }
      const earlier = await store.getScalingSubmission(mapId, roundId, participant.id)
      if (earlier === undefined && (await store.countScalingSubmissions(mapId, roundId)) >= MAX_LIST_ITEMS) {
        throw new HttpError(409, 'ROUND_FULL', `A round takes at most ${MAX_LIST_ITEMS} answers`)
      }
      const record: ScalingSubmissionRecord = {
        mapId,
        roundId,
        participantId: participant.id,
        name: participant.name,
        role,
        agency: participant.agency,
        score: answer.score,
        reason: answer.reason,
        updatedAt: Date.now(),
      }
      await store.putScalingSubmission(record)
      // The document learns how many have answered, never who or what.
      const count = await store.countScalingSubmissions(mapId, roundId)
      if (count !== round.count) {
        await room.writeAsServer(
          (doc, origin) => writeScalingRound(doc, { ...round, count }, origin),
          answer.actor,
        )
      }
      return record
    },
  )

  const reveal = app.roomOperations.define(
    'scaling.reveal',
    async (room, { roundId, actor }: { roundId: string; actor: AuditActor }): Promise<number> => {
      checkWritable(room)
      const round = findRound(room, roundId)
      checkOpen(round)
      const revealed = results(await store.listScalingSubmissions(room.mapId, roundId))
      await room.writeAsServer(
        (doc, origin) =>
          writeScalingRound(
            doc,
            {
              ...round,
              status: 'revealed',
              revealedAt: Date.now(),
              count: revealed.length,
              results: revealed,
            },
            origin,
          ),
        actor,
      )
      return revealed.length
    },
  )

  app.post<{ Params: { mapId: string }; Body: OpenScalingRoundRequest; Reply: OpenScalingRoundResponse }>(
    '/api/maps/:mapId/scaling',
    { schema: openRoundSchema, preValidation: chairOnly },
    async (request, reply) => {
      const { mapId } = request.params
      const { body } = request
      const subject: ScalingSubject =
        body.subject === 'overall' ? { kind: 'overall' } : { kind: 'danger', dangerId: body.subject.dangerId }
      const round: ScalingRound = {
        id: newRoundId(),
        subject,
        chairScales: body.chairScales,
        status: 'open',
        openedAt: Date.now(),
        count: 0,
        revealedAt: null,
        results: [],
      }
      await app.roomOperations.call(mapId, openRound, {
        round,
        actor: auditActorOfClaims(requestAuth(request).claims),
      })
      request.log.info({ mapId, round: round.id, subject: subject.kind }, 'scaling round opened')
      return reply.code(201).send({ roundId: round.id })
    },
  )

  app.put<{ Params: RoundParams; Body: ScalingSubmissionRequest; Reply: ScalingSubmission }>(
    '/api/maps/:mapId/scaling/:roundId/submission',
    { schema: submitSchema, preValidation: scalers, preHandler: perParticipant },
    async (request) => {
      const { mapId, roundId } = request.params
      const { participant, role } = scaler(request)
      const score = checkScore(request.body.score)
      const reason = reasonText(request.body.reason)
      const stored = await app.roomOperations.call(mapId, submit, {
        roundId,
        participant,
        role,
        score,
        reason,
        actor: auditActorOfClaims(requestAuth(request).claims),
      })
      request.log.info({ mapId, round: roundId, participant: participant.id }, 'scaling submission stored')
      return ownSubmission(stored)
    },
  )

  app.get<{ Params: RoundParams; Reply: ScalingSubmission }>(
    '/api/maps/:mapId/scaling/:roundId/submission',
    { schema: { response: { 200: submissionSchema } }, preValidation: scalers },
    async (request) => {
      const { mapId, roundId } = request.params
      const { participant } = scaler(request)
      const stored = await store.getScalingSubmission(mapId, roundId, participant.id)
      if (stored === undefined) {
        throw new HttpError(404, 'SUBMISSION_NOT_FOUND', 'You have not answered this scaling round')
      }
      return ownSubmission(stored)
    },
  )

  app.post<{ Params: RoundParams; Reply: { count: number } }>(
    '/api/maps/:mapId/scaling/:roundId/reveal',
    { schema: revealSchema, preValidation: chairOnly },
    async (request) => {
      const { mapId, roundId } = request.params
      const count = await app.roomOperations.call(mapId, reveal, {
        roundId,
        actor: auditActorOfClaims(requestAuth(request).claims),
      })
      request.log.info({ mapId, round: roundId, count }, 'scaling round revealed')
      return { count }
    },
  )
}
