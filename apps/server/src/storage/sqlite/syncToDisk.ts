import { closeSync, fsyncSync, openSync } from 'node:fs'

/** Flushes a file, or a directory's entries after a rename in it, to the disk. */
export function syncToDisk(path: string): void {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
