/**
 * The rate-limit headers of the IETF httpapi draft (draft-ietf-httpapi-ratelimit-headers, from
 * revision 08): structured-field lists of named items with parameters,
 *   RateLimit-Policy: "default";q=20;w=10
 *   RateLimit: "default";r=7;t=4
 * q is the quota and w its window in seconds; r is what remains, t the seconds until the quota resets.
 */
export interface RateLimitItem {
  name: string
  params: Record<string, number>
}

/** Parses a list of `"name";key=int;key=int` items (a token name is accepted too); undefined when malformed. */
export function parseRateLimitList(value: string | undefined): RateLimitItem[] | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const items: RateLimitItem[] = []
  for (const member of value.split(',')) {
    const [rawName, ...rawParams] = member.trim().split(';')
    const name =
      /^"([^"\\]*)"$/.exec(rawName?.trim() ?? '')?.[1] ??
      /^[a-zA-Z*][\w:/.*-]*$/.exec(rawName?.trim() ?? '')?.[0]
    if (name === undefined) return undefined
    const params: Record<string, number> = {}
    for (const raw of rawParams) {
      const match = /^\s*([a-z*][a-z0-9_.*-]*)=(-?\d{1,15})\s*$/.exec(raw)
      if (!match) {
        // other parameter types (strings, tokens) are allowed by the draft; only integers matter here
        if (/^\s*[a-z*][a-z0-9_.*-]*(=.*)?\s*$/.test(raw)) continue
        return undefined
      }
      params[match[1]!] = Number(match[2])
    }
    items.push({ name, params })
  }
  return items
}
