import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, loadavg, release, totalmem } from 'node:os'
import { dirname, join } from 'node:path'

export interface MachineInfo {
  cpuModel: string
  cores: number
  memoryGiB: number
  node: string
  kernel: string
}

export function machineInfo(): MachineInfo {
  const list = cpus()
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    kernel: release(),
  }
}

export const loadAverage = (): number => loadavg()[0] ?? 0

const require = createRequire(import.meta.url)

/** The version of `name` as `resolve` finds it (walking up from its entry: not every package exports package.json). */
function versionFrom(resolve: NodeJS.Require, name: string): string {
  try {
    return (JSON.parse(readFileSync(resolve.resolve(`${name}/package.json`), 'utf8')) as { version: string })
      .version
  } catch {
    // not exported: find it from the entry
  }
  try {
    let dir = dirname(resolve.resolve(name))
    while (dir !== dirname(dir)) {
      const path = join(dir, 'package.json')
      if (existsSync(path)) {
        const manifest = JSON.parse(readFileSync(path, 'utf8')) as { name?: string; version?: string }
        if (manifest.name === name && manifest.version !== undefined) return manifest.version
      }
      dir = dirname(dir)
    }
  } catch {
    // fall through
  }
  return '?'
}

/** Installed versions of what the servers and clients under test are made of. */
export function packageVersions(): Record<string, string> {
  // fastify and ws as the Mapboard server resolves them.
  const server = createRequire(require.resolve('@mapboard/server'))
  return {
    yjs: versionFrom(require, 'yjs'),
    'y-websocket (client)': versionFrom(require, 'y-websocket'),
    '@y/websocket-server': versionFrom(require, '@y/websocket-server'),
    '@hocuspocus/server': versionFrom(require, '@hocuspocus/server'),
    '@hocuspocus/provider': versionFrom(require, '@hocuspocus/provider'),
    '@hocuspocus/extension-database': versionFrom(require, '@hocuspocus/extension-database'),
    'better-sqlite3': versionFrom(require, 'better-sqlite3'),
    fastify: versionFrom(server, 'fastify'),
    ws: versionFrom(server, 'ws'),
  }
}
