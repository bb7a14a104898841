import { describe, expect, it } from 'vitest'
import { ConfigError, DEFAULT_WEB_DIST_DIR, configFromEnv } from '../src/config.ts'

describe('configFromEnv', () => {
  it('has the documented defaults', () => {
    expect(configFromEnv({}, '/srv/mapboard')).toEqual({
      host: '127.0.0.1',
      port: 3000,
      dataDir: '/srv/mapboard/data',
      publicOrigin: undefined,
      secret: undefined,
      adminToken: undefined,
      openCreation: false,
      allowedOrigins: [],
      allowedHosts: [],
      unloadGraceMs: 30_000,
      compactionThreshold: 300,
      linkTtlMs: 30 * 24 * 60 * 60 * 1000,
      webDistDir: DEFAULT_WEB_DIST_DIR,
    })
    expect(DEFAULT_WEB_DIST_DIR).toMatch(/apps\/web\/dist$/)
  })

  it('reads the environment, resolving relative paths against the given directory', () => {
    const config = configFromEnv(
      {
        HOST: '0.0.0.0',
        PORT: '8080',
        MAPBOARD_DATA_DIR: 'maps',
        MAPBOARD_ADMIN_TOKEN: ' admin ',
        MAPBOARD_PUBLIC_ORIGIN: 'https://maps.example.org/',
        MAPBOARD_LINK_TTL_DAYS: '7',
      },
      '/srv',
    )
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      dataDir: '/srv/maps',
      adminToken: 'admin',
      publicOrigin: 'https://maps.example.org',
      linkTtlMs: 7 * 86_400_000,
    })
  })

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['MAPBOARD_COMPACTION_THRESHOLD', '0'],
    ['MAPBOARD_PUBLIC_ORIGIN', 'maps.example.org'],
    ['MAPBOARD_PUBLIC_ORIGIN', 'https://maps.example.org/path'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => configFromEnv({ [name]: value }, '/srv')).toThrow(ConfigError)
  })
})
