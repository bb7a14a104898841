import { HttpError } from '../http/errors.ts'

/** What a change asked of a closed map gets (READONLY-1, decision 0042): the same words as an edit's refusal. */
export function mapClosedError(): HttpError {
  return new HttpError(
    409,
    'MAP_CLOSED',
    'This map is closed: nothing on it can be changed unless the chair reopens it.',
  )
}
