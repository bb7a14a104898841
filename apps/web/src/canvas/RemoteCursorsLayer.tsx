import { useLayoutEffect, useRef } from 'react'
import type { CursorRole, RemoteCursors } from '../board/RemoteCursors.ts'
import { useRemoteCursors } from '../board/useRemoteCursors.ts'
import type { Camera } from './Camera.ts'

/** A colour per role, as the role chips in the roster; white text on each meets WCAG AA. */
export const CURSOR_COLOUR: Record<CursorRole, string> = {
  chair: '#1f3a5f',
  professional: '#2a63b0',
  family: '#1d6b3a',
}

/**
 * Other people's pointers over the board, each with their name in their role's colour. Drawn in the DOM above
 * the stage at a constant size, placed from the camera without React renders (as the note editor is). Decorative
 * for assistive technology: who is here is in the roster, and what they do arrives as changes to the map.
 */
export function RemoteCursorsLayer({ cursors, camera }: { cursors: RemoteCursors; camera: Camera }) {
  const shown = useRemoteCursors(cursors)
  const layerRef = useRef<HTMLDivElement>(null)

  useLayoutEffect(() => {
    const place = (): void => {
      const view = camera.get()
      for (const element of layerRef.current?.children ?? []) {
        if (!(element instanceof HTMLElement)) continue
        const x = Number(element.dataset['x']) * view.scale + view.x
        const y = Number(element.dataset['y']) * view.scale + view.y
        element.style.transform = `translate(${x}px, ${y}px)`
      }
    }
    place()
    return camera.subscribe(place)
  }, [camera, shown])

  if (!cursors.enabled) return null
  return (
    <div ref={layerRef} className="remote-cursors" aria-hidden="true">
      {shown.map((cursor) => (
        <div
          key={cursor.clientId}
          className="remote-cursor"
          data-testid="remote-cursor"
          data-role={cursor.role}
          data-x={cursor.x}
          data-y={cursor.y}
          style={{ color: CURSOR_COLOUR[cursor.role] }}
        >
          <svg width="16" height="20" viewBox="0 0 16 20" aria-hidden="true">
            <path d="M1 1 L1 16 L5 12 L8 19 L11 17.5 L8 11 L14 11 Z" fill="currentColor" stroke="#fff" />
          </svg>
          <span className="remote-cursor-name" style={{ background: CURSOR_COLOUR[cursor.role] }}>
            {cursor.name}
          </span>
        </div>
      ))}
    </div>
  )
}
