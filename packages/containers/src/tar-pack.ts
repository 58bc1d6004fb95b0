/** One entry of a tar archive built in memory. */
export interface TarEntry {
  /** Relative path with `/` separators; directories without a trailing slash. */
  name: string
  type: 'file' | 'directory' | 'symlink'
  /** Permission bits; default 0o644 for files, 0o755 for directories. */
  mode?: number
  data?: Buffer
  /** Symlink target. */
  linkname?: string
}

const BLOCK = 512

/**
 * Packs entries into a POSIX (ustar + pax) tar buffer. Small on purpose: build contexts are capped
 * in size, and owning the packer lets the Dockerfile always be included whatever `.dockerignore` says.
 */
export function packTar(entries: TarEntry[]): Buffer {
  const chunks: Buffer[] = []
  for (const entry of entries) {
    const data = entry.type === 'file' ? (entry.data ?? Buffer.alloc(0)) : Buffer.alloc(0)
    const name = entry.type === 'directory' ? `${entry.name}/` : entry.name
    const linkname = entry.linkname ?? ''
    const pax: Record<string, string> = {}
    if (Buffer.byteLength(name) > 100) pax.path = name
    if (Buffer.byteLength(linkname) > 100) pax.linkpath = linkname
    if (Object.keys(pax).length > 0) {
      const body = paxBody(pax)
      chunks.push(header({ name: 'PaxHeader', size: body.length, typeflag: 'x', mode: 0o644, linkname: '' }))
      chunks.push(padded(body))
    }
    const typeflag = entry.type === 'file' ? '0' : entry.type === 'directory' ? '5' : '2'
    const mode = entry.mode ?? (entry.type === 'directory' ? 0o755 : entry.type === 'symlink' ? 0o777 : 0o644)
    chunks.push(
      header({ name: name.slice(-100), size: data.length, typeflag, mode, linkname: linkname.slice(0, 100) }),
    )
    if (data.length > 0) chunks.push(padded(data))
  }
  chunks.push(Buffer.alloc(BLOCK * 2))
  return Buffer.concat(chunks)
}

function header(h: { name: string; size: number; typeflag: string; mode: number; linkname: string }): Buffer {
  const buf = Buffer.alloc(BLOCK)
  buf.write(h.name, 0, 100, 'utf8')
  buf.write(octal(h.mode, 7), 100, 8, 'ascii')
  buf.write(octal(0, 7), 108, 8, 'ascii') // uid
  buf.write(octal(0, 7), 116, 8, 'ascii') // gid
  buf.write(octal(h.size, 11), 124, 12, 'ascii')
  buf.write(octal(0, 11), 136, 12, 'ascii') // mtime: fixed, so the same context hashes the same
  buf.write(' '.repeat(8), 148, 8, 'ascii')
  buf.write(h.typeflag, 156, 1, 'ascii')
  buf.write(h.linkname, 157, 100, 'utf8')
  buf.write('ustar\u000000', 257, 8, 'ascii')
  let sum = 0
  for (const byte of buf) sum += byte
  buf.write(`${octal(sum, 6)}\u0000 `, 148, 8, 'ascii')
  return buf
}

function paxBody(records: Record<string, string>): Buffer {
  const lines = Object.entries(records).map(([key, value]) => {
    const rest = ` ${key}=${value}\n`
    let length = Buffer.byteLength(rest) + 1
    while (String(length).length + Buffer.byteLength(rest) !== length) length++
    return `${length}${rest}`
  })
  return Buffer.from(lines.join(''), 'utf8')
}

function padded(data: Buffer): Buffer {
  const rest = data.length % BLOCK
  return rest === 0 ? data : Buffer.concat([data, Buffer.alloc(BLOCK - rest)])
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width, '0')
}
