/**
 * Up to two letters for an avatar: the first letter of the first and of the last word of the name. Only letters
 * count, so "Jo Smith (Mum)" is "JS", not "J(": brackets, punctuation and digits are words' decoration, not names.
 */
export function initials(name: string): string {
  const words = name
    .replace(/\([^)]*\)|\[[^\]]*\]/gu, ' ')
    .split(/\s+/u)
    .map((word) => word.match(/\p{L}/u)?.[0] ?? '')
    .filter((letter) => letter !== '')
  const first = words[0] ?? firstLetter(name)
  const last = words.length > 1 ? (words[words.length - 1] ?? '') : ''
  return (first + last).toLocaleUpperCase()
}

/** A name that is all brackets, e.g. "(Mum)", still gets a letter. */
function firstLetter(name: string): string {
  return name.match(/\p{L}/u)?.[0] ?? ''
}
