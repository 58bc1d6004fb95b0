/** The code of a module with comments and string literals blanked, so keyword searches do not match prose. */
export function codeOnly(definition: string): string {
  return definition.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|N?'(?:[^']|'')*'/g, (m) =>
    m.startsWith("'") || m.startsWith("N'") ? "''" : ' ',
  )
}

const unquote = (name: string) => name.replace(/^\[(.*)\]$/, '$1')

/** Splits at commas outside parentheses. */
function topLevelItems(text: string): string[] {
  const items: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '(') depth++
    else if (ch === ')') depth--
    else if (ch === ',' && depth === 0) {
      items.push(text.slice(start, i))
      start = i + 1
    }
  }
  items.push(text.slice(start))
  return items.map((s) => s.trim()).filter(Boolean)
}

/** The name a select-list item gets: `x AS Name`, `Name = x`, `x Name` or the column itself. */
function itemName(item: string): string | undefined {
  const name = String.raw`(\[[^\]]+\]|[A-Za-z_][\w@#$]*)`
  const assigned = new RegExp(`^${name}\\s*=(?!=)`).exec(item)
  if (assigned) return unquote(assigned[1]!)
  const aliased = new RegExp(`(?:\\bAS\\s+|[\\s)\\]])${name}$`, 'i').exec(item)
  if (aliased && !/^\s*[\w\]]+\.\S+$/.test(item)) return unquote(aliased[1]!)
  const column = new RegExp(`${name}$`).exec(item)
  return column ? unquote(column[1]!) : undefined
}

/**
 * The column names of `CREATE [OR ALTER] VIEW name [(columns)] AS SELECT …`, read from its text:
 * the explicit column list, else the outer select list. Undefined when the text is not that shape.
 */
export function viewColumns(definition: string): string[] | undefined {
  const code = codeOnly(definition)
  const head = /\bVIEW\s+(?:\[[^\]]+\]|[\w$#@]+)(?:\s*\.\s*(?:\[[^\]]+\]|[\w$#@]+))?\s*(\(([^)]*)\))?/i.exec(
    code,
  )
  if (!head) return undefined
  if (head[2]) return topLevelItems(head[2]).map(unquote)
  // The first SELECT outside parentheses after the header, up to its FROM outside parentheses.
  const rest = code.slice(head.index + head[0].length)
  let depth = 0
  let select = -1
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i]
    if (ch === '(') depth++
    else if (ch === ')') depth--
    else if (depth === 0 && /\w/.test(ch ?? '') && !/\w/.test(rest[i - 1] ?? '')) {
      const word = /^\w+/.exec(rest.slice(i))?.[0].toUpperCase()
      if (select < 0 && word === 'SELECT') select = i + 6
      else if (select >= 0 && word === 'FROM') {
        const list = rest
          .slice(select, i)
          .replace(/^\s*(?:DISTINCT|ALL)\b/i, '')
          .replace(/^\s*TOP\s*(?:\([^)]*\)|\d+)(?:\s+PERCENT)?(?:\s+WITH\s+TIES)?/i, '')
        return topLevelItems(list)
          .map(itemName)
          .filter((n): n is string => n !== undefined)
      }
      i += (word?.length ?? 1) - 1
    }
  }
  return undefined
}
