import type Konva from 'konva'
import { BOARD_BACKGROUND, INK, SURFACE } from '../ui/palette.ts'

/** The words on every saved view, so a picture of one screen is never taken for the record. */
export const MY_VIEW_LABEL = 'My view — not the record'

/** The band across the top, in CSS px: the label, the map's title, who saved it and when. */
export const MY_VIEW_BAND = 74
const PIXEL_RATIO = 2
const FONT = 'Inter, system-ui, sans-serif'

export interface MyViewStamp {
  title: string
  name: string
  at: Date
}

/**
 * What this person sees on the board now (the stage's viewport at its current pan and zoom), as a PNG with a band
 * across the top saying it is their view, not the record, with the map, who saved it and when.
 */
export function myViewPicture(stage: Konva.Stage, stamp: MyViewStamp): Promise<Blob> {
  const width = stage.width()
  const height = stage.height()
  const picture = stage.toCanvas({ pixelRatio: PIXEL_RATIO })
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(width * PIXEL_RATIO)
  canvas.height = Math.round((height + MY_VIEW_BAND) * PIXEL_RATIO)
  const context = canvas.getContext('2d')
  if (context === null) return Promise.reject(new Error('This browser cannot draw the picture.'))
  context.scale(PIXEL_RATIO, PIXEL_RATIO)
  context.fillStyle = BOARD_BACKGROUND
  context.fillRect(0, MY_VIEW_BAND, width, height)
  context.drawImage(picture, 0, MY_VIEW_BAND, width, height)

  context.fillStyle = INK
  context.fillRect(0, 0, width, MY_VIEW_BAND)
  context.fillStyle = SURFACE
  context.textBaseline = 'alphabetic'
  context.font = `700 17px ${FONT}`
  context.fillText(fit(context, MY_VIEW_LABEL, width - 24), 12, 24)
  context.font = `400 13px ${FONT}`
  const when = stamp.at.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })
  context.fillText(fit(context, stamp.title || 'Untitled map', width - 24), 12, 44)
  context.fillText(fit(context, `Saved by ${stamp.name}, ${when}`, width - 24), 12, 62)

  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (blob === null) reject(new Error('The picture could not be made.'))
      else resolve(blob)
    }, 'image/png')
  })
}

/** The text, cut with an ellipsis to fit `maxWidth` (a narrow phone). */
function fit(context: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (context.measureText(text).width <= maxWidth) return text
  let cut = text
  while (cut.length > 1 && context.measureText(`${cut}…`).width > maxWidth) cut = cut.slice(0, -1)
  return `${cut.trimEnd()}…`
}
