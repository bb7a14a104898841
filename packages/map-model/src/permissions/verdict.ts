// A rule's answer on one transaction, and the wording shared by the rules that refuse.
import { isZoneId, zoneLabel } from '../zones.ts'
import type { RuleId } from './rules.ts'

export type Verdict = { allowed: true } | { allowed: false; rule: RuleId; message: string }

export const ALLOWED: Verdict = { allowed: true }

export function refuse(rule: RuleId, message: string): Verdict {
  return { allowed: false, rule, message }
}

export function lockMessage(zone: unknown): string {
  return isZoneId(zone)
    ? `${zoneLabel(zone)} is locked by the chair.`
    : 'That section is locked by the chair.'
}
