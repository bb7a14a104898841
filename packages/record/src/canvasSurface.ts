// MapSurface over an @napi-rs/canvas 2D context (the PNG).
import type { SKRSContext2D } from '@napi-rs/canvas'
import { canvasFontFamily, registerCanvasFonts } from './fonts.ts'
import type { FontWeight } from './fonts.ts'
import { cachedMeasure } from './MapSurface.ts'
import type { MapSurface } from './MapSurface.ts'

function font(weight: FontWeight, size: number): string {
  return `${size}px "${canvasFontFamily(weight)}"`
}

/** Draws in board units on `context`; the caller sets the scale (the pixel ratio). */
export function canvasSurface(context: SKRSContext2D): MapSurface {
  registerCanvasFonts()
  context.textBaseline = 'alphabetic'
  return {
    measure: cachedMeasure((text, weight, size) => {
      context.font = font(weight, size)
      return context.measureText(text).width
    }),
    roundRect(x, y, width, height, radius, style) {
      context.beginPath()
      context.roundRect(x, y, width, height, Math.min(radius, width / 2, height / 2))
      context.globalAlpha = style.opacity ?? 1
      context.fillStyle = style.fill
      context.fill()
      context.globalAlpha = 1
      if (style.stroke !== undefined) {
        context.lineWidth = 1
        context.strokeStyle = style.stroke
        context.stroke()
      }
    },
    text(text, x, y, style) {
      if (text === '') return
      context.font = font(style.weight, style.size)
      context.fillStyle = style.colour
      context.fillText(text, x, y)
    },
  }
}
