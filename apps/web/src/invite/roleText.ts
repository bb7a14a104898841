import type { Role } from '@mapboard/protocol'

/** How each role is named and explained to the chair when inviting. */
export const INVITE_ROLE: Record<Role, { title: string; one: string; description: string }> = {
  chair: {
    title: 'Chair',
    one: 'the chair',
    description: 'Locks sections and can change everything. Keep it to yourself.',
  },
  professional: {
    title: 'Professionals',
    one: 'a professional',
    description: 'Social worker and agencies: add their information and change their own items.',
  },
  family: {
    title: 'Family',
    one: 'family',
    description: 'Parents, carers and young people: see the map and add their own items.',
  },
  viewer: {
    title: 'Observers',
    one: 'an observer',
    description: 'Students and minute-takers: watch the map live, read-only.',
  },
}

const dateTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
})

export function formatWhen(ms: number): string {
  return dateTime.format(new Date(ms))
}
