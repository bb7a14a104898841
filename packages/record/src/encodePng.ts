// A PNG encoder for the record's picture. Skia's own (`canvas.encode('png')`) compresses hard and took ~1.3 s for a
// 500-note map, most of an export; this one takes the canvas's pixels as they are (RGBA, 8 bits, opaque because the
// picture is drawn on white, so premultiplied and straight alpha agree), adds the "none" filter byte to each row and
// deflates at a low level on zlib's thread pool, band by band so a tall map never needs a second full copy in memory.
// A map is mostly flat colour, so the file is still small.
import { crc32, createDeflate } from 'node:zlib'

const SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
/** Level 1 speed, a little smaller; level 6 saves another third of the bytes but doubles the time. */
const DEFLATE_LEVEL = 2
/** Rows deflated per write. */
const BAND_ROWS = 128

/** Encodes `rgba` (width × height pixels, 4 bytes each, rows top to bottom) as a PNG. */
export async function encodeRgbaPng(width: number, height: number, rgba: Uint8Array): Promise<Uint8Array> {
  const stride = width * 4
  if (rgba.byteLength !== stride * height) throw new Error('pixel data does not match the size')
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bits per channel
  header[9] = 6 // colour type: RGBA
  // compression method, filter method and interlace are all 0
  const compressed = await deflateRows(rgba, stride, height)
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', compressed),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

async function deflateRows(rgba: Uint8Array, stride: number, height: number): Promise<Buffer> {
  const deflate = createDeflate({ level: DEFLATE_LEVEL })
  const parts: Buffer[] = []
  deflate.on('data', (part: Buffer) => parts.push(part))
  const finished = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve)
    deflate.on('error', reject)
  })
  for (let top = 0; top < height; top += BAND_ROWS) {
    const rows = Math.min(BAND_ROWS, height - top)
    const band = Buffer.allocUnsafe(rows * (stride + 1))
    for (let row = 0; row < rows; row++) {
      const at = row * (stride + 1)
      band[at] = 0 // filter: none
      band.set(rgba.subarray((top + row) * stride, (top + row + 1) * stride), at + 1)
    }
    if (!deflate.write(band)) await new Promise((resolve) => deflate.once('drain', resolve))
  }
  deflate.end()
  await finished
  return Buffer.concat(parts)
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'latin1')
  data.copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}
