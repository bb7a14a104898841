// The package layers of eslint.config.js, proven on small sources: each case lints a two-line module as if it
// lived at `filePath` and compares the lint messages it gets with what the layer should say.
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, test } from 'vitest'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const eslint = new ESLint({ cwd: repoRoot })

interface LintMessage {
  ruleId: string | null
  message: string
}

/** Every lint message for a module at `filePath` that imports `name` from `specifier` and uses it. */
async function lintImport(filePath: string, specifier: string, name = 'imported'): Promise<LintMessage[]> {
  const code = `import { ${name} } from '${specifier}'\nexport const used = ${name}\n`
  const [result] = await eslint.lintText(code, { filePath })
  if (result === undefined) throw new Error(`no lint result for ${filePath}`)
  return result.messages.map(({ ruleId, message }) => ({ ruleId, message }))
}

/** The message no-restricted-imports gives for `specifier` refused by a pattern with `message`. */
function refused(specifier: string, message: string): LintMessage {
  return {
    ruleId: 'no-restricted-imports',
    message: `'${specifier}' import is restricted from being used by a pattern. ${message}`,
  }
}

const TEST_KIT_WITHOUT_SERVER =
  'The test kit does not depend on the server; a server test helper lives in @mapboard/server/testing.'
const ENTRY_POINT_ONLY = 'Use a package only through its entry point.'
const TESTS_ONLY = 'Only tests import the test kit.'
const NO_TESTING_FOLDER =
  "Only tests start the server this way; the server's own code does not import its testing folder."

describe('package layers', () => {
  test('the test kit may not import the server', async () => {
    expect(await lintImport('packages/test-kit/src/x.ts', '@mapboard/server', 'buildApp')).toEqual([
      refused('@mapboard/server', TEST_KIT_WITHOUT_SERVER),
    ])
  })

  test("the test kit may not import the server's testing entry point either", async () => {
    expect(await lintImport('packages/test-kit/src/x.ts', '@mapboard/server/testing')).toContainEqual(
      refused('@mapboard/server/testing', TEST_KIT_WITHOUT_SERVER),
    )
  })

  test("server tests, web end-to-end tests and the bench may use the server's testing entry point", async () => {
    for (const filePath of [
      'apps/server/test/x.test.ts',
      'apps/web/e2e/x.e2e.test.ts',
      'packages/bench/src/x.ts',
    ]) {
      expect(await lintImport(filePath, '@mapboard/server/testing', 'startServer'), filePath).toEqual([])
    }
  })

  test("app code and the bench's load generator may not use the server's testing entry point", async () => {
    for (const filePath of ['apps/web/src/x.ts', 'apps/server/src/x.ts', 'packages/bench/src/load/x.ts']) {
      expect(await lintImport(filePath, '@mapboard/server/testing', 'startServer'), filePath).toContainEqual(
        refused('@mapboard/server/testing', ENTRY_POINT_ONLY),
      )
    }
  })

  test('server tests and the bench may build the server through its build entry point; app code may not', async () => {
    for (const filePath of ['apps/server/test/support/x.ts', 'packages/bench/src/orchestrator/x.ts']) {
      expect(await lintImport(filePath, '@mapboard/server/build', 'ensureServerBuild'), filePath).toEqual([])
    }
    for (const filePath of ['apps/web/src/x.ts', 'apps/server/src/x.ts', 'packages/bench/src/load/x.ts']) {
      expect(
        await lintImport(filePath, '@mapboard/server/build', 'ensureServerBuild'),
        filePath,
      ).toContainEqual(refused('@mapboard/server/build', ENTRY_POINT_ONLY))
    }
  })

  test("the server's own code does not import its testing folder; the folder itself may", async () => {
    expect(await lintImport('apps/server/src/routes/x.ts', '../testing/index.ts', 'startServer')).toEqual([
      refused('../testing/index.ts', NO_TESTING_FOLDER),
    ])
    expect(await lintImport('apps/server/src/testing/x.ts', './startServer.ts', 'startServer')).toEqual([])
  })

  test('a deep import into a package fails', async () => {
    expect(await lintImport('apps/web/src/x.ts', '@mapboard/map-model/src/x')).toEqual([
      refused('@mapboard/map-model/src/x', ENTRY_POINT_ONLY),
    ])
  })

  test('in tests, a deep import other than the testing entry point still fails', async () => {
    expect(await lintImport('apps/server/test/x.test.ts', '@mapboard/server/src/buildApp.ts')).toEqual([
      refused('@mapboard/server/src/buildApp.ts', ENTRY_POINT_ONLY),
    ])
  })

  test('app code may not import the test kit', async () => {
    expect(await lintImport('apps/server/src/x.ts', '@mapboard/test-kit', 'createRng')).toEqual([
      refused('@mapboard/test-kit', TESTS_ONLY),
    ])
  })

  test("map-model's tests may import the test kit; its source may not", async () => {
    expect(await lintImport('packages/map-model/test/x.test.ts', '@mapboard/test-kit', 'createRng')).toEqual(
      [],
    )
    expect(await lintImport('packages/map-model/src/x.ts', '@mapboard/test-kit', 'createRng')).toEqual([
      refused('@mapboard/test-kit', TESTS_ONLY),
    ])
  })
})
