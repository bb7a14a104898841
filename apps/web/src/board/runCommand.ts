import { MapValidationError } from '@mapboard/map-model'

/** Said when a command fails for any reason other than its input: the person learns it did not happen. */
export const GENERAL_NOTICE = 'That change could not be made.'

/** Runs one command and says whether it went through; a failure has already been told to the person. */
export type RunCommand = (command: () => void) => boolean

/**
 * Runs a command (a map-model command or one of BoardCommands/ConferenceCommands) and turns a failure into a
 * notice. A MapValidationError is written for people, so its message is shown as it is; anything else is a
 * fault rather than a wrong input: its message is not for people, so they get `fallback`, and the console gets
 * the error itself. Nothing is swallowed silently.
 */
export function runCommand(
  command: () => void,
  notify: (message: string) => void,
  fallback: string = GENERAL_NOTICE,
): boolean {
  try {
    command()
    return true
  } catch (error) {
    if (error instanceof MapValidationError) {
      notify(error.message)
    } else {
      console.error(error)
      notify(fallback)
    }
    return false
  }
}
