import { useEffect, useState } from 'react'

const FONTS = ['400 16px Inter', '600 16px Inter', '700 16px Inter', 'italic 400 16px Inter']
const GIVE_UP_MS = 2_500

/**
 * Konva draws text once, with whatever font is loaded at that moment, and measures wrapping with it. Wait for
 * Inter (bundled, so this is quick) before drawing; give up after a moment rather than show nothing.
 */
export function useFontsReady(): boolean {
  const [ready, setReady] = useState(() => typeof document === 'undefined' || !('fonts' in document))
  useEffect(() => {
    if (ready) return
    let cancelled = false
    const done = (): void => {
      if (!cancelled) setReady(true)
    }
    const timer = setTimeout(done, GIVE_UP_MS)
    Promise.all(FONTS.map((font) => document.fonts.load(font))).then(done, done)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [ready])
  return ready
}
