// The one typeface of the record, embedded in every PDF and drawn into every PNG: Noto Sans, from an npm package
// of TrueType files, so names such as "Zoë Łukasz-Nowak", Дмитрий or Ελένη print as written on any machine.
import { createRequire } from 'node:module'
import { GlobalFonts } from '@napi-rs/canvas'

export type FontWeight = 'regular' | 'semibold' | 'bold'

export const FONT_WEIGHTS: readonly FontWeight[] = ['regular', 'semibold', 'bold']

const require = createRequire(import.meta.url)

const FILES: Record<FontWeight, string> = {
  regular: require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  semibold: require.resolve('@expo-google-fonts/noto-sans/600SemiBold/NotoSans_600SemiBold.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
}

/** The TrueType file of a weight (pdfkit embeds a subset of it). */
export function fontFile(weight: FontWeight): string {
  return FILES[weight]
}

/** The family name each weight is registered under for @napi-rs/canvas (one family per file: no guessing). */
export function canvasFontFamily(weight: FontWeight): string {
  return `Mapboard Record ${weight}`
}

let registered = false

/** Registers the files with @napi-rs/canvas once per process (its font registry is global). */
export function registerCanvasFonts(): void {
  if (registered) return
  for (const weight of FONT_WEIGHTS) {
    GlobalFonts.registerFromPath(FILES[weight], canvasFontFamily(weight))
  }
  registered = true
}
