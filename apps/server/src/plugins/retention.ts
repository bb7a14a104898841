import fp from 'fastify-plugin'
import { eraseLiveMap } from '../routes/erasure.ts'
import type { ErasureResult } from '../storage/MapErasure.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** The retention sweep (MAPBOARD_RETENTION_DAYS); null when retention is off. */
    retention: RetentionSweep | null
  }
}

const DAY_MS = 24 * 60 * 60 * 1000
/** How often the sweep runs after the one at start. */
export const RETENTION_SWEEP_INTERVAL_MS = 60 * 60 * 1000

export interface RetentionSweep {
  /** Erases, keeping their records, the maps closed longer ago than the retention period; resolves their ids. */
  sweep(): Promise<string[]>
}

/**
 * Retention (decision 0042): `MAPBOARD_RETENTION_DAYS` after a map was closed, its live data is erased as an
 * administrator's erasure would, keeping the exported records. The sweep runs once the server is ready and then
 * every hour, on an unref'd timer; the clock is the app's (`buildApp({ now })`), so tests move time on.
 */
export const retentionPlugin = fp(
  async (app) => {
    const days = app.config.retentionDays
    if (days === undefined) {
      app.decorate('retention', null)
      return
    }
    const log = app.log.child({ component: 'retention' })
    let running: Promise<string[]> | undefined
    const sweepOnce = async (): Promise<string[]> => {
      const now = app.clock()
      const erased: string[] = []
      for (const closure of await app.store.listClosedBefore(now - days * DAY_MS)) {
        let result: ErasureResult | undefined
        try {
          result = await eraseLiveMap(app.rooms, app.store, closure.mapId, {
            erasedAt: now,
            reason: `Retention: closed more than ${days} days ago`,
            keepRecords: true,
          })
        } catch (error) {
          // Another instance did not shut it in time, say: the next sweep tries again; the other maps go on.
          log.warn({ mapId: closure.mapId, err: error }, 'could not erase a closed map past its retention')
          continue
        }
        if (result !== undefined) erased.push(closure.mapId)
      }
      if (erased.length > 0) log.info({ maps: erased.length }, 'erased closed maps past their retention')
      return erased
    }
    // One sweep at a time: a slow one is not overtaken by the next tick.
    const sweep = (): Promise<string[]> => {
      running ??= sweepOnce().finally(() => (running = undefined))
      return running
    }
    const report = (error: unknown) => log.error({ err: error }, 'the retention sweep failed')
    let timer: NodeJS.Timeout | undefined
    app.decorate('retention', { sweep })
    app.addHook('onReady', async () => {
      sweep().catch(report)
      timer = setInterval(() => sweep().catch(report), RETENTION_SWEEP_INTERVAL_MS)
      timer.unref()
    })
    app.addHook('preClose', async () => {
      clearInterval(timer)
      await running?.catch(() => undefined)
    })
  },
  {
    name: 'mapboard-retention',
    fastify: '5.x',
    dependencies: ['mapboard-config', 'mapboard-storage', 'mapboard-rooms'],
  },
)
