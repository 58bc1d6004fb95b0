export interface MarkerHit {
  line: number
  text: string
}

const OPEN_CLOSE = /^(<{7}|>{7})( |$)/
const ANY_MARKER = /^(<{7}( |$)|={7}$|>{7}( |$)|\|{7}( |$))/
/** Documents where a line of `=======` is a heading underline (Markdown, reStructuredText, AsciiDoc, text). */
const DOCUMENT = /\.(md|markdown|mdx|rst|adoc|asciidoc|txt)$/i

/**
 * Lines that still hold merge conflict markers (1-based). Every marker counts, `=======` alone
 * too (a merge left half-resolved), except in documents (see {@link DOCUMENT}), where a lone
 * `=======` line is a heading underline and only counts when the file also has an opening or
 * closing marker. Without a path the file is taken for a document.
 */
export function findConflictMarkers(content: string, path = 'file.txt'): MarkerHit[] {
  const lines = content.split('\n')
  if (DOCUMENT.test(path) && !lines.some((l) => OPEN_CLOSE.test(l))) return []
  const hits: MarkerHit[] = []
  lines.forEach((text, i) => {
    if (ANY_MARKER.test(text)) hits.push({ line: i + 1, text })
  })
  return hits
}
