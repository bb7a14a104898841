import type { Prompt } from './SentenceBuilder.tsx'

// The three parts of a danger statement and of its safety goal, asked in the product's words.

export const DANGER_PROMPTS: readonly Prompt<'who' | 'worry' | 'outcome'>[] = [
  { key: 'who', label: 'Who is worried?', hint: 'For example: the social worker and the school.' },
  { key: 'worry', label: 'What are they worried about?' },
  { key: 'outcome', label: 'What do they think will happen to the child if nothing changes?' },
]

export const GOAL_PROMPTS: readonly Prompt<'parents' | 'child' | 'professionals'>[] = [
  { key: 'parents', label: 'What will the parents be doing differently?' },
  { key: 'child', label: 'What will the child experience?' },
  { key: 'professionals', label: 'What will professionals see?' },
]
