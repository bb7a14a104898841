import { expect, it } from 'vitest'
import { replaceSection } from '../src/report/replaceSection.ts'

const START = '<!-- bench:servers:start -->'
const END = '<!-- bench:servers:end -->'

it('replaces only the text between its own markers', () => {
  const document = [
    '# Benchmarks',
    '',
    START,
    'old figures',
    END,
    '',
    '<!-- bench:gate:start -->',
    'Permission checks: theirs',
    '<!-- bench:gate:end -->',
    '',
  ].join('\n')
  const updated = replaceSection(document, 'servers', 'new figures')
  expect(updated).toContain(`${START}\n\nnew figures\n\n${END}`)
  expect(updated).not.toContain('old figures')
  expect(updated).toContain('<!-- bench:gate:start -->\nPermission checks: theirs\n<!-- bench:gate:end -->')
  expect(updated.startsWith('# Benchmarks\n\n')).toBe(true)
})

it('appends the section, with its markers, to a document that has none', () => {
  const updated = replaceSection('# Benchmarks\n\n## Permission checks\n\ntheirs\n', 'servers', 'figures')
  expect(updated).toBe(`# Benchmarks\n\n## Permission checks\n\ntheirs\n\n${START}\n\nfigures\n\n${END}\n`)
  // Running again replaces instead of appending twice.
  expect(replaceSection(updated, 'servers', 'again')).toBe(updated.replace('figures', 'again'))
})
