import { readFile, writeFile } from 'node:fs/promises'
import * as prettier from 'prettier'

/**
 * Puts `body` between `<!-- bench:<name>:start -->` and `<!-- bench:<name>:end -->` in `document`, leaving
 * everything else (other benchmarks' sections) as it is. Without markers yet, the section is appended.
 */
export function replaceSection(document: string, name: string, body: string): string {
  const start = `<!-- bench:${name}:start -->`
  const end = `<!-- bench:${name}:end -->`
  const block = `${start}\n\n${body.trim()}\n\n${end}`
  const from = document.indexOf(start)
  const to = document.indexOf(end)
  if (from !== -1 && to > from) return document.slice(0, from) + block + document.slice(to + end.length)
  const base = document.trimEnd()
  return `${base}${base === '' ? '' : '\n\n'}${block}\n`
}

/**
 * Writes `body` as section `name` of the markdown file at `path` (docs/benchmarks.md), keeping the other sections;
 * a missing file starts as `header`.
 */
export async function writeSection(
  path: string,
  name: string,
  body: string,
  header = '# Benchmarks\n',
): Promise<void> {
  let document = header
  try {
    document = await readFile(path, 'utf8')
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error
  }
  await writeFile(path, await inRepositoryStyle(path, replaceSection(document, name, body)))
}

/** `text` formatted as prettier would for the file at `path`, so `pnpm format:check` passes on it. */
export async function inRepositoryStyle(path: string, text: string): Promise<string> {
  const options = (await prettier.resolveConfig(path)) ?? {}
  return prettier.format(text, { ...options, filepath: path })
}
