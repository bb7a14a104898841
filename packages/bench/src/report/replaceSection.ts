/**
 * Puts `body` between `<!-- bench:<name>:start -->` and `<!-- bench:<name>:end -->` in `document`, leaving
 * everything else (other benchmarks' sections) as it is. Without markers yet, the section is appended.
 */
export function replaceSection(document: string, name: string, body: string): string {
  const start = `<!-- bench:${name}:start -->`
  const end = `<!-- bench:${name}:end -->`
  const block = `${start}\n\n${body.trim()}\n\n${end}`
  const from = document.indexOf(start)
  const to = document.indexOf(end)
  if (from !== -1 && to > from) return document.slice(0, from) + block + document.slice(to + end.length)
  const base = document.trimEnd()
  return `${base}${base === '' ? '' : '\n\n'}${block}\n`
}
