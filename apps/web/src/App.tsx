import { Suspense, lazy, useCallback, useEffect, useState } from 'react'
import { LandingPage } from './landing/LandingPage.tsx'
import { NotFoundPage, pageWasNotFound } from './ui/NotFoundPage.tsx'

// The board (Konva, Yjs) is most of the code; the start page does not wait for it.
const JoinPage = lazy(() => import('./join/JoinPage.tsx').then((module) => ({ default: module.JoinPage })))

const MAP_PATH = /^\/m\/([A-Za-z0-9_-]+)\/?$/

/** Two pages: `/` (create a map) and `/m/<mapId>` (the board). A tiny history-based router is all it takes. */
export function App() {
  const [path, setPath] = useState(() => window.location.pathname)
  // The server's 404 holds for the address the page was opened at, not for where it goes from there.
  const [notFoundPath] = useState(() => (pageWasNotFound() ? window.location.pathname : null))

  useEffect(() => {
    const onPop = (): void => setPath(window.location.pathname)
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [])

  const navigate = useCallback((to: string) => {
    window.history.pushState(null, '', to)
    setPath(window.location.pathname)
  }, [])

  if (path === notFoundPath) return <NotFoundPage />
  const mapId = MAP_PATH.exec(path)?.[1]
  if (mapId !== undefined) {
    return (
      <Suspense fallback={<main className="centred-page" aria-busy="true" />}>
        <JoinPage key={mapId} mapId={mapId} />
      </Suspense>
    )
  }
  if (path === '/' || path === '/index.html') return <LandingPage navigate={navigate} />
  return <NotFoundPage />
}
