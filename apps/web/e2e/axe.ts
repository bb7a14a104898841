// axe-core, run inside the page under test. Its script is read from the installed package and evaluated through
// the DevTools protocol, so the page asks nothing of any other origin and the app's content security policy stays
// as it is.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import type { AxeResults, RunOptions } from 'axe-core'

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/**
 * Every rule axe runs by default (WCAG A and AA, and the best-practice ones such as region, heading-order and
 * landmark-*), plus label-content-name-mismatch, which axe ships as experimental and so leaves off unless asked.
 */
const RUN_OPTIONS: RunOptions = {
  rules: { 'label-content-name-mismatch': { enabled: true } },
  resultTypes: ['violations'],
}

export interface AxeViolation {
  rule: string
  impact: string
  help: string
  /** One entry per element that fails: its CSS path and axe's summary of what to fix. */
  nodes: Array<{ target: string; summary: string }>
}

type AxeWindow = Window & { axe?: { run(context: Document, options: RunOptions): Promise<AxeResults> } }

/** Runs axe on the whole document as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  return page.evaluate(async (options) => {
    const axe = (window as AxeWindow).axe
    if (axe === undefined) throw new Error('axe-core did not load in the page')
    const results = await axe.run(document, options)
    return results.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      nodes: violation.nodes.map((node) => ({
        target: node.target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : part)).join(' '),
        summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
      })),
    }))
  }, RUN_OPTIONS)
}

/** One readable line per failing element: rule, impact, where, and what axe says to fix. */
export function describeViolations(violations: readonly AxeViolation[]): string[] {
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.rule} (${violation.impact}) at ${node.target}: ${violation.help}. ${node.summary}`,
    ),
  )
}
