export interface MarkerHit {
  line: number
  text: string
}

const OPEN_CLOSE = /^(<{7}|>{7})( |$)/
const ANY_MARKER = /^(<{7}( |$)|={7}$|>{7}( |$)|\|{7}( |$))/

/**
 * Lines that still hold merge conflict markers (1-based). A lone `=======` line (a Markdown
 * underline) only counts when the file also has an opening or closing marker.
 */
export function findConflictMarkers(content: string): MarkerHit[] {
  const lines = content.split('\n')
  if (!lines.some((l) => OPEN_CLOSE.test(l))) return []
  const hits: MarkerHit[] = []
  lines.forEach((text, i) => {
    if (ANY_MARKER.test(text)) hits.push({ line: i + 1, text })
  })
  return hits
}
