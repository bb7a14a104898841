import { describe, expect, it } from 'vitest'
import { DEFAULT_REPORTS_POLICY } from '@mapboard/map-model'
import { buildApp } from '../src/buildApp.ts'
import { ConfigError, DEFAULT_WEB_DIST_DIR, checkOpenCreation, configFromEnv } from '../src/config.ts'
import { MemoryMapStore } from '../src/storage/MemoryMapStore.ts'

describe('configFromEnv', () => {
  it('has the documented defaults', () => {
    expect(configFromEnv({}, '/srv/mapboard')).toEqual({
      host: '127.0.0.1',
      port: 3000,
      dataDir: '/srv/mapboard/data',
      sqliteWriter: 'thread',
      publicOrigin: undefined,
      secret: undefined,
      adminToken: undefined,
      openCreation: false,
      allowedOrigins: [],
      allowedHosts: [],
      trustProxy: undefined,
      unloadGraceMs: 30_000,
      compactionThreshold: 300,
      linkTtlMs: 30 * 24 * 60 * 60 * 1000,
      webDistDir: DEFAULT_WEB_DIST_DIR,
      reportsPolicy: DEFAULT_REPORTS_POLICY,
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
        MAPBOARD_ALLOWED_ORIGINS: 'https://a.example.org/, https://B.example.org:8443',
        MAPBOARD_ALLOWED_HOSTS: 'Maps.Council.internal,10.0.0.5:3000',
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
      allowedOrigins: ['https://a.example.org', 'https://b.example.org:8443'],
      allowedHosts: ['maps.council.internal', '10.0.0.5:3000'],
    })
  })

  it('reads the reports policy: its own hours and working days, and holidays besides England and Wales’s', () => {
    const { reportsPolicy } = configFromEnv(
      {
        MAPBOARD_REPORTS_INITIAL_HOURS: '48',
        MAPBOARD_REPORTS_REVIEW_WORKING_DAYS: '5',
        MAPBOARD_EXTRA_BANK_HOLIDAYS: '2027-01-04, 2027-07-12',
      },
      '/srv',
    )
    expect(reportsPolicy.initialHours).toBe(48)
    expect(reportsPolicy.reviewWorkingDays).toBe(5)
    expect(reportsPolicy.bankHolidays).toEqual([
      ...DEFAULT_REPORTS_POLICY.bankHolidays,
      '2027-01-04',
      '2027-07-12',
    ])
  })

  it('reads MAPBOARD_SQLITE_WRITER: the writer thread unless inline is asked for', () => {
    expect(configFromEnv({ MAPBOARD_SQLITE_WRITER: 'inline' }, '/srv').sqliteWriter).toBe('inline')
    expect(configFromEnv({ MAPBOARD_SQLITE_WRITER: ' thread ' }, '/srv').sqliteWriter).toBe('thread')
  })

  it('reads MAPBOARD_RETENTION_DAYS: off unless set, a whole number of days from 1', () => {
    expect(configFromEnv({}, '/srv').retentionDays).toBeUndefined()
    expect(configFromEnv({ MAPBOARD_RETENTION_DAYS: ' ' }, '/srv').retentionDays).toBeUndefined()
    expect(configFromEnv({ MAPBOARD_RETENTION_DAYS: '365' }, '/srv').retentionDays).toBe(365)
    for (const raw of ['0', '-3', '1.5', 'a year', '40000']) {
      expect(() => configFromEnv({ MAPBOARD_RETENTION_DAYS: raw }, '/srv'), raw).toThrow(ConfigError)
    }
  })

  it('refuses several instances (MAPBOARD_REDIS_URL) without PostgreSQL, before anything opens or connects', async () => {
    const redis = { MAPBOARD_REDIS_URL: 'redis://127.0.0.1:1' }
    expect(() => configFromEnv(redis, '/srv')).toThrow(/needs MAPBOARD_DATABASE_URL=postgres/)
    const both = { ...redis, MAPBOARD_DATABASE_URL: 'postgres://db/maps' }
    expect(configFromEnv(both, '/srv').redisUrl).toBe('redis://127.0.0.1:1')
    // Given a store that fences nothing, the app refuses to start too (no Redis listens on port 1: it is not asked).
    const app = buildApp({ redisUrl: 'redis://127.0.0.1:1', store: new MemoryMapStore(), logger: false })
    await expect(app.ready()).rejects.toThrow(/needs MAPBOARD_DATABASE_URL=postgres/)
    await app.close().catch(() => {})
  })

  it.each([
    ['MAPBOARD_REPORTS_INITIAL_HOURS', '-1'],
    ['MAPBOARD_REPORTS_REVIEW_WORKING_DAYS', 'three'],
    ['MAPBOARD_EXTRA_BANK_HOLIDAYS', '4 January 2027'],
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['MAPBOARD_COMPACTION_THRESHOLD', '0'],
    ['MAPBOARD_PUBLIC_ORIGIN', 'maps.example.org'],
    ['MAPBOARD_PUBLIC_ORIGIN', 'https://maps.example.org/path'],
    ['MAPBOARD_ALLOWED_ORIGINS', 'https://a.example.org,maps.example.org'],
    ['MAPBOARD_ALLOWED_HOSTS', 'https://maps.example.org'],
    ['MAPBOARD_OPEN_CREATION', 'yes'],
    ['MAPBOARD_SQLITE_WRITER', 'worker'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => configFromEnv({ [name]: value }, '/srv')).toThrow(ConfigError)
  })
})

describe('checkOpenCreation', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])(
    'lets open creation start on the loopback host %s',
    (host) => {
      expect(() => checkOpenCreation({ host, adminToken: undefined, openCreation: false })).not.toThrow()
    },
  )

  it.each(['0.0.0.0', '::', '192.168.1.20', 'mapboard.example.org', '128.0.0.1'])(
    'refuses open creation on %s, saying how to fix it',
    (host) => {
      const start = () => checkOpenCreation({ host, adminToken: undefined, openCreation: false })
      expect(start).toThrow(ConfigError)
      expect(start).toThrow(
        `MAPBOARD_ADMIN_TOKEN is not set, so anyone who can reach HOST=${host} could create maps. ` +
          'Set MAPBOARD_ADMIN_TOKEN to a long random secret (creating a map then needs ' +
          '"Authorization: Bearer <that secret>"), or set MAPBOARD_OPEN_CREATION=1 if open creation is meant, ' +
          'or listen on 127.0.0.1 only (HOST=127.0.0.1).',
      )
    },
  )

  it('starts on any host with an admin token, or with open creation asked for', () => {
    expect(() =>
      checkOpenCreation({ host: '0.0.0.0', adminToken: 'secret', openCreation: false }),
    ).not.toThrow()
    expect(() =>
      checkOpenCreation({ host: '0.0.0.0', adminToken: undefined, openCreation: true }),
    ).not.toThrow()
  })

  it('is applied when the environment is read', () => {
    expect(() => configFromEnv({ HOST: '0.0.0.0' }, '/srv')).toThrow(/MAPBOARD_OPEN_CREATION=1/)
    expect(configFromEnv({ HOST: '0.0.0.0', MAPBOARD_OPEN_CREATION: '1' }, '/srv').openCreation).toBe(true)
    expect(configFromEnv({ HOST: '0.0.0.0', MAPBOARD_ADMIN_TOKEN: 'secret' }, '/srv').host).toBe('0.0.0.0')
  })
})
