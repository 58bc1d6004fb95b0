const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost'])

/**
 * The URL of a load target, checked: plain http to the loopback address (an app's published port)
 * or to one of `allowedHosts` (containers on a network the grader created). Anything else is refused:
 * the grader never sends load to a machine it does not own.
 */
export function checkLoadTarget(url: string, allowedHosts: readonly string[]): URL {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new RangeError(`load target "${url}" is not a URL`)
  }
  if (parsed.protocol !== 'http:')
    throw new RangeError(`load target ${parsed.origin} refused: only plain http is supported`)
  if (!LOOPBACK.has(parsed.hostname) && !allowedHosts.includes(parsed.hostname))
    throw new RangeError(
      `load target ${parsed.origin} refused: load goes only to 127.0.0.1 or to containers on a network the grader created (${allowedHosts.length ? allowedHosts.join(', ') : 'none named'})`,
    )
  return parsed
}
