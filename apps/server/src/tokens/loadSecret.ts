import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const SECRET_FILE_NAME = 'token-secret'

export interface LoadedSecret {
  secret: string
  /** Where it came from, for the start-up log (never the secret itself). */
  source: 'option' | 'file' | 'generated'
  /** Set when the stored file can be read by other users. */
  warning?: string
}

/**
 * The HMAC secret for join tokens: the configured one, else the one stored in the data dir, else a new one
 * written there (mode 0600) so links keep working across restarts.
 */
export function loadSecret(dataDir: string, configured: string | undefined): LoadedSecret {
  if (configured !== undefined && configured !== '') {
    if (Buffer.byteLength(configured) < 32)
      throw new Error('MAPBOARD_SECRET must be at least 32 characters long')
    return { secret: configured, source: 'option' }
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const path = join(dataDir, SECRET_FILE_NAME)
  try {
    // 'wx' fails if the file exists, so two servers starting at once cannot overwrite each other's secret.
    writeFileSync(path, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' })
    return { secret: readFileSync(path, 'utf8'), source: 'generated' }
  } catch (error) {
    if (!isErrnoException(error) || error.code !== 'EEXIST') throw error
  }
  const secret = readFileSync(path, 'utf8').trim()
  if (Buffer.byteLength(secret) < 32)
    throw new Error(`${path} holds no usable secret; delete it to make a new one`)
  const mode = statSync(path).mode & 0o777
  const warning =
    (mode & 0o077) !== 0 ? `${path} is readable by other users (mode ${mode.toString(8)})` : undefined
  return warning === undefined ? { secret, source: 'file' } : { secret, source: 'file', warning }
}

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error
}
