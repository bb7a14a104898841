// The audit trail's hash chain. Each entry's hash is SHA-256 over the previous entry's hash and the entry's own
// content in one fixed form, so changing, removing or reordering any entry breaks every hash from there on; the
// head (the last seq and hash, stored apart) shows a removed last entry. Both engines chain through here.
import { createHash } from 'node:crypto'
import type { AuditDraft, AuditHead, AuditRecord, StoredAudit } from './AuditStore.ts'
import type { AuditVerification } from '@mapboard/protocol'

/** What the first entry of a chain is hashed over in place of a previous hash. */
const GENESIS = ''

/** The entry's content in one fixed form: field order and JSON encoding never change. */
function canonical(entry: Omit<AuditRecord, 'hash'>): string {
  const { actor } = entry
  return JSON.stringify([
    entry.seq,
    entry.at,
    actor === null ? null : [actor.participantId, actor.name, actor.role, actor.agency],
    entry.action,
    entry.target,
    entry.section,
    entry.summary,
    entry.audience,
  ])
}

export function auditHash(previousHash: string, entry: Omit<AuditRecord, 'hash'>): string {
  return createHash('sha256').update(previousHash).update('\n').update(canonical(entry)).digest('hex')
}

/** Numbers and hashes `drafts` after `head` (null: a new chain). */
export function chainDrafts(head: AuditHead | null, drafts: readonly AuditDraft[]): AuditRecord[] {
  let seq = head?.seq ?? 0
  let previous = head?.hash ?? GENESIS
  return drafts.map((draft) => {
    const unhashed = {
      seq: ++seq,
      at: draft.at,
      actor: draft.actor === null ? null : { ...draft.actor },
      action: draft.action,
      target: draft.target,
      section: draft.section,
      summary: draft.summary,
      audience: draft.audience,
    }
    const entry = { ...unhashed, hash: auditHash(previous, unhashed) }
    previous = entry.hash
    return entry
  })
}

/**
 * Checks a stored trail: entries numbered 1…n in order, each hash as recomputed, and the head at the last one.
 * `firstBad` is the first seq that is not as written: a changed entry's own, a removed entry's, or where the
 * order breaks.
 */
export function verifyAudit({ entries, head }: StoredAudit): AuditVerification {
  let previous = GENESIS
  for (const [index, entry] of entries.entries()) {
    const expected = index + 1
    const { hash, ...content } = entry
    if (entry.seq !== expected || auditHash(previous, content) !== hash) {
      return { ok: false, entries: entries.length, firstBad: expected }
    }
    previous = hash
  }
  const last = entries.length
  if ((head?.seq ?? 0) !== last || (head !== null && head.hash !== previous)) {
    // The chain is whole but shorter (or other) than its head says: the entries after it are gone.
    return { ok: false, entries: last, firstBad: last + 1 }
  }
  return { ok: true, entries: last }
}
