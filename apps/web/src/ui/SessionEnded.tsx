import { CloseCode } from '@mapboard/protocol'

const MESSAGES: Record<number, { title: string; body: string }> = {
  [CloseCode.Unauthorized]: {
    title: 'This link does not work',
    body: 'It may have expired, or only part of it was copied. Ask the chair for a new link to the map.',
  },
  [CloseCode.Forbidden]: {
    title: 'This link has been withdrawn',
    body: 'The chair has withdrawn this link. Ask them for a new one if you still need to join.',
  },
  [CloseCode.MapNotFound]: {
    title: 'This map does not exist',
    body: 'Check that you opened the whole link you were sent.',
  },
}

/** Shown when the server ended the session for good (a 44xx close code): reconnecting would not help. */
export function SessionEnded({ code }: { code: number | null }) {
  const message = (code !== null ? MESSAGES[code] : undefined) ?? {
    title: 'The connection was closed',
    body: 'Reload the page to try again. If this keeps happening, ask the chair for a new link.',
  }
  return (
    <div className="session-ended" role="alert" data-testid="session-ended">
      <h2>{message.title}</h2>
      <p>{message.body}</p>
      <a className="button button-primary" href="/">
        Go to the start page
      </a>
    </div>
  )
}
