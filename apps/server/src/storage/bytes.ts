/** better-sqlite3 and pg hand out Buffers; callers get plain Uint8Arrays so every store returns the same type. */
export function bytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}
