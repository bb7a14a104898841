// `pnpm --filter @mapboard/server build`: the server as JavaScript in dist/, so `pnpm start` runs plain Node
// (decision 0046). esbuild bundles our own code — this app and the workspace packages, which export TypeScript
// sources — and leaves every npm package external, to be loaded from node_modules as it is: native addons
// (better-sqlite3, @napi-rs/canvas, pg) cannot be bundled, and packages that read their own files (pdfkit's font
// metrics, the Noto Sans files) must stay where they are.
//
// dist/main.js is what `pnpm start` runs; dist/index.js is the package's API (buildApp…) for the bench's server
// process and the tests' held server. Both share chunks, so loading one loads the other's code once.
// dist/sqliteWriter.js is the SQLite writer thread (decision 0050).
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { isBuiltin } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import type { Metafile, Plugin } from 'esbuild'

const serverDir = dirname(fileURLToPath(import.meta.url))
const repoRoot = join(serverDir, '..', '..')
export const SERVER_DIST_DIR = join(serverDir, 'dist')
/** What the last build read (esbuild's metafile), to tell whether dist/ is older than its sources. */
const METAFILE = join(SERVER_DIST_DIR, 'metafile.json')

const WORKSPACE_SCOPE = '@mapboard/'

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/')
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/')
}

/** Bare imports of npm packages stay imports; `@mapboard/*` and relative paths are bundled. */
const npmPackagesExternal: Plugin = {
  name: 'npm-packages-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith(WORKSPACE_SCOPE)) return undefined
      return { path: args.path, external: true }
    })
  },
}

interface PackageJson {
  name: string
  dependencies?: Record<string, string>
}

function readPackageJson(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson
}

/** The workspace package a bundled file belongs to: `packages/record/src/x.ts` → `packages/record`. */
function packageDirOf(input: string): string {
  const [top, name] = input.split('/')
  if (top === 'apps' || top === 'packages') return `${top}/${name}`
  throw new Error(`${input} is outside the workspace's apps and packages`)
}

/**
 * The npm packages the bundle imports must be dependencies of @mapboard/server, at the range the importing
 * workspace package asks for: dist/ resolves them from apps/server/node_modules, not from the package whose
 * source imported them. Returns what is wrong, one line each.
 */
export function externalDependencyProblems(metafile: Metafile): string[] {
  const server = readPackageJson(serverDir)
  const serverDependencies = server.dependencies ?? {}
  const problems = new Set<string>()
  for (const [input, { imports }] of Object.entries(metafile.inputs)) {
    const importerDir = packageDirOf(relative(repoRoot, join(serverDir, input)))
    const importer = readPackageJson(join(repoRoot, importerDir))
    for (const { path, external } of imports) {
      if (!external || isBuiltin(path)) continue
      const name = packageName(path)
      const wanted = importer.dependencies?.[name]
      const have = serverDependencies[name]
      if (have === undefined) {
        problems.add(`${importer.name} imports ${name}, which is not a dependency of ${server.name}`)
      } else if (wanted !== undefined && wanted !== have) {
        problems.add(`${importer.name} wants ${name}@${wanted}, ${server.name} has ${have}`)
      }
    }
  }
  return [...problems]
}

/** Empties dist/ and bundles the server into it; throws when an npm package it imports is not installed for it. */
export async function buildServer(): Promise<Metafile> {
  rmSync(SERVER_DIST_DIR, { recursive: true, force: true })
  const result = await build({
    absWorkingDir: serverDir,
    // sqliteWriter: the SQLite writer thread's own entry (storage/sqliteThread/WriterThread.ts starts it from here).
    entryPoints: {
      main: 'src/main.ts',
      index: 'src/index.ts',
      sqliteWriter: 'src/storage/sqliteThread/sqliteWriter.ts',
    },
    outdir: SERVER_DIST_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Flat: every file of dist/ sits as deep as the sources in src/, so paths found from import.meta.url
    // (config.ts's DEFAULT_WEB_DIST_DIR: ../../web/dist) point at the same place from both.
    chunkNames: '[name]-[hash]',
    sourcemap: true,
    plugins: [npmPackagesExternal],
    metafile: true,
    logLevel: 'warning',
  })
  const problems = externalDependencyProblems(result.metafile)
  if (problems.length > 0) {
    throw new Error(
      `The server bundle imports npm packages that apps/server/package.json does not provide:\n` +
        `${problems.map((problem) => `  - ${problem}`).join('\n')}\n` +
        `Add them with \`pnpm --filter @mapboard/server add <package>@<range>\` (same range as the importer).`,
    )
  }
  writeFileSync(METAFILE, JSON.stringify(result.metafile))
  return result.metafile
}

/** Whether dist/ was built after every file it was built from (and this script) last changed. */
export function serverBuildIsCurrent(): boolean {
  if (!existsSync(METAFILE)) return false
  const builtAt = statSync(METAFILE).mtimeMs
  const metafile = JSON.parse(readFileSync(METAFILE, 'utf8')) as Metafile
  const sources = [
    ...Object.keys(metafile.inputs).map((input) => join(serverDir, input)),
    fileURLToPath(import.meta.url),
    join(serverDir, 'package.json'),
  ]
  return sources.every((source) => existsSync(source) && statSync(source).mtimeMs <= builtAt)
}

/** Builds the server unless dist/ is current: for the tests that start it as a process. */
export async function ensureServerBuild(): Promise<void> {
  if (!serverBuildIsCurrent()) await buildServer()
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now()
  try {
    const metafile = await buildServer()
    const bytes = Object.values(metafile.outputs).reduce((sum, output) => sum + output.bytes, 0)
    process.stdout.write(
      `Built the server into ${relative(process.cwd(), SERVER_DIST_DIR) || '.'} ` +
        `(${Object.keys(metafile.outputs).length} files, ${(bytes / 1024).toFixed(0)} KiB) ` +
        `in ${Math.round(performance.now() - started)} ms\n`,
    )
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  }
}
