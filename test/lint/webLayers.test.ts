// The web app's folder layers (WEB_LAYERS in eslint.config.js), proven on small sources: each case lints a
// two-line module as if it lived in a folder of apps/web/src, importing a real module of another folder (the rule
// judges the file an import resolves to, so it must exist).
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, test } from 'vitest'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const eslint = new ESLint({ cwd: repoRoot })
const webSrc = 'apps/web/src'

interface LintMessage {
  ruleId: string | null
  message: string
}

/** Every lint message for a module at `filePath` that imports `name` from `specifier` and uses it. */
async function lintImport(filePath: string, specifier: string, name: string): Promise<LintMessage[]> {
  const code = `import { ${name} } from '${specifier}'\nexport const used = ${name}\n`
  const [result] = await eslint.lintText(code, { filePath })
  if (result === undefined) throw new Error(`no lint result for ${filePath}`)
  return result.messages.map(({ ruleId, message }) => ({ ruleId, message }))
}

/** The message import-x/no-restricted-paths gives for `specifier` in a layer that may import only `below`. */
function refused(specifier: string, layer: string, below: string): LintMessage {
  return {
    ruleId: 'import-x/no-restricted-paths',
    message: `Unexpected path "${specifier}" imported in restricted zone. Web layers (apps/web/README.md): ${layer} may import ${below}.`,
  }
}

describe('web layers', () => {
  test('a folder may not import a later one (the circles there were: board, canvas and record with meeting; ui with canvas)', async () => {
    expect(await lintImport(`${webSrc}/board/x.ts`, '../meeting/MeetingPanel.tsx', 'MeetingPanel')).toEqual([
      refused('../meeting/MeetingPanel.tsx', 'board', 'only api'),
    ])
    expect(await lintImport(`${webSrc}/canvas/x.ts`, '../meeting/AgendaBar.tsx', 'AgendaBar')).toEqual([
      refused('../meeting/AgendaBar.tsx', 'canvas', 'only api, board, ui, newInformation, closing, record'),
    ])
    expect(await lintImport(`${webSrc}/record/x.ts`, '../meeting/useConference.ts', 'useConference')).toEqual(
      [refused('../meeting/useConference.ts', 'record', 'only api, board, ui, newInformation, closing')],
    )
    expect(await lintImport(`${webSrc}/ui/x.tsx`, '../canvas/BoardCanvas.tsx', 'BoardCanvas')).toEqual([
      refused('../canvas/BoardCanvas.tsx', 'ui', 'only api, board'),
    ])
  })

  test('the lowest folder imports no other; no folder imports the app on top', async () => {
    expect(await lintImport(`${webSrc}/api/x.ts`, '../board/runCommand.ts', 'runCommand')).toEqual([
      refused('../board/runCommand.ts', 'api', 'no other folder'),
    ])
    expect(await lintImport(`${webSrc}/landing/x.tsx`, '../App.tsx', 'App')).toEqual([
      refused(
        '../App.tsx',
        'landing',
        'only api, board, ui, newInformation, closing, record, canvas, checklist, activity, meeting, outline, invite, chair, screen, join',
      ),
    ])
  })

  test('a folder may import an earlier one, and its own files', async () => {
    expect(
      await lintImport(
        `${webSrc}/meeting/x.ts`,
        '../board/ConferenceCommands.ts',
        'createConferenceCommands',
      ),
    ).toEqual([])
    expect(await lintImport(`${webSrc}/screen/x.tsx`, '../canvas/BoardCanvas.tsx', 'BoardCanvas')).toEqual([])
    expect(await lintImport(`${webSrc}/join/x.tsx`, '../screen/BoardScreen.tsx', 'BoardScreen')).toEqual([])
    expect(await lintImport(`${webSrc}/meeting/x.ts`, './useConference.ts', 'useConference')).toEqual([])
  })

  test('every folder of the web app has its place in the layers', async () => {
    const folders = readdirSync(new URL(`../../${webSrc}`, import.meta.url), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
    expect(folders.length).toBeGreaterThan(5)
    for (const folder of folders) {
      const config = (await eslint.calculateConfigForFile(`${webSrc}/${folder}/x.ts`)) as {
        rules?: Record<string, [unknown, { zones: Array<{ target: string }> }?]>
      }
      const zones = config.rules?.['import-x/no-restricted-paths']?.[1]?.zones ?? []
      expect(
        zones.map((zone) => zone.target),
        folder,
      ).toContain(`${webSrc}/${folder}`)
    }
  })
})
