import type { DockerfileInstruction } from './dockerfile-text.ts'

/** An image reference, normalised the way Docker reads it. */
export interface ImageReference {
  /** `node`, `backend-labs/git-server` (Docker Hub's `docker.io/library/` left out). */
  name: string
  /** `22-bookworm-slim`; `latest` when none was given. */
  tag: string
  /** `sha256:…` when pinned by digest. */
  digest?: string
  /** `name:tag`, comparable with the image catalog's refs. */
  canonical: string
}

const HUB_PREFIXES = ['docker.io/library/', 'index.docker.io/library/', 'registry-1.docker.io/library/']
const HUB_HOSTS = ['docker.io/', 'index.docker.io/', 'registry-1.docker.io/']

/** `docker.io/library/node:22@sha256:…` → `{ name: 'node', tag: '22', digest, canonical: 'node:22' }`. */
export function parseImageReference(ref: string): ImageReference {
  let rest = ref.trim()
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
  }
  const lower = rest.toLowerCase()
  const prefix = HUB_PREFIXES.find((p) => lower.startsWith(p)) ?? HUB_HOSTS.find((p) => lower.startsWith(p))
  if (prefix) rest = rest.slice(prefix.length)
  const colon = rest.lastIndexOf(':')
  const hasTag = colon > rest.lastIndexOf('/')
  const name = hasTag ? rest.slice(0, colon) : rest
  const tag = hasTag ? rest.slice(colon + 1) : 'latest'
  return { name, tag, ...(digest ? { digest } : {}), canonical: `${name}:${tag}` }
}

/** A `FROM` that names an image (not an earlier stage, not `scratch`), with build args resolved. */
export interface FromImage {
  /** As written, after `$ARG` substitution. */
  image: string
  reference: ImageReference
  line: number
}

/**
 * The images a Dockerfile builds from. `$NAME`, `${NAME}`, `${NAME:-default}` are resolved from the
 * ARGs declared before the first FROM (their defaults), overridden by `buildArgs`, as Docker does.
 * A reference still holding an unknown variable is left out (Docker would fail on it itself).
 */
export function fromImages(
  instructions: DockerfileInstruction[],
  buildArgs: Record<string, string> = {},
): FromImage[] {
  const args = new Map<string, string>()
  const stages = new Set<string>()
  const out: FromImage[] = []
  let seenFrom = false
  for (const ins of instructions) {
    if (ins.keyword === 'ARG' && !seenFrom) {
      for (const word of ins.text.split(' ').slice(1)) {
        const [name = '', ...value] = word.split('=')
        args.set(name, buildArgs[name] ?? unquote(value.join('=')))
      }
      continue
    }
    if (ins.keyword !== 'FROM') continue
    seenFrom = true
    const words = ins.text
      .split(' ')
      .slice(1)
      .filter((w) => !w.startsWith('--'))
    const image = substitute(words[0] ?? '', args)
    const earlierStage = stages.has(image.toLowerCase())
    if (words[1]?.toUpperCase() === 'AS' && words[2]) stages.add(words[2].toLowerCase())
    if (!image || image.includes('$') || image === 'scratch' || earlierStage) continue
    out.push({ image, reference: parseImageReference(image), line: ins.line })
  }
  return out
}

function substitute(text: string, args: Map<string, string>): string {
  return text.replace(/\$\{(\w+)(?::?-([^}]*))?\}|\$(\w+)/g, (whole, braced, fallback, bare) => {
    const value = args.get(braced ?? bare)
    if (value !== undefined && value !== '') return value
    return fallback ?? whole
  })
}

function unquote(value: string): string {
  return value.replace(/^(["'])(.*)\1$/, '$2')
}
