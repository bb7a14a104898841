// What drawMap needs of a drawing backend. The PNG (@napi-rs/canvas) and the PDF's map page (pdfkit, vector)
// implement it, so both draw the same picture from the same code. Units are board units (layout()).
import type { FontWeight } from './fonts.ts'

export interface TextStyle {
  size: number
  weight: FontWeight
  colour: string
}

export interface ShapeStyle {
  fill: string
  stroke?: string
  /** 0–1, of the fill; default 1. */
  opacity?: number
}

export interface MapSurface {
  /** Width of one line of `text` at `size`. */
  measure(text: string, weight: FontWeight, size: number): number
  roundRect(x: number, y: number, width: number, height: number, radius: number, style: ShapeStyle): void
  /** One line of text; `y` is its baseline. */
  text(text: string, x: number, y: number, style: TextStyle): void
}

/**
 * Widths of text at a reference size, cached per weight and string and scaled: glyph advances scale linearly with
 * the font size, and a big map measures the same words thousands of times.
 */
export function cachedMeasure(
  measureAt: (text: string, weight: FontWeight, size: number) => number,
): MapSurface['measure'] {
  const REFERENCE_SIZE = 100
  const cache = new Map<string, number>()
  return (text, weight, size) => {
    const key = `${weight}\u0000${text}`
    let width = cache.get(key)
    if (width === undefined) {
      width = measureAt(text, weight, REFERENCE_SIZE)
      cache.set(key, width)
    }
    return (width * size) / REFERENCE_SIZE
  }
}
