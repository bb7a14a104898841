import { describe, expect, it } from 'vitest'
import { readClaims } from './readableClaims.ts'

const encode = (value: unknown): string =>
  btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

describe('readClaims', () => {
  it('reads the role and link id from a signed link token', () => {
    const token = `${encode({ mapId: 'm1', role: 'family', linkId: 'l1', exp: 2_000_000_000 })}.c2lnbmF0dXJl`
    expect(readClaims(token)).toEqual({ role: 'family', linkId: 'l1' })
  })

  it('gives up on anything else', () => {
    expect(readClaims('not a token')).toEqual({ role: null, linkId: null })
    expect(readClaims(`${encode({ role: 'admin' })}.x`)).toEqual({ role: null, linkId: null })
    expect(readClaims('')).toEqual({ role: null, linkId: null })
  })
})
