import type { NoteSnapshot } from '@mapboard/map-model'

/** "Sam Patel · Riverside Primary School", or just the name: who added a note, as shown on it. */
export function noteByline(note: NoteSnapshot): string {
  return [note.author, note.agency].filter((part) => part !== '').join(' · ')
}
