import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** One `deb` source of apt, from either the one-line or the deb822 (`.sources`) format. */
export interface AptSource {
  uri: string
  suites: string[]
  components: string[]
}

/** Parses `/etc/apt/sources.list`-style lines: `deb [options] URI suite [components…]`. */
export function parseOneLineSources(text: string): AptSource[] {
  const sources: AptSource[] = []
  for (const raw of text.split('\n')) {
    const line = raw
      .replace(/#.*/, '')
      .replace(/\[[^\]]*\]/, ' ')
      .trim()
    const [type, uri, suite, ...components] = line.split(/\s+/)
    if (type === 'deb' && uri && suite) sources.push({ uri, suites: [suite], components })
  }
  return sources
}

/** Parses deb822 stanzas (`Types: deb`, `URIs:`, `Suites:`, `Components:`, `Enabled:`). */
export function parseDeb822Sources(text: string): AptSource[] {
  const sources: AptSource[] = []
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>()
    for (const line of stanza.split('\n')) {
      const match = /^([A-Za-z-]+):\s*(.*)$/.exec(line.trim())
      if (match && !line.trim().startsWith('#')) fields.set(match[1]!.toLowerCase(), match[2]!.trim())
    }
    const words = (key: string) => (fields.get(key) ?? '').split(/\s+/).filter(Boolean)
    if (!words('types').includes('deb') || fields.get('enabled')?.toLowerCase() === 'no') continue
    for (const uri of words('uris')) {
      sources.push({ uri, suites: words('suites'), components: words('components') })
    }
  }
  return sources
}

/**
 * The Debian archive mirror this machine's apt uses: the first `main` source that is neither the
 * security archive nor an -updates/-backports suite. Undefined when apt knows no Debian mirror.
 */
export function pickDebianMirror(sources: AptSource[]): string | undefined {
  const archive = sources.find(
    (s) =>
      s.components.includes('main') &&
      !/security/.test(s.uri) &&
      s.suites.some((suite) => /^[a-z]+$/.test(suite)) &&
      /\/debian\/?$/.test(s.uri),
  )
  return archive?.uri.replace(/\/$/, '')
}

/** Reads apt's sources under `root` (`/` by default); `LABS_DEBIAN_MIRROR` overrides. */
export function debianMirror(env: NodeJS.ProcessEnv = process.env, root = '/'): string | undefined {
  if (env.LABS_DEBIAN_MIRROR) return env.LABS_DEBIAN_MIRROR.replace(/\/$/, '')
  const sources: AptSource[] = []
  const etc = join(root, 'etc/apt')
  sources.push(...parseOneLineSources(readOr(join(etc, 'sources.list'))))
  let names: string[] = []
  try {
    names = readdirSync(join(etc, 'sources.list.d')).sort()
  } catch {
    names = []
  }
  for (const name of names) {
    const text = readOr(join(etc, 'sources.list.d', name))
    if (name.endsWith('.list')) sources.push(...parseOneLineSources(text))
    else if (name.endsWith('.sources')) sources.push(...parseDeb822Sources(text))
  }
  return pickDebianMirror(sources)
}

function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}
