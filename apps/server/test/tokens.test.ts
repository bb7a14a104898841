import { createHmac } from 'node:crypto'
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { TokenClaims } from '@mapboard/protocol'
import { TokenSigner } from '../src/tokens/TokenSigner.ts'
import { SECRET_FILE_NAME, loadSecret } from '../src/tokens/loadSecret.ts'

const SECRET = 'a'.repeat(32)
const NOW = 1_700_000_000_000
const claims: TokenClaims = { mapId: 'map1', role: 'family', linkId: 'link1', exp: NOW / 1000 + 60 }

describe('TokenSigner', () => {
  it('verifies what it signed', () => {
    const signer = new TokenSigner(SECRET)
    expect(signer.verify(signer.sign(claims), NOW)).toEqual({ ok: true, claims })
  })

  it('refuses a token signed with another secret', () => {
    const token = new TokenSigner('b'.repeat(32)).sign(claims)
    expect(new TokenSigner(SECRET).verify(token, NOW)).toEqual({ ok: false, problem: 'bad-signature' })
  })

  it('refuses changed claims', () => {
    const signer = new TokenSigner(SECRET)
    const [, signature] = signer.sign(claims).split('.')
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'chair' })).toString('base64url')
    expect(signer.verify(`${forged}.${signature}`, NOW)).toEqual({ ok: false, problem: 'bad-signature' })
  })

  it('refuses an expired token', () => {
    const signer = new TokenSigner(SECRET)
    const token = signer.sign(claims)
    expect(signer.verify(token, claims.exp * 1000 - 1).ok).toBe(true)
    expect(signer.verify(token, claims.exp * 1000)).toEqual({ ok: false, problem: 'expired' })
  })

  it.each(['', 'abc', 'a.b.c', 'a b.c', '.', `${'x'.repeat(2000)}.y`])(
    'refuses the malformed token %j',
    (token) => {
      expect(new TokenSigner(SECRET).verify(token, NOW).ok).toBe(false)
    },
  )

  it('refuses a signature spelt differently from the one issued, though it decodes to the same bytes', () => {
    const signer = new TokenSigner(SECRET)
    const token = signer.sign(claims)
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const last = alphabet.indexOf(token.slice(-1))
    // 32 bytes take 43 characters, whose last carries 2 unused bits: three other spellings of the same bytes.
    for (const unused of [1, 2, 3]) {
      const respelt = `${token.slice(0, -1)}${alphabet[last ^ unused] ?? ''}`
      expect(Buffer.from(respelt.split('.')[1] ?? '', 'base64url')).toEqual(
        Buffer.from(token.split('.')[1] ?? '', 'base64url'),
      )
      expect(signer.verify(respelt, NOW)).toEqual({ ok: false, problem: 'bad-signature' })
    }
    expect(signer.verify(token, NOW).ok).toBe(true)
  })

  it('uses the documented format: base64url(JSON).base64url(HMAC-SHA256)', () => {
    const token = new TokenSigner(SECRET).sign(claims)
    const [payload = '', signature = ''] = token.split('.')
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toEqual(claims)
    expect(signature).toBe(createHmac('sha256', SECRET).update(payload).digest('base64url'))
  })

  it.each([
    ['an unknown role', { ...claims, role: 'king' }],
    ['no map id', { role: 'chair', linkId: 'l', exp: claims.exp }],
    ['a fractional expiry', { ...claims, exp: 1.5 }],
    ['not an object', ['map1']],
  ])('refuses correctly signed claims with %s', (_name, value) => {
    const payload = Buffer.from(JSON.stringify(value)).toString('base64url')
    const signature = createHmac('sha256', SECRET).update(payload).digest('base64url')
    expect(new TokenSigner(SECRET).verify(`${payload}.${signature}`, NOW)).toEqual({
      ok: false,
      problem: 'malformed',
    })
  })

  it('signs and verifies participant claims, in a fixed order', () => {
    const signer = new TokenSigner(SECRET)
    const withParticipant: TokenClaims = {
      ...claims,
      participant: { id: 'p1', name: 'Zoë Łukasz', agency: 'Riverside School' },
    }
    const token = signer.sign(withParticipant)
    expect(signer.verify(token, NOW)).toEqual({ ok: true, claims: withParticipant })
    const reordered: TokenClaims = {
      participant: { agency: 'Riverside School', name: 'Zoë Łukasz', id: 'p1' },
      exp: claims.exp,
      linkId: claims.linkId,
      role: claims.role,
      mapId: claims.mapId,
    }
    expect(signer.sign(reordered)).toBe(token)
    // A link token carries no participant at all.
    expect(signer.verify(signer.sign(claims), NOW)).toEqual({ ok: true, claims })
  })

  it('keeps a participant token with an 80-character name and agency in 4-byte characters', () => {
    const signer = new TokenSigner(SECRET)
    const long: TokenClaims = {
      ...claims,
      mapId: 'm'.repeat(22),
      role: 'professional',
      linkId: 'l'.repeat(16),
      participant: { id: 'p'.repeat(16), name: '🙂'.repeat(80), agency: '🙂'.repeat(80) },
    }
    expect(signer.verify(signer.sign(long), NOW)).toEqual({ ok: true, claims: long })
  })

  it.each([
    ['a participant that is not an object', 'p1'],
    ['a participant without an id', { name: 'a', agency: '' }],
    ['a participant with an empty id', { id: '', name: 'a', agency: '' }],
    ['a participant name that is not a string', { id: 'p1', name: 7, agency: '' }],
    ['a participant without an agency', { id: 'p1', name: 'a' }],
    ['an overlong participant name', { id: 'p1', name: 'x'.repeat(201), agency: '' }],
  ])('refuses correctly signed claims with %s', (_name, participant) => {
    const payload = Buffer.from(JSON.stringify({ ...claims, participant })).toString('base64url')
    const signature = createHmac('sha256', SECRET).update(payload).digest('base64url')
    expect(new TokenSigner(SECRET).verify(`${payload}.${signature}`, NOW)).toEqual({
      ok: false,
      problem: 'malformed',
    })
  })

  it('needs a secret of at least 32 bytes', () => {
    expect(() => new TokenSigner('short')).toThrow()
  })
})

describe('loadSecret', () => {
  it('generates a secret once, stores it with mode 0600, and reads it back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mapboard-secret-'))
    try {
      const first = loadSecret(dir, undefined)
      expect(first.source).toBe('generated')
      expect((await stat(join(dir, SECRET_FILE_NAME))).mode & 0o777).toBe(0o600)
      const second = loadSecret(dir, undefined)
      expect(second).toEqual({ secret: first.secret, source: 'file' })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('prefers the configured secret and refuses a short one', async () => {
    expect(loadSecret('/nonexistent', 'c'.repeat(40))).toEqual({ secret: 'c'.repeat(40), source: 'option' })
    expect(() => loadSecret('/nonexistent', 'short')).toThrow(/at least 32/)
  })

  it('warns about a secret file others can read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mapboard-secret-'))
    try {
      await writeFile(join(dir, SECRET_FILE_NAME), 'd'.repeat(43))
      await chmod(join(dir, SECRET_FILE_NAME), 0o644)
      expect(loadSecret(dir, undefined).warning).toMatch(/readable by other users/)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
