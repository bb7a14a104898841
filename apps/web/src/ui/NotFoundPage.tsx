/**
 * An address with no map behind it: a mistyped path, a map that was never made or has been removed. Said calmly
 * and plainly, with the way back; the server answers such a navigation with status 404 and this page.
 */
export function NotFoundPage() {
  return (
    <main className="centred-page">
      <div className="card" data-testid="not-found">
        <h1>This map could not be found</h1>
        <p className="lead">
          The address may be mistyped or cut short, or the map may no longer be kept. Open the whole link you
          were sent again, or ask the chair for a new one.
        </p>
        <a className="button button-primary" href="/">
          Go to the start page
        </a>
      </div>
    </main>
  )
}

/** Whether the server answered this page's own address with 404 (browsers without Navigation Timing say no). */
export function pageWasNotFound(): boolean {
  const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[]
  return navigation?.responseStatus === 404
}
