export interface WaitForOptions {
  /** How often to ask (default 10 ms). */
  intervalMs?: number
  /** Said in the error when time runs out. */
  message?: string
}

/**
 * Resolves with the predicate's first truthy answer; rejects after `timeoutMs` (default 5000). The predicate may
 * be async; an exception in it counts as "not yet" and its message is reported if time runs out.
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  timeoutMs = 5000,
  options: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  const intervalMs = options.intervalMs ?? 10
  let lastError: unknown
  for (;;) {
    try {
      const value = await predicate()
      if (value) return value as NonNullable<T>
    } catch (error) {
      lastError = error
    }
    if (Date.now() >= deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : ''
      throw new Error(`${options.message ?? 'condition not met'} within ${timeoutMs} ms${detail}`)
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
