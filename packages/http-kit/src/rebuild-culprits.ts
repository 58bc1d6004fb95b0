import type { RebuildReport } from './api-check-context.ts'

type Step = RebuildReport['steps'][number]

/**
 * The steps picked by `isWatched` that ran again, each with the step before it that made it run: the
 * first step of its own stage, or of a stage it is built FROM, that did not come from the cache.
 * A watched step that ran again with every such step cached is left out: its inputs did not change,
 * so the Dockerfile is not at fault. The classic builder ran it again only because it picked an
 * identical layer of another build (concurrent builds of one package.json each make their own
 * `COPY` layer, and the builder takes the newest, whose children are not this build's).
 */
export function rerunCulprits(
  report: RebuildReport,
  isWatched: (step: Step) => boolean,
): { step: Step; culprit: Step }[] {
  return report.steps.flatMap((step, index) => {
    if (step.cached || !isWatched(step)) return []
    const chain = stageChain(report.stageBases, step.stage)
    const culprit = report.steps.slice(0, index).find((s) => chain.has(s.stage) && !s.cached)
    return culprit ? [{ step, culprit }] : []
  })
}

/** A stage and every earlier stage it is built FROM, transitively. */
function stageChain(bases: readonly (number | null)[], stage: number): Set<number> {
  const chain = new Set<number>()
  for (let s: number | null | undefined = stage; s !== null && s !== undefined && !chain.has(s); s = bases[s])
    chain.add(s)
  return chain
}
