import type { ServiceLeftovers } from '../services/service-provider.ts'

/**
 * The notice for what a grade's clean-up could not remove: the verdict stands (the checks were done),
 * but the learner should know that something of the grader is still on their engine, and how it goes.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: what ServiceInstance.dispose() resolves to
export function leftoverNotice(outcome: ServiceLeftovers | undefined | void): string | undefined {
  const leftovers = outcome?.leftovers ?? []
  if (leftovers.length === 0) return undefined
  const counts = new Map<string, number>()
  for (const l of leftovers) counts.set(l.kind, (counts.get(l.kind) ?? 0) + 1)
  const what = [...counts].map(([kind, n]) => `${n} Docker ${kind}${n === 1 ? '' : 's'}`).join(' and ')
  const first = leftovers[0]
  const reason = first ? ` (${first.kind} ${first.id.slice(0, 12)}: ${first.reason.trim()})` : ''
  return (
    `the grader could not remove ${what} it made for this grade${reason}. ` +
    '`pnpm labs clean` removes leftovers once Docker lets go of them; if it cannot either, restart the Docker engine.'
  )
}
