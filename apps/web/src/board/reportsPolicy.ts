import { DEFAULT_REPORTS_POLICY } from '@mapboard/map-model'
import type { ReportsPolicy } from '@mapboard/map-model'
import type { ReportsPolicyInfo } from '@mapboard/protocol'

/** More extra holidays than any deployment lists; a longer list did not come from our server. */
const MAX_EXTRA_HOLIDAYS = 2_000
const LONDON_DATE = /^\d{4}-\d{2}-\d{2}$/

/** The policy in a join answer (or a join remembered on this device), or undefined if it is missing or garbled. */
export function readReportsPolicyInfo(value: unknown): ReportsPolicyInfo | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { initialHours, reviewWorkingDays, extraBankHolidays } = value as Record<string, unknown>
  const count = (n: unknown): n is number =>
    typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 10_000
  if (!count(initialHours) || !count(reviewWorkingDays)) return undefined
  if (!Array.isArray(extraBankHolidays) || extraBankHolidays.length > MAX_EXTRA_HOLIDAYS) return undefined
  const days: string[] = []
  for (const day of extraBankHolidays) {
    if (typeof day !== 'string' || !LONDON_DATE.test(day)) return undefined
    days.push(day)
  }
  return { initialHours, reviewWorkingDays, extraBankHolidays: days }
}

/**
 * The reports policy the board marks late items by: the deployment's, as its server said when this participant
 * joined, so the board and the record agree; England and Wales's when the answer had none.
 */
export function reportsPolicyOf(info: ReportsPolicyInfo | undefined): ReportsPolicy {
  if (info === undefined) return DEFAULT_REPORTS_POLICY
  const { initialHours, reviewWorkingDays, extraBankHolidays } = info
  const sameDays = extraBankHolidays.length === 0
  if (
    sameDays &&
    initialHours === DEFAULT_REPORTS_POLICY.initialHours &&
    reviewWorkingDays === DEFAULT_REPORTS_POLICY.reviewWorkingDays
  )
    return DEFAULT_REPORTS_POLICY
  return {
    initialHours,
    reviewWorkingDays,
    bankHolidays: sameDays
      ? DEFAULT_REPORTS_POLICY.bankHolidays
      : [...DEFAULT_REPORTS_POLICY.bankHolidays, ...extraBankHolidays],
  }
}
