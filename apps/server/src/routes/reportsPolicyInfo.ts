import { DEFAULT_REPORTS_POLICY } from '@mapboard/map-model'
import type { ReportsPolicy } from '@mapboard/map-model'
import type { ReportsPolicyInfo } from '@mapboard/protocol'

const DEFAULT_HOLIDAYS: ReadonlySet<string> = new Set(DEFAULT_REPORTS_POLICY.bankHolidays)

/**
 * The deployment's reports policy as the join answer carries it: the numbers, and only the holidays beyond the
 * England and Wales list both sides already hold (a deployment adds days; it cannot take them away).
 */
export function reportsPolicyInfo(policy: ReportsPolicy): ReportsPolicyInfo {
  return {
    initialHours: policy.initialHours,
    reviewWorkingDays: policy.reviewWorkingDays,
    extraBankHolidays: [...new Set(policy.bankHolidays.filter((day) => !DEFAULT_HOLIDAYS.has(day)))].sort(),
  }
}
