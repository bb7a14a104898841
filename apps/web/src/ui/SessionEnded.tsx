import { CloseCode } from '@mapboard/protocol'

const MESSAGES: Record<number, { title: string; body: string }> = {
  [CloseCode.Unauthorized]: {
    title: 'This link does not work',
    body: 'It may have expired, or only part of it was copied. Ask the chair for a new link to the map.',
  },
  [CloseCode.Forbidden]: {
    title: 'This link has been withdrawn by the chair.',
    body: 'You are no longer connected to the map. If you still need to take part, ask the chair for a new link.',
  },
  [CloseCode.MapNotFound]: {
    title: 'This map does not exist',
    body: 'Check that you opened the whole link you were sent.',
  },
  [CloseCode.MapErased]: {
    title: 'This map has been erased',
    body: 'Nothing of it is kept here any more. If you need the record of the meeting, ask the chair.',
  },
  [CloseCode.ClientIdTaken]: {
    title: 'This board was opened again somewhere else',
    body: 'Reload the page to carry on here.',
  },
  [CloseCode.TooManyRefusals]: {
    title: 'The map stopped taking changes from this device',
    body: 'It sent changes faster than anyone can make them, or too many of its changes were refused. Reload the page to see the map as it is and carry on.',
  },
  [CloseCode.MessageTooLarge]: {
    title: 'A change was too large to send',
    body: 'Reload the page and try again with a shorter note.',
  },
}

/** Shown when the server ended the session for good (a 44xx close code): reconnecting would not help. */
export function SessionEnded({ code }: { code: number | null }) {
  const message = (code !== null ? MESSAGES[code] : undefined) ?? {
    title: 'The connection was closed',
    body: 'Reload the page to try again. If this keeps happening, ask the chair for a new link.',
  }
  // It takes the whole page in place of the board, so it is the page's main content and its one heading.
  return (
    <main>
      <div className="session-ended" role="alert" data-testid="session-ended" data-code={code ?? undefined}>
        <h1>{message.title}</h1>
        <p>{message.body}</p>
        <a className="button button-primary" href="/">
          Go to the start page
        </a>
      </div>
    </main>
  )
}
