import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addNote, readMap } from '@mapboard/map-model'
import { CloseCode, ROLES } from '@mapboard/protocol'
import type { CreateMapResponse, LinkInfo, Role } from '@mapboard/protocol'
import {
  connectClient,
  connectRawSocket,
  joinAs,
  mapIdFromLink,
  noteAuthor,
  tokenFromLink,
  waitFor,
} from '@mapboard/test-kit'
import type { RawSocket, TestClient } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import { api, expectError } from './support/api.ts'

let server: TestServer
let map: CreateMapResponse
const clients: TestClient[] = []
const raws: RawSocket[] = []

beforeEach(async () => {
  server = await startServer()
  map = await server.createMap('Initial conference')
})

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  for (const socket of raws.splice(0)) socket.socket.terminate()
  await server.close()
})

const chairToken = () => tokenFromLink(map.links.chair)
const listLinks = (token = chairToken()) => api(server.url, 'GET', `/api/maps/${map.id}/links`, token)
const createLink = (body: unknown, token = chairToken()) =>
  api(server.url, 'POST', `/api/maps/${map.id}/links`, token, body)
const revokeLink = (linkId: string, token = chairToken()) =>
  api(server.url, 'DELETE', `/api/maps/${map.id}/links/${linkId}`, token)

async function linkOf(role: Role): Promise<LinkInfo> {
  const answer = await listLinks()
  const link = (answer.body as LinkInfo[]).find((candidate) => candidate.role === role)
  if (link === undefined) throw new Error(`no ${role} link`)
  return link
}

/** `promise`, or a failure naming `what` once `ms` have passed (a hung socket should fail fast, not time out). */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}

function client(token: Parameters<typeof connectClient>[2]): TestClient {
  const created = connectClient(server, map.id, token)
  clients.push(created)
  return created
}

function raw(token: string): RawSocket {
  const socket = connectRawSocket(server, map.id, token)
  raws.push(socket)
  return socket
}

describe('GET /api/maps/<id>/links', () => {
  it('lists the map’s links with the very URLs handed out when the map was made', async () => {
    const answer = await listLinks()
    expect(answer.status).toBe(200)
    const links = answer.body as LinkInfo[]
    expect(links.map((link) => link.role).sort()).toEqual([...ROLES].sort())
    for (const link of links) {
      expect(link.url).toBe(map.links[link.role])
      expect(link).toEqual({
        id: expect.any(String),
        role: link.role,
        url: link.url,
        createdAt: expect.any(Number),
        expiresAt: link.createdAt + 30 * 24 * 3600_000,
        revokedAt: null,
      })
    }
  })

  it('works with the chair’s participant token too', async () => {
    const chair = await joinAs(server, map.links.chair, { name: 'Chair' })
    expect((await listLinks(chair.token)).status).toBe(200)
  })
})

describe('POST /api/maps/<id>/links', () => {
  it('creates a working link for a role, 30 days by default', async () => {
    const before = Date.now()
    const answer = await createLink({ role: 'professional' })
    expect(answer.status, JSON.stringify(answer.body)).toBe(201)
    const link = answer.body as LinkInfo
    expect(link.role).toBe('professional')
    expect(link.revokedAt).toBeNull()
    expect(link.createdAt).toBeGreaterThanOrEqual(before)
    expect(link.expiresAt - link.createdAt).toBe(720 * 3600_000)
    expect(mapIdFromLink(link.url)).toBe(map.id)
    expect(link.url.startsWith(`${server.url}/m/${map.id}#`)).toBe(true)

    const listed = (await listLinks()).body as LinkInfo[]
    expect(listed).toContainEqual(link)
    const joined = await joinAs(server, link.url, { name: 'Dr Patel', agency: 'GP' })
    expect(joined.participant.role).toBe('professional')
    const socket = raw(tokenFromLink(link.url))
    expect(await socket.upgrade).toEqual({ status: 101 })
  })

  it('takes an expiry in hours from 1 to 8760', async () => {
    for (const hours of [1, 8760]) {
      const link = (await createLink({ role: 'viewer', expiresInHours: hours })).body as LinkInfo
      expect(link.expiresAt - link.createdAt).toBe(hours * 3600_000)
    }
    const before = ((await listLinks()).body as LinkInfo[]).length
    for (const body of [
      { role: 'viewer', expiresInHours: 0 },
      { role: 'viewer', expiresInHours: 8761 },
      { role: 'viewer', expiresInHours: 1.5 },
      { role: 'viewer', expiresInHours: '24' },
      { role: 'king' },
      {},
      // Unknown fields are refused, not dropped (the link would otherwise get the default lifetime).
      { role: 'viewer', expiresAt: 1 },
    ]) {
      expectError(await createLink(body), 400, 'INVALID_REQUEST')
    }
    expect((await listLinks()).body).toHaveLength(before)
  })
})

describe('DELETE /api/maps/<id>/links/<linkId>', () => {
  it('revokes a link: 204, listed as revoked, refused from then on', async () => {
    const family = await linkOf('family')
    const before = Date.now()
    const answer = await revokeLink(family.id)
    expect(answer).toEqual({ status: 204, body: null })
    const listed = await linkOf('family')
    expect(listed.revokedAt).toBeGreaterThanOrEqual(before)
    expectError(
      await api(server.url, 'POST', `/api/maps/${map.id}/join`, tokenFromLink(family.url), { name: 'x' }),
      401,
      'TOKEN_REVOKED',
    )
    // Revoking again changes nothing.
    expect((await revokeLink(family.id)).status).toBe(204)
    expect((await linkOf('family')).revokedAt).toBe(listed.revokedAt)
  })

  it('answers an unknown link, or another map’s, with 404', async () => {
    expectError(await revokeLink('no-such-link'), 404, 'LINK_NOT_FOUND')
    const other = await server.createMap('Another family')
    const otherLinks = await api(
      server.url,
      'GET',
      `/api/maps/${other.id}/links`,
      tokenFromLink(other.links.chair),
    )
    const otherFamily = (otherLinks.body as LinkInfo[]).find((link) => link.role === 'family')
    expectError(await revokeLink(otherFamily?.id ?? ''), 404, 'LINK_NOT_FOUND')
    expect((await server.app.store.getLink(otherFamily?.id ?? ''))?.revokedAt).toBeNull()
  })

  it('will not let the chair revoke the link they are using (409), by link or participant token', async () => {
    const own = await linkOf('chair')
    const answer = await revokeLink(own.id)
    expectError(answer, 409, 'OWN_LINK')
    expect((answer.body as { message: string }).message).toMatch(/link you are using/)
    const chair = await joinAs(server, map.links.chair, { name: 'Chair' })
    expectError(await revokeLink(own.id, chair.token), 409, 'OWN_LINK')
    expect((await linkOf('chair')).revokedAt).toBeNull()

    // From a second chair link, the first can go.
    const second = (await createLink({ role: 'chair' })).body as LinkInfo
    expect((await revokeLink(own.id, tokenFromLink(second.url))).status).toBe(204)
  })
})

describe('link management is for the chair only', () => {
  it.each(['professional', 'family', 'viewer'] as const)(
    'refuses a %s, by link or participant token, with 403',
    async (role) => {
      const joined = await joinAs(server, map.links[role], { name: 'Someone', agency: 'Agency' })
      const familyLink = await linkOf('family')
      for (const token of [tokenFromLink(map.links[role]), joined.token]) {
        expectError(await listLinks(token), 403, 'ROLE_FORBIDDEN')
        expectError(await createLink({ role: 'chair' }, token), 403, 'ROLE_FORBIDDEN')
        expectError(await revokeLink(familyLink.id, token), 403, 'ROLE_FORBIDDEN')
      }
      expect((await linkOf('family')).revokedAt).toBeNull()
      expect((await server.app.store.listLinks(map.id)).length).toBe(4)
    },
  )

  it('refuses missing, forged, revoked and other maps’ tokens with 401', async () => {
    expectError(await listLinks(''), 401, 'TOKEN_MISSING')
    const [payload = '', signature = ''] = chairToken().split('.')
    expectError(await listLinks(`${payload}.${signature.slice(1)}A`), 401, 'TOKEN_INVALID')
    const other = await server.createMap('Another family')
    expectError(await listLinks(tokenFromLink(other.links.chair)), 401, 'TOKEN_WRONG_MAP')

    const second = (await createLink({ role: 'chair' })).body as LinkInfo
    await revokeLink(second.id)
    expectError(await listLinks(tokenFromLink(second.url)), 401, 'TOKEN_REVOKED')
    expectError(await createLink({ role: 'chair' }, tokenFromLink(second.url)), 401, 'TOKEN_REVOKED')
  })
})

describe('revocation ends open connections', () => {
  it('closes every socket opened with the link with 4403 within a second; others carry on', async () => {
    const familyJoin = await joinAs(server, map.links.family, { name: 'Mum' })
    const familyByParticipant = client(familyJoin)
    const familyByLink = client(tokenFromLink(map.links.family))
    const familyRaw = raw(tokenFromLink(map.links.family))
    const professional = client(tokenFromLink(map.links.professional))
    const viewer = client(tokenFromLink(map.links.viewer))
    await Promise.all([familyByParticipant, familyByLink, professional, viewer].map((c) => c.synced))
    expect(await familyRaw.upgrade).toEqual({ status: 101 })

    const family = await linkOf('family')
    const revokedAt = Date.now()
    expect((await revokeLink(family.id)).status).toBe(204)

    const closed = await within(familyRaw.closed, 1000, 'the raw socket of the revoked link did not close')
    expect(closed.code).toBe(CloseCode.Forbidden)
    expect(Date.now() - revokedAt).toBeLessThan(1000)
    await waitFor(() => familyByParticipant.closes.length > 0 && familyByLink.closes.length > 0, 1000, {
      message: 'y-websocket clients of the revoked link were not closed',
    })
    for (const revoked of [familyByParticipant, familyByLink]) {
      expect(revoked.closes.map((c) => c.code)).toEqual([CloseCode.Forbidden])
      // 44xx: the client does not try again.
      expect(revoked.provider.shouldConnect).toBe(false)
    }

    // Reconnecting is refused before the upgrade, with the link or with the participant token.
    for (const token of [tokenFromLink(map.links.family), familyJoin.token]) {
      const upgrade = await raw(token).upgrade
      expect(upgrade.status).toBe(401)
      expect('body' in upgrade && JSON.parse(upgrade.body)).toMatchObject({ code: 'TOKEN_REVOKED' })
    }

    // The other links' clients are still connected and still in sync.
    addNote(professional.doc, {
      zone: 'past-harm',
      text: 'Bruise seen at nursery on 3 March',
      ...noteAuthor(tokenFromLink(map.links.professional)),
    })
    await waitFor(() => readMap(viewer.doc).notes.length === 1, 3000, {
      message: 'the viewer stopped syncing',
    })
    expect(professional.closes).toEqual([])
    expect(viewer.closes).toEqual([])
    expect(professional.provider.wsconnected).toBe(true)
  })

  it('closes a socket whose link expires while it is open', async () => {
    const now = Date.now()
    const expiresAt = (Math.floor(now / 1000) + 2) * 1000
    await server.app.store.createLink({
      id: 'short-lived',
      mapId: map.id,
      role: 'family',
      createdAt: now,
      expiresAt,
      revokedAt: null,
    })
    const token = server.app.tokens.sign({
      mapId: map.id,
      role: 'family',
      linkId: 'short-lived',
      exp: expiresAt / 1000,
    })
    const shortLived = raw(token)
    const longLived = raw(tokenFromLink(map.links.family))
    expect(await shortLived.upgrade).toEqual({ status: 101 })
    expect(await longLived.upgrade).toEqual({ status: 101 })

    const closed = await within(shortLived.closed, 5000, 'the socket of the expired link did not close')
    expect(closed.code).toBe(CloseCode.Unauthorized)
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt)
    expect(Date.now() - expiresAt).toBeLessThan(1000)
    expect(longLived.socket.readyState).toBe(longLived.socket.OPEN)
    expect((await raw(token).upgrade).status).toBe(401)
  })
})
