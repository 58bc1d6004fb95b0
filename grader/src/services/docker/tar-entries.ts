/** One entry of a tar stream, as `docker cp` (the archive API) produces it. */
export interface TarEntryHeader {
  name: string
  type: 'file' | 'directory' | 'symlink' | 'other'
  size: number
  linkname: string
}

const BLOCK = 512

/**
 * Reads a tar stream entry by entry (ustar, with GNU long names and PAX `path`/`linkpath`, which
 * Go's archive/tar writes for long paths). `onEntry` gets each header and, for files, its content
 * up to `maxContentBytes`; returning `false` stops reading.
 */
export async function readTarEntries(
  stream: AsyncIterable<Buffer>,
  onEntry: (entry: TarEntryHeader, content: Buffer | undefined) => boolean | undefined,
  maxContentBytes = 0,
): Promise<void> {
  let buffer: Buffer = Buffer.alloc(0)
  let longName: string | undefined
  let longLink: string | undefined
  let body:
    | { header: TarEntryHeader; remaining: number; padding: number; kept: Buffer[]; raw?: Buffer[] }
    | undefined

  for await (const chunk of stream) {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk
    while (true) {
      if (body) {
        const take = Math.min(body.remaining, buffer.length)
        const part = buffer.subarray(0, take)
        if (body.raw) body.raw.push(Buffer.from(part))
        else if (keptBytes(body.kept) < maxContentBytes)
          body.kept.push(Buffer.from(part.subarray(0, maxContentBytes - keptBytes(body.kept))))
        body.remaining -= take
        buffer = buffer.subarray(take)
        if (body.remaining > 0) break
        if (buffer.length < body.padding) break
        buffer = buffer.subarray(body.padding)
        const done = body
        body = undefined
        if (done.raw) {
          const meta = Buffer.concat(done.raw)
          const kind = done.header.name
          if (kind === 'L') longName = cString(meta)
          else if (kind === 'K') longLink = cString(meta)
          else {
            const pax = parsePax(meta)
            longName = pax.path ?? longName
            longLink = pax.linkpath ?? longLink
          }
          continue
        }
        const content = done.header.type === 'file' ? Buffer.concat(done.kept) : undefined
        if (onEntry(done.header, content) === false) return
        continue
      }
      if (buffer.length < BLOCK) break
      const block = buffer.subarray(0, BLOCK)
      buffer = buffer.subarray(BLOCK)
      if (block.every((b) => b === 0)) continue // end-of-archive blocks
      const size = octal(block.subarray(124, 136))
      const typeflag = String.fromCharCode(block[156] ?? 0)
      const padding = (BLOCK - (size % BLOCK)) % BLOCK
      if (typeflag === 'L' || typeflag === 'K' || typeflag === 'x') {
        body = {
          header: { name: typeflag, type: 'other', size, linkname: '' },
          remaining: size,
          padding,
          kept: [],
          raw: [],
        }
        continue
      }
      const prefix = cString(block.subarray(345, 500))
      const shortName = cString(block.subarray(0, 100))
      const header: TarEntryHeader = {
        name: longName ?? (prefix ? `${prefix}/${shortName}` : shortName),
        type: typeOf(typeflag),
        size,
        linkname: longLink ?? cString(block.subarray(157, 257)),
      }
      longName = undefined
      longLink = undefined
      body = { header, remaining: size, padding, kept: [] }
    }
  }
}

function keptBytes(parts: Buffer[]): number {
  return parts.reduce((n, p) => n + p.length, 0)
}

function typeOf(flag: string): TarEntryHeader['type'] {
  if (flag === '0' || flag === '\0' || flag === '7') return 'file'
  if (flag === '5') return 'directory'
  if (flag === '2') return 'symlink'
  return 'other'
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0)
  return bytes.subarray(0, end < 0 ? bytes.length : end).toString('utf8')
}

function octal(bytes: Buffer): number {
  const text = cString(bytes).trim()
  return text ? Number.parseInt(text, 8) : 0
}

/** PAX records: `<length> <key>=<value>\n`. */
function parsePax(meta: Buffer): Record<string, string> {
  const out: Record<string, string> = {}
  let offset = 0
  while (offset < meta.length) {
    const space = meta.indexOf(0x20, offset)
    if (space < 0) break
    const length = Number(meta.subarray(offset, space).toString())
    if (!(length > 0)) break
    const record = meta.subarray(space + 1, offset + length - 1).toString('utf8')
    const eq = record.indexOf('=')
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1)
    offset += length
  }
  return out
}
