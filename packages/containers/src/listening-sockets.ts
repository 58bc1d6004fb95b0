/** A TCP socket in LISTEN state, from /proc/net/tcp or /proc/net/tcp6. */
export interface ListeningSocket {
  address: string
  port: number
  /** Only reachable from inside the container (127.0.0.0/8 or ::1). */
  loopbackOnly: boolean
}

const LISTEN = '0A'

/** Parses the text of `cat /proc/net/tcp /proc/net/tcp6`. */
export function parseListeningSockets(procNetTcp: string): ListeningSocket[] {
  const out: ListeningSocket[] = []
  for (const line of procNetTcp.split('\n')) {
    const fields = line.trim().split(/\s+/)
    const local = fields[1]
    if (!local || fields[3] !== LISTEN || !/^[0-9A-F]+:[0-9A-F]{4}$/i.test(local)) continue
    const [hex = '', portHex = ''] = local.split(':')
    const address = hex.length === 8 ? ipv4(hex) : ipv6(hex)
    out.push({ address, port: Number.parseInt(portHex, 16), loopbackOnly: isLoopback(address) })
  }
  return out
}

function ipv4(hex: string): string {
  // little-endian u32
  const bytes = [6, 4, 2, 0].map((i) => Number.parseInt(hex.slice(i, i + 2), 16))
  return bytes.join('.')
}

function ipv6(hex: string): string {
  const words: string[] = []
  for (let i = 0; i < 32; i += 8) {
    const group = hex.slice(i, i + 8)
    const le = [6, 4, 2, 0].map((j) => group.slice(j, j + 2)).join('')
    words.push(le.slice(0, 4), le.slice(4, 8))
  }
  const full = words.map((w) => w.replace(/^0+(?=.)/, '').toLowerCase()).join(':')
  if (full === '0:0:0:0:0:0:0:0') return '::'
  if (full === '0:0:0:0:0:0:0:1') return '::1'
  const mapped = /^0:0:0:0:0:ffff:([0-9a-f]+):([0-9a-f]+)$/.exec(full)
  if (mapped?.[1] && mapped[2]) {
    const n = (Number.parseInt(mapped[1], 16) << 16) | Number.parseInt(mapped[2], 16)
    return `::ffff:${[24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.')}`
  }
  return full
}

function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.')
}
