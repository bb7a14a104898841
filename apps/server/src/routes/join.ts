import { randomBytes } from 'node:crypto'
import type { FastifyPluginAsync } from 'fastify'
import { ROLES } from '@mapboard/protocol'
import type { JoinRequest, JoinResponse, Role } from '@mapboard/protocol'
import { HttpError } from '../http/errors.ts'
import { requestAuth } from '../plugins/auth.ts'
import { addressKey } from '../plugins/limits.ts'
import type { LinkStore } from '../storage/LinkStore.ts'
import type { MapCatalog } from '../storage/MapCatalog.ts'
import { reportsPolicyInfo } from './reportsPolicyInfo.ts'

/** Longest name or agency, in characters, after trimming. */
export const MAX_NAME_LENGTH = 80

/** Roles whose agency is asked and kept; professionals must give one. */
const AGENCY_ROLES: ReadonlySet<Role> = new Set(['chair', 'professional'])

/** Control characters, and the bidirectional overrides that can make a name display as someone else's. */
const UNPRINTABLE = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u

const joinSchema = {
  body: {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    // Generous bounds here; the exact ones apply after trimming, with messages people can act on.
    properties: { name: { type: 'string', maxLength: 1000 }, agency: { type: 'string', maxLength: 1000 } },
  },
  response: {
    200: {
      type: 'object',
      required: ['token', 'participant', 'map', 'reportsPolicy'],
      properties: {
        token: { type: 'string' },
        participant: {
          type: 'object',
          required: ['id', 'name', 'role', 'agency'],
          properties: {
            id: { type: 'string' },
            name: { type: 'string' },
            role: { type: 'string', enum: [...ROLES] },
            agency: { type: 'string' },
          },
        },
        map: {
          type: 'object',
          required: ['id', 'title'],
          properties: { id: { type: 'string' }, title: { type: 'string' } },
        },
        reportsPolicy: {
          type: 'object',
          required: ['initialHours', 'reviewWorkingDays', 'extraBankHolidays'],
          properties: {
            initialHours: { type: 'integer' },
            reviewWorkingDays: { type: 'integer' },
            extraBankHolidays: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
  },
} as const

/** Trimmed, inner whitespace collapsed, NFC; refuses what would not display as typed. */
function displayText(value: string, what: 'name' | 'agency', code: string): string {
  const text = value.normalize('NFC').replace(/\s+/gu, ' ').trim()
  if ([...text].length > MAX_NAME_LENGTH) {
    throw new HttpError(400, code, `Your ${what} can be at most ${MAX_NAME_LENGTH} characters long`)
  }
  if (UNPRINTABLE.test(text))
    throw new HttpError(400, code, `Your ${what} contains characters that cannot be shown`)
  return text
}

function newParticipantId(): string {
  return randomBytes(12).toString('base64url')
}

/**
 * `POST /api/maps/<id>/join`: someone with a link says who they are and gets a participant token, which opens
 * `/sync` and the API like the link does and stamps their name on what they do. Joining again with that token
 * changes the name (and agency) but keeps the participant id.
 */
export const joinRoutes: FastifyPluginAsync<{ store: MapCatalog & LinkStore }> = async (app, { store }) => {
  // Loosely per address (a whole conference may share one), tightly per link, which only its holders can use.
  const perAddress = app.limit('joinPerIp', addressKey)
  const perLink = app.limit('joinPerLink', (request) => request.auth?.claims.linkId)

  app.post<{ Params: { mapId: string }; Body: JoinRequest; Reply: JoinResponse }>(
    '/api/maps/:mapId/join',
    { schema: joinSchema, onRequest: perAddress, preValidation: app.requireToken(), preHandler: perLink },
    async (request) => {
      const { claims } = requestAuth(request)
      const { mapId, role, linkId, exp } = claims
      const name = displayText(request.body.name, 'name', 'INVALID_NAME')
      if (name === '') throw new HttpError(400, 'INVALID_NAME', 'Please type your name')
      let agency = ''
      if (AGENCY_ROLES.has(role)) {
        agency = displayText(request.body.agency ?? '', 'agency', 'INVALID_AGENCY')
        if (agency === '' && role === 'professional') {
          throw new HttpError(400, 'AGENCY_REQUIRED', 'Please say which agency you are from')
        }
      }
      const map = await store.getMap(mapId)
      if (map === undefined) throw new HttpError(404, 'MAP_NOT_FOUND', 'There is no such map')

      let id: string
      if (claims.participant === undefined) {
        id = newParticipantId()
        await store.addParticipant({ id, mapId, linkId, role, name, agency, joinedAt: Date.now() })
        request.log.info({ mapId, role, participant: id }, 'participant joined')
      } else {
        id = claims.participant.id
        await store.renameParticipant(id, name, agency)
        request.log.info({ mapId, role, participant: id }, 'participant renamed')
      }
      // Same link, same expiry: the participant token can never outlive or outrank the link it came from.
      const token = app.tokens.sign({ mapId, role, linkId, exp, participant: { id, name, agency } })
      return {
        token,
        participant: { id, name, role, agency },
        map: { id: map.id, title: map.title },
        reportsPolicy: reportsPolicyInfo(app.config.reportsPolicy),
      }
    },
  )
}
