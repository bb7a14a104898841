import type { Role } from '@mapboard/protocol'

/**
 * What a closed session looks like on each screen. The family and observers see a calm notice over the board in
 * place of it (nothing new reaches them meanwhile, CLOSED-2); the chair and professionals a banner saying the
 * shared map is paused while they talk.
 */
export function ClosedSessionNotice({ role }: { role: Role }) {
  if (role === 'family' || role === 'viewer') {
    return (
      <section
        className="closed-session-cover"
        aria-label="Closed session"
        data-testid="closed-session-notice"
      >
        <div className="closed-session-card" role="status">
          <h2>The professionals are talking privately</h2>
          <p>The chair will invite you back. Nothing on the map changes meanwhile.</p>
        </div>
      </section>
    )
  }
  return (
    <section
      className="closed-session-banner"
      aria-label="Closed session"
      data-testid="closed-session-banner"
    >
      <p role="status">
        <strong>Closed session.</strong> The family cannot see the board now, and the shared map is paused
        {role === 'chair' ? ' for everyone but you.' : ' until the chair ends the closed session.'}
      </p>
    </section>
  )
}
