import { describe, expect, it } from 'vitest'
import { readTokenRole } from './tokenRole.ts'

const encode = (value: unknown): string =>
  btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

describe('readTokenRole', () => {
  it('reads the role from a signed link token', () => {
    const token = `${encode({ mapId: 'm1', role: 'family', linkId: 'l1', exp: 2_000_000_000 })}.c2lnbmF0dXJl`
    expect(readTokenRole(token)).toBe('family')
  })

  it('gives up on anything else', () => {
    expect(readTokenRole('not a token')).toBeNull()
    expect(readTokenRole(`${encode({ role: 'admin' })}.x`)).toBeNull()
    expect(readTokenRole('')).toBeNull()
  })
})
