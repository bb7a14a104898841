// The record's PNG encoder: what it writes must decode to exactly the pixels it was given.
import { expect, it } from 'vitest'
import { createCanvas, loadImage } from '@napi-rs/canvas'
import { encodeRgbaPng } from '../src/encodePng.ts'

it('writes a PNG that decodes to the same opaque pixels, across several bands of rows', async () => {
  const width = 37
  const height = 301 // more than two bands, the last one short
  const pixels = new Uint8Array(width * height * 4)
  for (let i = 0; i < width * height; i++) {
    pixels.set([(i * 7) % 256, (i * 13) % 256, (i * 29) % 256, 255], i * 4)
  }
  const png = await encodeRgbaPng(width, height, pixels)
  const image = await loadImage(Buffer.from(png))
  expect([image.width, image.height]).toEqual([width, height])
  const canvas = createCanvas(width, height)
  const context = canvas.getContext('2d')
  context.drawImage(image, 0, 0)
  expect(Buffer.from(context.getImageData(0, 0, width, height).data).equals(Buffer.from(pixels))).toBe(true)
})

it('refuses pixel data that does not match the size', async () => {
  await expect(encodeRgbaPng(2, 2, new Uint8Array(15))).rejects.toThrow(/does not match/)
})
