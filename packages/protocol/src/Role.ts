/** Who a participant is in the conference; product.md says what each may do. */
export const ROLES = ['chair', 'professional', 'family', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
