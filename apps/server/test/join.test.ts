import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ROLES } from '@mapboard/protocol'
import type { CreateMapResponse, JoinResponse, Role } from '@mapboard/protocol'
import { connectClient, connectRawSocket, joinAs, tokenFromLink } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import type { Connection } from '../src/rooms/Connection.ts'
import { TokenSigner } from '../src/tokens/TokenSigner.ts'
import { api, expectError } from './support/api.ts'

let server: TestServer
let map: CreateMapResponse
const clients: TestClient[] = []

beforeEach(async () => {
  server = await startServer()
  map = await server.createMap('Review conference')
})

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await server.close()
})

const join = (token: string | undefined, body: unknown, mapId = map.id) =>
  api(server.url, 'POST', `/api/maps/${mapId}/join`, token, body)

const linkToken = (role: Role) => tokenFromLink(map.links[role])

async function linkIdOf(role: Role): Promise<string> {
  const link = (await server.app.store.listLinks(map.id)).find((candidate) => candidate.role === role)
  if (link === undefined) throw new Error(`no ${role} link`)
  return link.id
}

/** The claims part of a token, decoded (no check). */
function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >
}

describe('POST /api/maps/<id>/join', () => {
  it.each(ROLES)('lets a %s join with their link and returns a participant token', async (role) => {
    const answer = await join(linkToken(role), { name: '  Sam   Taylor ', agency: 'Riverside School' })
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    const body = answer.body as JoinResponse
    const keepsAgency = role === 'chair' || role === 'professional'
    expect(body.participant).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{8,}$/),
      name: 'Sam Taylor',
      role,
      agency: keepsAgency ? 'Riverside School' : '',
    })
    expect(body.map).toEqual({ id: map.id, title: 'Review conference' })

    const link = payloadOf(linkToken(role))
    expect(payloadOf(body.token)).toEqual({
      ...link,
      participant: { id: body.participant.id, name: 'Sam Taylor', agency: body.participant.agency },
    })
    expect(server.app.tokens.verify(body.token).ok).toBe(true)

    // Stored for the roster.
    expect(await server.app.store.getParticipant(body.participant.id)).toEqual({
      id: body.participant.id,
      mapId: map.id,
      linkId: link.linkId,
      role,
      name: 'Sam Taylor',
      agency: body.participant.agency,
      joinedAt: expect.any(Number),
    })
  })

  it('gives each join with a link its own participant', async () => {
    const a = await joinAs(server, map.links.family, { name: 'Mum' })
    const b = await joinAs(server, map.links.family, { name: 'Dad' })
    expect(a.participant.id).not.toBe(b.participant.id)
    expect((await server.app.store.listParticipants(map.id)).map((p) => p.name)).toEqual(['Mum', 'Dad'])
  })

  it('needs an agency from a professional', async () => {
    for (const body of [{ name: 'Dr Patel' }, { name: 'Dr Patel', agency: '   ' }]) {
      expectError(await join(linkToken('professional'), body), 400, 'AGENCY_REQUIRED')
    }
    const ok = await join(linkToken('professional'), { name: 'Dr Patel', agency: 'Health visiting' })
    expect(ok.status).toBe(200)
  })

  it('keeps no agency for family and viewers, and none is needed from them or the chair', async () => {
    for (const role of ['family', 'viewer', 'chair'] as const) {
      const joined = await joinAs(server, map.links[role], { name: 'Someone' })
      expect(joined.participant.agency).toBe('')
    }
    const family = await joinAs(server, map.links.family, { name: 'Gran', agency: 'Police' })
    expect(family.participant.agency).toBe('')
  })

  it.each([
    ['no name', {}, 'INVALID_REQUEST'],
    ['an empty name', { name: '' }, 'INVALID_NAME'],
    ['a blank name', { name: ' \t ' }, 'INVALID_NAME'],
    ['a name of 81 characters', { name: 'x'.repeat(81) }, 'INVALID_NAME'],
    ['a name that is not a string', { name: 42 }, 'INVALID_REQUEST'],
    ['a name with control characters', { name: 'Sam\u0007' }, 'INVALID_NAME'],
    ['a name with a bidi override', { name: 'Sam\u202Eevil' }, 'INVALID_NAME'],
    ['an agency of 81 characters', { name: 'Sam', agency: 'y'.repeat(81) }, 'INVALID_AGENCY'],
    // Not dropped and the rest accepted: a field the server does not know is an error.
    ['an unknown field', { name: 'Sam', agency: 'Police', role: 'chair' }, 'INVALID_REQUEST'],
  ])('refuses %s with 400', async (_case, body, code) => {
    expectError(await join(linkToken('professional'), body), 400, code)
  })

  it('accepts names of 1 and 80 characters, counted as characters, not bytes', async () => {
    const start = 'Zoë Łukasz 🙂'
    const longest = start + 'é'.repeat(80 - [...start].length)
    expect([...longest]).toHaveLength(80)
    for (const name of ['J', longest, `   ${longest}   `]) {
      const joined = await joinAs(server, map.links.professional, { name, agency: '🙂'.repeat(80) })
      expect(joined.participant.name).toBe(name.trim())
      // A participant token with the longest name and agency still opens the map.
      expect((await join(joined.token, { name: joined.participant.name, agency: 'x' })).status).toBe(200)
    }
  })

  it('lets a participant change their name with their participant token, keeping their id', async () => {
    const first = await joinAs(server, map.links.professional, { name: 'Sam', agency: 'School' })
    const again = await joinAs(server, first, { name: 'Samira Khan', agency: 'Riverside School' })
    expect(again.participant).toEqual({
      id: first.participant.id,
      name: 'Samira Khan',
      role: 'professional',
      agency: 'Riverside School',
    })
    expect(payloadOf(again.token).participant).toEqual({
      id: first.participant.id,
      name: 'Samira Khan',
      agency: 'Riverside School',
    })
    const stored = await server.app.store.listParticipants(map.id)
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ name: 'Samira Khan', agency: 'Riverside School' })
  })
})

describe('refused tokens', () => {
  it('answers no token with 401 TOKEN_MISSING', async () => {
    expectError(await join(undefined, { name: 'Sam' }), 401, 'TOKEN_MISSING')
    const basic = await fetch(`${server.url}/api/maps/${map.id}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${linkToken('family')}` },
      body: JSON.stringify({ name: 'Sam' }),
    })
    expectError({ status: basic.status, body: await basic.json() }, 401, 'TOKEN_MISSING')
  })

  it('checks the token before the body', async () => {
    expectError(await join(undefined, { name: 42 }), 401, 'TOKEN_MISSING')
  })

  it('answers a forged or garbled token with 401 TOKEN_INVALID', async () => {
    const [, signature] = linkToken('family').split('.')
    const asChair = Buffer.from(
      JSON.stringify({ ...payloadOf(linkToken('family')), role: 'chair' }),
    ).toString('base64url')
    const otherSecret = new TokenSigner('z'.repeat(32)).sign({
      mapId: map.id,
      role: 'chair',
      linkId: await linkIdOf('chair'),
      exp: Math.floor(Date.now() / 1000) + 3600,
    })
    for (const token of [`${asChair}.${signature}`, otherSecret, 'not-a-token', `${linkToken('family')}x`]) {
      expectError(await join(token, { name: 'Sam' }), 401, 'TOKEN_INVALID')
    }
  })

  it('answers a participant token with altered claims, or for a participant never stored, with TOKEN_INVALID', async () => {
    const joined = await joinAs(server, map.links.family, { name: 'Sam' })
    const [, signature] = joined.token.split('.')
    const claims = payloadOf(joined.token)
    const renamed = Buffer.from(
      JSON.stringify({ ...claims, participant: { id: joined.participant.id, name: 'Chair', agency: '' } }),
    ).toString('base64url')
    expectError(await join(`${renamed}.${signature}`, { name: 'x' }), 401, 'TOKEN_INVALID')

    const unknown = server.app.tokens.sign({
      mapId: map.id,
      role: 'family',
      linkId: await linkIdOf('family'),
      exp: claims.exp as number,
      participant: { id: 'nobody-by-this-id', name: 'Ghost', agency: '' },
    })
    expectError(await join(unknown, { name: 'x' }), 401, 'TOKEN_INVALID')
    const upgrade = await connectRawSocket(server, map.id, unknown).upgrade
    expect(upgrade.status).toBe(401)
  })

  it('answers an expired token or link with 401 TOKEN_EXPIRED', async () => {
    const now = Date.now()
    const linkId = 'expired-link'
    await server.app.store.createLink({
      id: linkId,
      mapId: map.id,
      role: 'family',
      createdAt: now - 7200_000,
      expiresAt: now - 1000,
      revokedAt: null,
    })
    const expiredToken = server.app.tokens.sign({
      mapId: map.id,
      role: 'family',
      linkId,
      exp: Math.floor((now - 1000) / 1000),
    })
    // A token whose own expiry is later than its link's row (the row wins).
    const rowExpired = server.app.tokens.sign({
      mapId: map.id,
      role: 'family',
      linkId,
      exp: Math.floor(now / 1000) + 3600,
    })
    for (const token of [expiredToken, rowExpired]) {
      expectError(await join(token, { name: 'Sam' }), 401, 'TOKEN_EXPIRED')
    }
  })

  it('answers a token for another map with 401 TOKEN_WRONG_MAP', async () => {
    const other = await server.createMap('Another family')
    expectError(await join(tokenFromLink(other.links.chair), { name: 'Sam' }), 401, 'TOKEN_WRONG_MAP')
  })

  it('answers an unknown map with 404, but only to a valid token', async () => {
    expectError(await join(linkToken('family'), { name: 'Sam' }, 'NoSuchMap'), 404, 'MAP_NOT_FOUND')
    expectError(await join('garbage.token', { name: 'Sam' }, 'NoSuchMap'), 401, 'TOKEN_INVALID')
  })

  it('answers a revoked link, and participant tokens from it, with 401 TOKEN_REVOKED', async () => {
    const joined = await joinAs(server, map.links.family, { name: 'Sam' })
    await server.app.store.revokeLink(await linkIdOf('family'), Date.now())
    expectError(await join(linkToken('family'), { name: 'Sam' }), 401, 'TOKEN_REVOKED')
    expectError(await join(joined.token, { name: 'Sam' }), 401, 'TOKEN_REVOKED')
    // Other links keep working.
    expect((await join(linkToken('viewer'), { name: 'Observer' })).status).toBe(200)
  })
})

describe('participant tokens on /sync', () => {
  it('open the map, and the connection carries the participant', async () => {
    const connect = vi.spyOn(server.app.rooms, 'connect')
    const joined = await joinAs(server, map.links.professional, { name: 'Dr Patel', agency: 'GP surgery' })
    const client = connectClient(server, map.id, joined)
    clients.push(client)
    await client.synced

    expect(connect).toHaveBeenCalledTimes(1)
    const connection = connect.mock.calls[0]?.[0] as Connection
    expect(connection.identity).toEqual({
      mapId: map.id,
      audience: 'shared',
      role: 'professional',
      linkId: await linkIdOf('professional'),
      participant: { id: joined.participant.id, name: 'Dr Patel', agency: 'GP surgery' },
    })
  })

  it('a bare link token still opens the map as the link’s anonymous participant', async () => {
    const connect = vi.spyOn(server.app.rooms, 'connect')
    const client = connectClient(server, map.id, linkToken('family'))
    clients.push(client)
    await client.synced
    const connection = connect.mock.calls[0]?.[0] as Connection
    const linkId = await linkIdOf('family')
    expect(connection.identity.participant).toEqual({ id: `link-${linkId}`, name: '', agency: '' })
  })
})
