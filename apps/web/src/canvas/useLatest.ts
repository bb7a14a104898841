import { useRef } from 'react'
import type { RefObject } from 'react'

/**
 * A ref that always holds this render's value: for handlers that must keep one identity (a memoised note's, a
 * native listener) yet read the latest props when they run.
 */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value)
  ref.current = value
  return ref
}
