/**
 * Transaction origin of every change this tab makes through its commands. The undo manager tracks only this
 * origin, so undo/redo touches "my own changes" and never someone else's.
 */
export interface LocalOrigin {
  readonly kind: 'local-user'
}

export function createLocalOrigin(): LocalOrigin {
  return { kind: 'local-user' }
}
