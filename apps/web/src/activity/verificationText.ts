import type { AuditVerification } from '@mapboard/protocol'

/**
 * "Check the trail" in plain words (decision 0044): intact, or the first entry that is not as it was written and
 * what that means. The chain proves the order and content of what the server wrote, so a break says where to look,
 * not who did it.
 */
export function verificationText(result: AuditVerification): { headline: string; detail: string } {
  if (result.ok) {
    const all = result.entries === 1 ? 'The 1 entry is' : `All ${result.entries} entries are`
    return {
      headline: 'The trail is intact.',
      detail: `${all} exactly as the server wrote them, in order, with none missing.`,
    }
  }
  const at = result.firstBad ?? result.entries + 1
  const before = at <= 1 ? 'No entry can be trusted as written.' : `Entries 1 to ${at - 1} are as written.`
  return {
    headline: `The trail is broken at entry ${at}.`,
    detail:
      `Entry ${at} has been changed, removed or moved since the server wrote it. ${before} ` +
      'Tell whoever looks after Mapboard in your organisation.',
  }
}
