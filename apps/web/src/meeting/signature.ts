/** "Recorded by Sam Patel (Riverside Primary School)": who wrote a part of the record. */
export function signature(by: { name: string; agency: string }): string {
  return `Recorded by ${by.name}${by.agency ? ` (${by.agency})` : ''}`
}
