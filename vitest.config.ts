import { defineConfig } from 'vitest/config'

// One project per package so `vitest run --project server` runs just that part.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'protocol', include: ['packages/protocol/test/**/*.test.ts'] } },
      { test: { name: 'map-model', include: ['packages/map-model/test/**/*.test.ts'] } },
      { test: { name: 'record', include: ['packages/record/test/**/*.test.ts'] } },
      {
        test: {
          name: 'server',
          include: ['apps/server/test/**/*.test.ts'],
          exclude: ['apps/server/test/durability/**'],
          globalSetup: ['apps/server/test/support/serverBuild.ts'],
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        // The server as a process of its own, killed, starved of disk, backed up and restored: minutes of work
        // each, so these run on their own after the others (groupOrder).
        test: {
          name: 'durability',
          include: ['apps/server/test/durability/**/*.test.ts'],
          globalSetup: ['apps/server/test/support/serverBuild.ts'],
          testTimeout: 120_000,
          hookTimeout: 30_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      { test: { name: 'web', include: ['apps/web/src/**/*.test.ts'] } },
      { test: { name: 'bench', include: ['packages/bench/test/**/*.test.ts'] } },
      // eslint.config.js's rules, proven by linting small sources with the ESLint Node API.
      { test: { name: 'lint', include: ['test/lint/**/*.test.ts'], testTimeout: 60_000 } },
      {
        // Real Chromium against a real server started on port 0; needs `pnpm build` first.
        test: {
          name: 'browser',
          include: ['apps/web/e2e/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
