import { createHash } from 'node:crypto'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import type { Plugin } from 'vite'

export const SERVICE_WORKER_FILE = 'sw.js'

/**
 * Writes the list of the built app's files into the service worker (serviceWorker/shellCache.ts), after the build
 * has written them all: the worker then caches exactly this build, and its bytes (so the cache's name) change
 * whenever any file does, which makes browsers install the new worker and drop the old cache.
 */
export function shellFilesPlugin(): Plugin {
  let outDir = ''
  return {
    name: 'mapboard-shell-files',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith(sep)
        ? config.build.outDir
        : join(config.root, config.build.outDir)
    },
    async writeBundle() {
      // Browsers that take .woff rather than .woff2 fonts are too old for the rest of the app anyway.
      const files = (await listFiles(outDir)).filter(
        (file) => file !== SERVICE_WORKER_FILE && !file.endsWith('.map') && !file.endsWith('.woff'),
      )
      const hash = createHash('sha256')
      for (const file of files) hash.update(file).update(await readFile(join(outDir, file)))
      const workerPath = join(outDir, SERVICE_WORKER_FILE)
      const worker = await readFile(workerPath, 'utf8')
      const filled = worker
        .replace(/(["'`])__MAPBOARD_SHELL_FILES__\1/, JSON.stringify(JSON.stringify(files)))
        .replace(
          /(["'`])__MAPBOARD_SHELL_CACHE__\1/,
          JSON.stringify(`mapboard-shell-${hash.digest('hex').slice(0, 16)}`),
        )
      if (filled.includes('__MAPBOARD_SHELL_'))
        throw new Error('the service worker has no place for the shell files')
      await writeFile(workerPath, filled)
    },
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort()
}
