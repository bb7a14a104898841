import { Suspense, lazy, useCallback, useEffect, useState } from 'react'
import { LandingPage } from './landing/LandingPage.tsx'

// The board (Konva, Yjs) is most of the code; the start page does not wait for it.
const JoinPage = lazy(() => import('./join/JoinPage.tsx').then((module) => ({ default: module.JoinPage })))

const MAP_PATH = /^\/m\/([A-Za-z0-9_-]+)\/?$/

/** Two pages: `/` (create a map) and `/m/<mapId>` (the board). A tiny history-based router is all it takes. */
export function App() {
  const [path, setPath] = useState(() => window.location.pathname)

  useEffect(() => {
    const onPop = (): void => setPath(window.location.pathname)
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [])

  const navigate = useCallback((to: string) => {
    window.history.pushState(null, '', to)
    setPath(window.location.pathname)
  }, [])

  const mapId = MAP_PATH.exec(path)?.[1]
  if (mapId !== undefined) {
    return (
      <Suspense fallback={<main className="centred-page" aria-busy="true" />}>
        <JoinPage key={mapId} mapId={mapId} />
      </Suspense>
    )
  }
  if (path === '/' || path === '/index.html') return <LandingPage navigate={navigate} />
  return (
    <main className="centred-page">
      <div className="card">
        <h1>Page not found</h1>
        <a className="button button-primary" href="/">
          Go to the start page
        </a>
      </div>
    </main>
  )
}
