// Maps a position in the server's build (apps/server/dist, bundled by esbuild with source maps) back to the
// source file it came from, so a CPU profile of the built server can be read by module.
import { readdir, readFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { decode } from '@jridgewell/sourcemap-codec'
import type { SourceMapMappings } from '@jridgewell/sourcemap-codec'

/** The source file (relative to the repository) of a 0-based line and column of a script, if known. */
export type SourceLocator = (url: string, line: number, column: number) => string | undefined

interface LoadedMap {
  sources: string[]
  mappings: SourceMapMappings
}

/** The source index of the last segment at or before `column` on `line` (segments are sorted by column). */
export function sourceAt(mappings: SourceMapMappings, line: number, column: number): number | undefined {
  const segments = mappings[line]
  if (segments === undefined || segments.length === 0) return undefined
  let low = 0
  let high = segments.length - 1
  let found: number | undefined
  while (low <= high) {
    const middle = (low + high) >> 1
    const segment = segments[middle]
    if (segment === undefined) break
    if (segment[0] <= column) {
      found = middle
      low = middle + 1
    } else {
      high = middle - 1
    }
  }
  const segment = segments[found ?? 0]
  return segment === undefined || segment.length < 4 ? undefined : segment[1]
}

/** Reads every `*.js.map` in `distDir`; sources come back relative to `root`. */
export async function sourceMapsIn(distDir: string, root: string): Promise<SourceLocator> {
  const maps = new Map<string, LoadedMap>()
  let names: string[] = []
  try {
    names = await readdir(distDir)
  } catch {
    // No build: every frame keeps its URL.
  }
  for (const name of names.filter((file) => file.endsWith('.js.map'))) {
    const raw = JSON.parse(await readFile(join(distDir, name), 'utf8')) as {
      sources: string[]
      mappings: string
    }
    const script = join(distDir, name.slice(0, -'.map'.length))
    maps.set(pathToFileURL(script).href, {
      sources: raw.sources.map((source) => relative(root, resolve(distDir, source))),
      mappings: decode(raw.mappings),
    })
  }
  return (url, line, column) => {
    const map = maps.get(url)
    if (map === undefined) return url.startsWith('file:') ? relative(root, fileURLToPath(url)) : undefined
    const index = sourceAt(map.mappings, line, column)
    return index === undefined ? undefined : map.sources[index]
  }
}

/** For tests and callers without a build: file URLs relative to `root`, nothing mapped. */
export function plainLocator(root: string): SourceLocator {
  return (url) => (url.startsWith('file:') ? relative(root, fileURLToPath(url)) : undefined)
}
