/** One CSV row as text (RFC 4180): fields with a comma, quote or line break are quoted. */
export function csvRow(fields: readonly (string | number)[]): string {
  return fields
    .map((f) => {
      const text = String(f)
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
    })
    .join(',')
}

/** A parsed CSV record with the 1-based line it starts on, for messages. */
export interface CsvRecord {
  line: number
  fields: string[]
}

/** Parses CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks); blank lines are skipped. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = []
  let fields: string[] = []
  let field = ''
  let quoted = false
  let line = 1
  let start = 1
  const endRecord = () => {
    fields.push(field)
    if (fields.length > 1 || fields[0] !== '') records.push({ line: start, fields })
    fields = []
    field = ''
  }
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else {
        if (c === '\n') line++
        field += c
      }
    } else if (c === '"' && field === '') quoted = true
    else if (c === ',') {
      fields.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++
      endRecord()
      line++
      start = line
    } else field += c
  }
  if (field !== '' || fields.length) endRecord()
  return records
}
